"""Typography of Chinese text: half-width punctuation and stray spaces inside it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawqa.model import Document, Hit, Severity
from lawqa.rules._text import CJK, is_cjk, is_cjkish
from lawqa.rules.base import checker, define

RULES = (
    define(
        "halfwidth-punctuation",
        Severity.INFO,
        "half-width , : ; ( ) ? ! inside Chinese text",
        """
        ## What it does
        Finds half-width punctuation — `,` `:` `;` `(` `)` `?` `!` — where it stands in Chinese
        text (next to a Chinese character or full-width punctuation) and suggests the
        full-width mark (`,` → `，`, `(一)` → `（一）`). Punctuation inside numbers, Latin text
        and URLs (1,000, 10:30, 2015-2020, f(x), http://…) is left alone; a pair of
        parentheses is judged as a pair, so `(Cooperl)` inside Chinese becomes `（Cooperl）`.

        ## Why it matters
        GB/T 15834 and the 公文 format call for full-width punctuation in Chinese text; mixed
        widths are a tell-tale of conversion or scraping, and they split tokens downstream.

        ## Example
        ```
        2025年,在市委市政府的坚实引领下  → 2025年，在市委市政府的坚实引领下
        ```
        """,
        fix="safe",
    ),
    define(
        "cjk-spacing",
        Severity.INFO,
        "stray spaces inside Chinese text: 2023 年, 。 针对",
        """
        ## What it does
        Finds spaces (half- or full-width) that PDF extraction and careless typing leave inside
        Chinese text: between a number and a Chinese character (`2023 年`, `学习 12 次`), after or
        before full-width punctuation (`增强。 针对`), and between two Chinese characters
        outside a quoted title. Indentation at the start of a line and spaces at its end are
        layout and are not reported; a space in a document title in 《》 is left alone. The
        suggestion deletes the space.

        ## Why it matters
        Chinese text has no spaces between words; stray ones break search (`2023 年` does not
        match `2023年`), de-duplication and tokenisation.

        ## Example
        ```
        吴川市科工贸和信息化局 2023 年法治政府建设年度报告  → …信息化局2023年法治…
        ```
        """,
        fix="safe",
    ),
)

_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF = re.compile(r"[,:;?!()]")
_URL = re.compile(
    r"(?:https?|ftp)://[^\s，。；）》\u3000]+|www\.[A-Za-z0-9.\-/_?=&%#]+|[\w.+-]+@[\w-]+\.[\w.]+", re.ASCII
)
_FW_PUNCT = "，。、；：？！”’）》】」』"
_SPACE = re.compile(
    rf"(?<=[{CJK}])[ \u3000\u00a0]+(?=\d)"
    rf"|(?<=\d)[ \u3000\u00a0]+(?=[{CJK}])"
    rf"|(?<=[{_FW_PUNCT}])[ \u3000\u00a0]+(?=[{CJK}“‘（《【\d])"
    rf"|(?<=[{CJK}{_FW_PUNCT}“‘\d])[ \u3000\u00a0]+(?=[{_FW_PUNCT}])"
    rf"|(?<=[{CJK}])[ \u3000\u00a0]+(?=[{CJK}])"
)


def _url_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(line)] if ("/" in line or "@" in line or "www" in line) else []


def _chinese_at(line: str, i: int) -> bool:
    return 0 <= i < len(line) and is_cjkish(line[i])


def _halfwidth(line: str) -> Iterator[tuple[int, str]]:
    """Offsets of half-width punctuation standing in Chinese text, with the reason."""
    urls = _url_spans(line)
    opens: list[int] = []
    pairs: dict[int, int] = {}
    for m in _HALF.finditer(line):
        i, c = m.start(), m.group()
        if urls and any(a <= i < b for a, b in urls):
            continue
        if c == "(":
            opens.append(i)
            continue
        if c == ")":
            if opens:
                pairs[opens.pop()] = i
            elif _chinese_at(line, i - 1) or _chinese_at(line, i + 1):
                yield i, "next to Chinese text"
            continue
        before = line[i - 1] if i else ""
        after = line[i + 1] if i + 1 < len(line) else ""
        if before.isdigit() and after.isdigit():  # 1,000  10:30
            continue
        if c == "!" and after == "[":
            continue
        if (before and is_cjkish(before)) or (after and is_cjkish(after) and not (c == ":" and before.isdigit())):
            yield i, "in Chinese text"
    for a in opens:
        if _chinese_at(line, a - 1) or _chinese_at(line, a + 1):
            yield a, "next to Chinese text"
    for a, b in pairs.items():
        inner = line[a + 1 : b]
        at_start = not line[:a].strip()  # (1)严格执法: a heading marker
        if any(is_cjk(ch) for ch in inner) or _chinese_at(line, a - 1) or (at_start and _chinese_at(line, b + 1)):
            yield a, "around Chinese text"
            yield b, "around Chinese text"


_ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇0-9]+[条章节款]$")


def _inside_title(line: str, i: int) -> bool:
    """True when offset ``i`` lies inside 《…》 (document titles may contain spaces)."""
    return line.rfind("《", 0, i) > line.rfind("》", 0, i)


@checker("halfwidth-punctuation", "cjk-spacing")
def check_typography(doc: Document) -> Iterator[Hit]:
    for n, line in enumerate(doc.lines, 1):
        if not line:
            continue
        for i, why in sorted(_halfwidth(line)):
            c = line[i]
            yield Hit(
                "halfwidth-punctuation",
                n,
                i + 1,
                i + 2,
                f"half-width '{c}' {why}; Chinese text uses full-width '{_FULL[c]}'",
                _FULL[c],
            )
        if " " not in line and "\u3000" not in line and "\u00a0" not in line:
            continue
        body_start = len(line) - len(line.lstrip())
        for m in _SPACE.finditer(line, body_start):
            a, b = m.span()
            if is_cjk(line[a - 1]) and is_cjk(line[b]) and (_inside_title(line, a) or _ARTICLE.search(line, 0, a)):
                continue  # 《…营商环境 助推…》; 第三条 本办法…
            yield Hit(
                "cjk-spacing",
                n,
                a + 1,
                b + 1,
                f"stray space in Chinese text between '{line[a - 1]}' and '{line[b]}'",
                "",
            )


CHECKERS = (check_typography,)
