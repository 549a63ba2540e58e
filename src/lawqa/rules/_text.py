"""Character classes and small text helpers shared by the content rules (not a rule module)."""

from __future__ import annotations

# CJK ideographs (BMP blocks and extension A) — what "Chinese context" means to the rules.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = f"[{CJK}]"
# Latin letters and digits, half- and full-width: a censored letter never stands next to these.
ALNUM = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# Full-width punctuation that may end or continue Chinese text.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·"
SENTENCE_END = "。！？!?…"


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def is_cjkish(ch: str) -> bool:
    """A CJK ideograph or full-width CJK punctuation: the text around it is Chinese."""
    return is_cjk(ch) or ch in CJK_PUNCT


def strip_span(text: str) -> tuple[int, int]:
    """``[start, end)`` of ``text`` without leading and trailing white space (0-based)."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return start, max(start, end)
