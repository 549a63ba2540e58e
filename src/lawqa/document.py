"""The document structure stage: decoded lines → a structured :class:`~lawqa.model.Document`.

:func:`parse` classifies every line (one :class:`~lawqa.model.LineKind` per line) and
extracts the title (possibly split over two lines, possibly after blank lines), the web
metadata lines and their publishing date, the numbered headings of GB/T 9704-2012 and the
forms real files use, the inline enumerations (一是…二是…), and the signature block
(agency + date near the end; anything after it is boilerplate).

Everything is a pure function of the lines, runs in linear time, and never raises on
content: any tuple of strings parses.

Heading levels and styles:

======  =====================  =========================================
level   marker                 style names
======  =====================  =========================================
1       一、 一. 一．          ``dun``, ``dot``, ``dot-full``
2       （一） (一)            ``paren-full``, ``paren-half``, ``paren-mixed``
3       1. 1． 1、             ``dot``, ``dot-full``, ``dun``
4       （1） (1)              ``paren-full``, ``paren-half``, ``paren-mixed``
======  =====================  =========================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from lawqa.hanzi import simplified
from lawqa.model import Document, Enumeration, Heading, LineKind, Signature, Title

__all__ = [
    "MetadataDate",
    "cn_number",
    "cn_numeral",
    "date_span",
    "heading_marker",
    "match_heading",
    "parse",
    "parse_date",
    "published_date_span",
]

# --------------------------------------------------------------------------- numerals

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NAMES = "〇一二三四五六七八九"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral from 1 to 99 (一, 十, 十一, 二十三), or ``None``."""
    if not text or len(text) > 3:
        return None
    if "十" in text:
        head, _, tail = text.partition("十")
        if "十" in tail or len(head) > 1 or len(tail) > 1:
            return None
        tens = 1 if not head else _CN_DIGIT.get(head, 0)
        units = 0 if not tail else _CN_DIGIT.get(tail, 0)
        if tens == 0 or (tail and units == 0) or (head and head in "〇零○两"):
            return None
        return tens * 10 + units
    if len(text) != 1:
        return None
    value = _CN_DIGIT.get(text, 0)
    return value or None


def cn_numeral(number: int) -> str:
    """The Chinese numeral of ``number`` (1–99): 3 → 三, 11 → 十一, 23 → 二十三."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return _CN_NAMES[units]
    head = "" if tens == 1 else _CN_NAMES[tens]
    return head + "十" + (_CN_NAMES[units] if units else "")


def _arabic(text: str) -> int | None:
    text = text.translate(_FULLWIDTH_DIGITS)
    if not text.isdigit() or text.startswith("0"):
        return None
    return int(text)


# --------------------------------------------------------------------------- headings

_WS = " \t\u3000\xa0\u2002\u2003\u2009\ufeff"
_CN = "一二三四五六七八九十"
_H1 = re.compile(rf"([{_CN}]{{1,3}})([、．.])(?![{_CN}][、季级类批期档])")
_H2 = re.compile(rf"([（(])([{_CN}]{{1,3}})([）)])")
_H3 = re.compile(r"([0-9０-９]{1,3})([.．、])(?![0-9０-９%％])")
_H4 = re.compile(r"([（(])([0-9０-９]{1,3})([）)])")
# a part or chapter above 一、 (level 0): 第一部分 / 第二章 / 第三篇, on a short title-like line
_H0 = re.compile(rf"第([{_CN}]{{1,3}})(部分|章|篇)(?=[{_WS}：:、]|$)")
_H0_MAX = 40  # characters: longer, or with a full stop, it is a sentence that starts that way
# the 附件 note: 附件：1.… / 附件1： / 附件 — its numbered list is not the document's headings
_ATTACHMENT = re.compile(rf"[{_WS}]*附件[{_WS}]*[0-9０-９一二三四五六七八九十]*[{_WS}]*(?:[:：]|$)")
_DELIM_STYLE = {"、": "dun", ".": "dot", "．": "dot-full"}


def _paren_style(open_: str, close: str) -> str:
    if open_ == "（" and close == "）":
        return "paren-full"
    if open_ == "(" and close == ")":
        return "paren-half"
    return "paren-mixed"


def match_heading(text: str, line: int = 0) -> Heading | None:
    """The heading that ``text`` (one line) starts with, or ``None``.

    Leading white space is allowed; body text that merely starts with a number
    (``1.5亿元``, ``2023年``, ``12345热线``, ``3·15``, ``2.5%``) is not a heading.
    """
    start = len(text) - len(text.lstrip(_WS))
    if start >= len(text):
        return None
    first = text[start]
    found: tuple[int, int, int, str] | None = None
    if first in "（(":
        m = _H2.match(text, start)
        if m and (n := cn_number(m.group(2))):
            found = (2, n, m.end(), _paren_style(m.group(1), m.group(3)))
        else:
            m = _H4.match(text, start)
            if m and (n := _arabic(m.group(2))):
                found = (4, n, m.end(), _paren_style(m.group(1), m.group(3)))
    elif first in _CN:
        m = _H1.match(text, start)
        if m and (n := cn_number(m.group(1))):
            found = (1, n, m.end(), _DELIM_STYLE[m.group(2)])
    elif first.isdigit():
        m = _H3.match(text, start)
        if m and (n := _arabic(m.group(1))):
            found = (3, n, m.end(), _DELIM_STYLE[m.group(2)])
    elif first == "第" and len(text) - start <= _H0_MAX and "。" not in text:
        m = _H0.match(text, start)
        if m and (n := cn_number(m.group(1))):
            found = (0, n, m.end(), m.group(2))
    if found is None:
        return None
    level, number, end, style = found
    return Heading(
        line=line,
        column=start + 1,
        end_column=end + 1,
        level=level,
        number=number,
        marker=text[start:end],
        style=style,
        title=text[end:].strip(_WS),
    )


def heading_marker(level: int, number: int, style: str) -> str:
    """The marker a heading of ``level``/``number`` has in ``style``: (2, 2, paren-full) → （二）."""
    if level == 0:
        return f"第{cn_numeral(number)}{style if style in ('部分', '章', '篇') else '部分'}"
    numeral = cn_numeral(number) if level in (1, 2) else str(number)
    if level in (2, 4):
        open_, close = ("(", ")") if style == "paren-half" else ("（", "）")
        return f"{open_}{numeral}{close}"
    delim = {"dun": "、", "dot": ".", "dot-full": "．"}.get(style, "、" if level == 1 else ".")
    return f"{numeral}{delim}"


# ----------------------------------------------------------------------- enumerations

_ENUM = re.compile(rf"(?<![^\s，。；：、！？,.;:!?）)”\"」』】\]])([{_CN}]{{1,3}})(是|要)")


def _enumerations(text: str) -> list[tuple[int, int, int, str, str]]:
    """(column, end_column, number, marker, word) of each 一是/二要 item in ``text``."""
    out = []
    for m in _ENUM.finditer(text):
        number = cn_number(m.group(1))
        if number:
            out.append((m.start() + 1, m.end() + 1, number, m.group(0), m.group(2)))
    return out


# ----------------------------------------------------------------------------- dates

_DATE_PATTERNS = (
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(
        r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
    ),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-./．])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
)


def _to_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _CN_DIGIT for ch in text):
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    return cn_number(text)


def date_span(text: str, pos: int = 0) -> tuple[int, int, str] | None:
    """The first valid date in ``text`` from ``pos``: (start, end, ISO yyyy-mm-dd), 0-based offsets."""
    best: tuple[int, int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text, pos):
            y, mo, d = _to_int(m.group("y")), _to_int(m.group("m")), _to_int(m.group("d"))
            if y is None or mo is None or d is None:
                continue
            try:
                iso = date(y, mo, d).isoformat()
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end(), iso)
            break
    return best


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO yyyy-mm-dd (2026年2月25日, 二〇二三年十一月二十一日, 2023.11.21)."""
    span = date_span(text)
    return span[2] if span else None


def _date_only(text: str) -> str | None:
    """The date when ``text`` (stripped) is nothing but a date."""
    stripped = text.strip(_WS)
    span = date_span(stripped)
    if span and span[0] == 0 and span[1] == len(stripped):
        return span[2]
    return None


# -------------------------------------------------------------------------- metadata

_META = re.compile(
    r"^[\s\xa0\u3000【\[]*(?:发布日期|发布时间|发文日期|成文日期|更新时间|作者|信息来源|来源|文章来源|浏览次数|浏览量"
    r"|点击数|点击次数|点击量|阅读次数|阅读量|访问次数|访问量|责任编辑|编辑|发布机构|发布者|索引号|主题分类|供稿)\s*[:：]"
)
_META_FOOTER = re.compile(
    r"^[\s\xa0\u3000]*(?:[【\[]?\s*(?:打印本页|关闭窗口|打印|关闭|返回顶部|加入收藏|收藏本页|分享到[:：]?|"
    r"字体[:：]?\s*大\s*中\s*小)\s*[】\]]?[\s\xa0\u3000|｜]*)+$"
)
_PUBLISHED = re.compile(r"(?:发布日期|发布时间|发文日期)\s*[:：]\s*")


def _is_metadata(text: str) -> bool:
    return bool(_META.match(text) or _META_FOOTER.match(text))


@dataclass(frozen=True, slots=True)
class MetadataDate:
    """Where a publishing date was found: 1-based line, columns of the date, ISO value."""

    line: int
    column: int
    end_column: int
    date: str


def _published_in(text: str, line: int) -> MetadataDate | None:
    for m in _PUBLISHED.finditer(text):
        span = date_span(text, m.end())
        if span and span[0] <= m.end() + 1:
            return MetadataDate(line, span[0] + 1, span[1] + 1, span[2])
    return None


def published_date_span(doc: Document) -> MetadataDate | None:
    """Where the publishing date (发布日期/发布时间) of a parsed document is, if anywhere."""
    for i, kind in enumerate(doc.kinds):
        if kind == LineKind.METADATA and (found := _published_in(doc.lines[i], i + 1)):
            return found
    return None


# ---------------------------------------------------------------------- title, agency

_ORG_SUFFIX = re.compile(
    r"(?:局|委员会|委|人民政府|政府|办公室|办|厅|部|院|署|中心|所|站|队|处|会|组|室|司|集团|公司|街道|镇|乡|管委会|馆|科|股|行|社)$"
)
_GENRE = re.compile(r"报告|总结|汇报|情况|自查|述职|要点|计划|方案|规划")
_KIND_END = re.compile(r"(?:报告|总结|汇报|情况|要点|计划|方案|规划)$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年|([〇零○一二三四五六七八九]{4})\s*年")
_NOT_TITLE_CHARS = re.compile(r"[。，,；;！!？?]")
_BEFORE_KIND = re.compile(r"关于|法治政府|依法行政|年度")
_SPACES = re.compile(r"[\s\xa0\u3000]+")


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _looks_like_title(text: str) -> bool:
    stripped = text.strip(_WS)
    if not 2 <= len(stripped) <= 80 or _NOT_TITLE_CHARS.search(stripped) or stripped.endswith(("：", ":")):
        return False
    return not (match_heading(stripped) or _is_metadata(stripped) or _date_only(stripped) or _ENUM.match(stripped))


def _agency_of(prefix: str) -> str | None:
    prefix = _squash(prefix)
    if simplified(prefix).startswith("关于"):  # 关于 / 關於
        prefix = prefix[2:]
    if simplified(prefix).endswith("关于"):
        prefix = prefix[:-2]
    if len(prefix) >= 2 and _ORG_SUFFIX.search(simplified(prefix)):
        return prefix
    return None


def _title_fields(text: str, lines: tuple[int, ...]) -> Title:
    # matched on the simplified text (same positions), reported in the original characters
    plain = simplified(text)
    m = _YEAR.search(plain)
    agency = year = kind = None
    if m:
        year = _to_int(m.group(1) or m.group(2))
        agency = _agency_of(text[: m.start()])
        rest = _squash(text[m.end() :]).removeprefix("度")
    else:
        k = _BEFORE_KIND.search(plain)
        if k:
            agency = _agency_of(text[: k.start()])
            rest = _squash(text[k.start() :])
            for prefix in ("关于", "年度"):
                if simplified(rest).startswith(prefix):
                    rest = rest[len(prefix) :]
        else:
            rest = _squash(text)
    if rest and _GENRE.search(simplified(rest)):
        kind = rest
    return Title(text=text, lines=lines, agency=agency, year=year, kind=kind)


def _find_title(lines: tuple[str, ...], stop: int) -> Title | None:
    """The title among the first non-blank lines (before index ``stop``)."""
    i = 0
    while i < stop and (not lines[i].strip(_WS) or _is_metadata(lines[i])):
        i += 1
    if i >= stop or not _looks_like_title(lines[i]):
        return None
    first = lines[i].strip(_WS)
    j = i + 1
    while j < stop and j - i <= 3 and not lines[j].strip(_WS):
        j += 1
    if j < stop and not _KIND_END.search(first):
        second = lines[j].strip(_WS)
        if len(second) <= 40 and _looks_like_title(second) and _KIND_END.search(second):
            return _title_fields(first + second, (i + 1, j + 1))
    return _title_fields(first, (i + 1,))


# ------------------------------------------------------------------------- signature

_SIGN_AGENCY_MAX = 40
_SIGN_TAIL_MAX = 15  # at most this many non-blank lines (adverts, footers) after the signing date
_NOT_AGENCY_CHARS = re.compile(r"[。，,；;：:！!？?]")


_SEAL = re.compile(r"[（(](?:盖章|印章|公章|签章|章)[）)]")
_JOINT_MAX = 5  # agencies of a jointly issued report, one per line above the date


def _agency_line(text: str) -> str | None:
    stripped = _SEAL.sub("", _squash(text))  # 株洲市财政局（盖章）
    if not 2 <= len(stripped) <= _SIGN_AGENCY_MAX or _NOT_AGENCY_CHARS.search(stripped):
        return None
    if match_heading(text) or not _ORG_SUFFIX.search(simplified(stripped)):
        return None
    return stripped


def _find_signature(lines: tuple[str, ...], heads: list[bool], start: int) -> Signature | None:
    """The closing agency + date near the end; ``None`` when there is none."""
    n = len(lines)
    last_heading = max((i for i in range(n) if heads[i]), default=-1)
    date_idx = None
    passed = 0  # non-blank lines after the candidate: a signature is near the end
    for i in range(n - 1, max(start, last_heading + 1) - 1, -1):
        if not lines[i].strip(_WS):
            continue
        if _date_only(lines[i]):
            date_idx = i
            break
        passed += 1
        if passed > _SIGN_TAIL_MAX:
            break
    if date_idx is not None:
        iso = _date_only(lines[date_idx])
        j, blanks = date_idx - 1, 0
        while j >= start and not lines[j].strip(_WS) and blanks < 3:
            j, blanks = j - 1, blanks + 1
        if j >= start and lines[j].strip(_WS) and (agency := _agency_line(lines[j])):
            agencies = [agency]
            while len(agencies) < _JOINT_MAX and j - 1 >= start and (more := _agency_line(lines[j - 1])):
                agencies.insert(0, more)  # a jointly issued report: one agency per line
                j -= 1
            return Signature(agency="、".join(agencies), agency_line=j + 1, date=iso, date_line=date_idx + 1)
        return Signature(agency=None, agency_line=None, date=iso, date_line=date_idx + 1)
    # one line "机关 2023年11月21日", or an agency alone as the last line of the report
    for i in range(n - 1, max(start, last_heading + 1) - 1, -1):
        text = lines[i].strip(_WS)
        if not text or _is_metadata(text):
            continue
        span = date_span(text)
        if span and span[1] == len(text) and span[0] > 0 and (agency := _agency_line(text[: span[0]])):
            return Signature(agency=agency, agency_line=i + 1, date=span[2], date_line=i + 1)
        if (agency := _agency_line(text)) and _plausible_lone_agency(lines, i, start, agency):
            return Signature(agency=agency, agency_line=i + 1, date=None, date_line=None)
        return None
    return None


_PLACE = re.compile(r"[省市县区州镇乡旗盟]|XX|××|某某")
_CLOSING_PUNCT = "。！？!?；;…”’」』）)】》"


def _plausible_lone_agency(lines: tuple[str, ...], i: int, start: int, agency: str) -> bool:
    """An agency line without a date: only when it names a place (or a placeholder) or is indented,
    and the paragraph before it is complete — so that a cut-off sentence ending in 政府 is not taken
    for a signature."""
    j = i - 1
    while j >= start and not lines[j].strip(_WS):
        j -= 1
    if j < start or not lines[j].rstrip(_WS).endswith(tuple(_CLOSING_PUNCT)):
        return False
    indent = len(lines[i]) - len(lines[i].lstrip(_WS))
    return indent >= 4 or bool(_PLACE.search(agency))


# ----------------------------------------------------------------------------- parse


def _attachment_lines(lines: tuple[str, ...], candidate: list[Heading | None]) -> set[int]:
    """Indices of the 附件 note: the line that opens it and the numbered items right after it
    (附件：1.执法检查情况统计表 / 2.行政复议案件统计表). They list attached documents; their numbers
    are not the report's headings."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if _ATTACHMENT.match(lines[i]):
            out.add(i)
            i += 1
            while i < len(lines) and (h := candidate[i]) is not None and h.level in (3, 4):
                out.add(i)
                i += 1
        else:
            i += 1
    return out


def parse(doc: Document) -> Document:
    """Classify every line and extract title, metadata, headings, enumerations and signature."""
    lines = doc.lines
    n = len(lines)
    blank = [not text.strip(_WS) for text in lines]
    meta = [not blank[i] and _is_metadata(lines[i]) for i in range(n)]
    candidate = [None if blank[i] or meta[i] else match_heading(lines[i], i + 1) for i in range(n)]
    attachment = _attachment_lines(lines, candidate)
    for i in attachment:
        candidate[i] = None
    heads = [h is not None for h in candidate]

    title = _find_title(lines, n)
    title_idx = {line - 1 for line in title.lines} if title else set()
    body_start = max(title_idx) + 1 if title_idx else 0
    signature = _find_signature(lines, heads, body_start)
    sig_idx = {x - 1 for x in (signature.agency_line, signature.date_line) if x} if signature else set()
    if signature and signature.agency_line and signature.date_line:
        # every line from the (first) agency to the date: joint agencies and blank lines between
        sig_idx |= {i for i in range(signature.agency_line - 1, signature.date_line) if not blank[i]}
    tail_from = max(sig_idx) + 1 if sig_idx else n

    kinds: list[LineKind] = []
    headings: list[Heading] = []
    enumerations: list[Enumeration] = []
    published: str | None = None
    group = -1
    open_groups: dict[str, tuple[int, set[int]]] = {}  # word -> (group id, numbers seen)
    for i, text in enumerate(lines):
        if blank[i]:
            kinds.append(LineKind.BLANK)
        elif i in title_idx:
            kinds.append(LineKind.TITLE)
        elif meta[i]:
            kinds.append(LineKind.METADATA)
            if published is None and (found := _published_in(text, i + 1)):
                published = found.date
        elif i in sig_idx:
            kinds.append(LineKind.SIGNATURE)
        elif i >= tail_from:
            kinds.append(LineKind.BOILERPLATE)
        elif i in attachment:
            kinds.append(LineKind.ATTACHMENT)
        else:
            heading = candidate[i]
            if heading is not None:
                kinds.append(LineKind.HEADING)
                headings.append(heading)
                open_groups = {}
            else:
                kinds.append(LineKind.BODY)
            for column, end_column, number, marker, word in _enumerations(text):
                current = open_groups.get(word)
                if current is None or (number == 1 and 1 in current[1]):
                    group += 1
                    current = (group, set())
                    open_groups[word] = current
                current[1].add(number)
                enumerations.append(Enumeration(i + 1, column, end_column, number, marker, word, current[0]))
    return replace(
        doc,
        kinds=tuple(kinds),
        headings=tuple(headings),
        enumerations=tuple(enumerations),
        title=title,
        signature=signature,
        published_date=published,
    )
