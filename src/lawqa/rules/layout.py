"""Layout: repeated lines and paragraphs broken mid-sentence by extraction."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawqa.model import Document, Hit, LineKind, Severity
from lawqa.rules._text import is_cjk, strip_span
from lawqa.rules.base import checker, define

RULES = (
    define(
        "duplicate-line",
        Severity.WARNING,
        "the same long line repeated",
        """
        ## What it does
        Finds a line of at least 20 characters (ignoring surrounding white space) whose text
        already appeared earlier in the document, and reports each repeat with a pointer to
        the first occurrence. The suggestion deletes the repeat's text; it is not applied
        automatically, because a document may quote a sentence twice on purpose.

        ## Why it matters
        Repeated lines come from scrapers that captured a block twice, or from inserted
        adverts; they inflate the text and distort statistics built on it.

        ## Example
        ```
        30 【哒哒素材库】——每天更新材料1000多篇内部高质量素材…
        31 【哒哒素材库】——每天更新材料1000多篇内部高质量素材…   ← repeat of line 30
        ```
        """,
        fix="unsafe",
    ),
    define(
        "broken-line",
        Severity.INFO,
        "a paragraph broken mid-sentence (PDF/Word extraction)",
        """
        ## What it does
        Finds a paragraph cut in two by extraction: a line of running text that ends
        without closing punctuation (or with a comma) and is followed — directly or after a
        blank line — by a line that continues the sentence. Reported at the end of the first
        line. Headings (一、…, （一）… without a sentence in them), titles, signature lines,
        dates, and lines ending in 。！？；： are never reported, nor is a line followed by a
        heading or an enumeration (一是…).

        ## Why it matters
        A sentence split over two paragraphs is read as two fragments by every downstream
        tool: segmentation, search, and models trained on the text.

        ## Example
        ```
        11 局党组书记、局长王华炎同志在党组会议、机关全体同志
        12
        13 会议和各种工作会议上，把学习贯彻落实…
        ```
        """,
    ),
)

MIN_DUPLICATE = 20
_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．](?![0-9])"
    r"|第[一二三四五六七八九十百0-9]+[章节条部分]|[①-⑳])"
)
_ENUMERATION = re.compile(r"\s*(?:[一二三四五六七八九十]+[是要]|首先|其次|最后|此外|另外)")
_DATE_LINE = re.compile(
    r"\s*[0-9〇○零一二三四五六七八九十]{2,4}\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月(?:.{0,6}日)?\s*$"
)
_CLOSED = "。！？!?；;：:…”」』）)》】"
_OPEN_END = "，,、"
_INNER_PUNCT = re.compile(r"[，,、。；;：:]")
_SENTENCE_END_IN = re.compile(r"[。！？!?]")
_SHORT_TITLE = 40


def _is_heading_only(text: str) -> bool:
    """A numbered heading with no sentence after it (（一）健全体系，全面推进…)."""
    if _HEADING.match(text) is None:
        return False
    return _SENTENCE_END_IN.search(text[:-1]) is None


def _is_running_text(text: str, kind: LineKind | None) -> bool:
    if kind in (LineKind.TITLE, LineKind.SIGNATURE, LineKind.METADATA, LineKind.BOILERPLATE, LineKind.ATTACHMENT):
        return False
    if _is_heading_only(text) or _DATE_LINE.match(text):
        return False
    # a title or an agency line: short and without any punctuation
    return _INNER_PUNCT.search(text) is not None or len(text) >= _SHORT_TITLE


def _continues(text: str, kind: LineKind | None) -> bool:
    if kind in (LineKind.SIGNATURE, LineKind.METADATA, LineKind.BOILERPLATE, LineKind.ATTACHMENT):
        return False
    if _HEADING.match(text) or _ENUMERATION.match(text) or _DATE_LINE.match(text):
        return False
    first = text.lstrip()[:1]
    return bool(first) and (is_cjk(first) or first in "“‘《（(" or first.isalnum())


@checker("duplicate-line", "broken-line")
def check_layout(doc: Document) -> Iterator[Hit]:
    lines = doc.lines
    kinds = doc.kinds if len(doc.kinds) == len(lines) else (None,) * len(lines)
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        body = line.strip()
        if len(body) < MIN_DUPLICATE:
            continue
        first = seen.setdefault(body, n)
        if first != n:
            start, end = strip_span(line)
            yield Hit("duplicate-line", n, start + 1, end + 1, f"repeats line {first}", "")
    count = len(lines)
    for i, line in enumerate(lines):
        text = line.rstrip()
        if not text.strip() or text[-1] in _CLOSED or not _is_running_text(text.strip(), kinds[i]):
            continue
        j = i + 1
        if j < count and not lines[j].strip():
            j += 1  # one blank line between the halves, as PDF extraction leaves it
        if j >= count or not lines[j].strip() or not _continues(lines[j], kinds[j]):
            continue
        if text[-1] not in _OPEN_END and not (is_cjk(text[-1]) or text[-1].isalnum()):
            continue
        yield Hit(
            "broken-line",
            i + 1,
            len(text),
            len(text) + 1,
            f"the paragraph breaks mid-sentence after '{text[-6:].strip()}' and continues on line {j + 1}",
        )


CHECKERS = (check_layout,)
