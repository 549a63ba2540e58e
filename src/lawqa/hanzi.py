"""Traditional characters, as far as the rules need them.

lawqa decodes Big5 reports, but its vocabularies (title kinds, section names, agency suffixes,
the fixed phrases of censored-deletion) are written in simplified characters. :func:`simplified`
maps the traditional forms of that vocabulary one character to one character, so a rule can
match on the simplified text and keep every position (and the original text) for its finding.
It is deliberately not a general converter: it covers the structural words of the genre.

:func:`traditional_share` tells a traditional line from a simplified one: the share of its CJK
characters that Big5 has and GB2312 lacks (們, 導, 專 …). Rules with simplified statistics
(inserted-junk) skip such lines rather than judge them.
"""

from __future__ import annotations

import re
from functools import cache

# traditional → simplified, one character each; the structural vocabulary of the genre
_PAIRS = (
    "臺台學学論论話话貫贯徹彻報报總总結结匯汇況况職职點点計计劃划規规舉举開开進进實实績绩顯显積积極极問问題题難难處处環环節节後后"
    "設设關关於于會会辦办廳厅組组團团員员鎮镇鄉乡館馆務务參参與与號号書书記记長长區区縣县門门機机構构監监"
    "衛卫獄狱農农發发審审稅税財财執执經经濟济資资訊讯際际險险華华國国黨党習习講讲專专級级單单項项義义領领"
    "導导這这個个們们將将續续權权為为對对時时現现體体屬属應应風风覽览聯联網网絡络條条證证"
)
_SIMPLIFY = str.maketrans(dict(zip(_PAIRS[0::2], _PAIRS[1::2], strict=True)))
_TRADITIONALIZE = str.maketrans(dict(zip(_PAIRS[1::2], _PAIRS[0::2], strict=True)))
_HAS_TRADITIONAL = re.compile(f"[{_PAIRS[0::2]}]")  # one class scan in C before a translate
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def simplified(text: str) -> str:
    """``text`` with the genre's traditional characters in simplified form; same length."""
    return text if _HAS_TRADITIONAL.search(text) is None else text.translate(_SIMPLIFY)


def traditional(text: str) -> str:
    """The inverse of :func:`simplified` on its vocabulary: what a fix inserts into a traditional
    line must be traditional too (习近平总书记 → 習近平總書記)."""
    return text.translate(_TRADITIONALIZE)


@cache
def _traditional_only() -> frozenset[str]:
    """Characters Big5 encodes and GB2312 does not: traditional forms (and a few rare characters)."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                ch = bytes((lead, trail)).decode("big5")
            except UnicodeDecodeError:
                continue
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                out.add(ch)
    return frozenset(out)


def traditional_share(text: str) -> float:
    """Share of the CJK characters of ``text`` that only traditional Chinese uses (0 when none)."""
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    trad = _traditional_only()
    return sum(ch in trad for ch in cjk) / len(cjk)
