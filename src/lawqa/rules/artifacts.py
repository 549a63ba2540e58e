"""Artifacts of how a document travelled: paywall markers, web CMS boilerplate, conversion debris.

One checker scans every line once for the three rules: a cheap trigger regex first, the
exact patterns only on lines it lets through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawqa.model import Document, Hit, Severity
from lawqa.rules._text import strip_span
from lawqa.rules.base import checker, define

RULES = (
    define(
        "paywall-marker",
        Severity.ERROR,
        "paywall markers such as ##paidbegin## / ##paidend##, also inside a word",
        """
        ## What it does
        Finds the markers that content sites put around paid sections — `##paidbegin##`,
        `##paidend##`, `{{vip}}`, `[paid]`, `<!--paid-->`, "以下为付费内容" — wherever they are,
        also in the middle of a word. The suggestion deletes the marker, so a word it split
        (责任主##paidbegin##体) rejoins (责任主体).

        ## Why it matters
        The marker is not text of the document. Left in, it splits words, breaks search and
        marks the copy as taken from a paywalled reseller.

        ## Example
        ```
        明确了清理范围、清理标准、方法和责任主##paidbegin##体  → …方法和责任主体
        ```
        """,
        fix="safe",
    ),
    define(
        "web-boilerplate",
        Severity.WARNING,
        "CMS header/footer lines: 发布日期/作者/信息来源/责任编辑/浏览次数/打印本页/关闭窗口",
        """
        ## What it does
        Finds lines a web page's content management system wrapped around the document:
        metadata headers (发布日期:…作者:…信息来源:, 发布时间, 来源, 浏览次数, 点击数, 责任编辑,
        审核, 校对), navigation and tools (打印本页, 关闭窗口, 字体：大 中 小, 分享到, 上一篇,
        下一篇, 返回顶部, 当前位置：首页 > …). A line is reported only when it is such a field
        list or tool bar as a whole — a field name inside a sentence of the report is not.
        The suggestion deletes the line's text (the line itself stays, so line numbers hold).

        ## Why it matters
        Boilerplate is not part of the document: it pollutes text corpora and confuses
        title, signature and date extraction. Publication dates in it are recorded in the
        provenance before the line is flagged.

        ## Example
        ```
        发布日期:2021-03-04作者:信息来源:
        责任编辑:市场监督管理局管理员
        ```
        """,
        fix="safe",
    ),
    define(
        "conversion-artifact",
        Severity.WARNING,
        "conversion debris: [bookmark: _GoBack], [image: …], page numbers like — 3 —, form feeds",
        """
        ## What it does
        Finds what Word/PDF conversion leaves in text: `[bookmark: _GoBack]`, `[image: …]` and
        similar bracketed objects, markdown images, page-number lines (`- 3 -`, `— 3 —`,
        `第 3 页 共 10 页`, `Page 3 of 10`), form feeds and vertical tabs, zero-width spaces,
        joiners, word joiners, stray byte-order marks and soft hyphens. The suggestion deletes
        the artifact.

        ## Why it matters
        None of it is text of the document; invisible characters also break search and
        de-duplication in ways nobody sees.

        ## Example
        ```
        [bookmark: _GoBack]2025年，我局坚持以…   → 2025年，我局坚持以…
        ```
        """,
        fix="safe",
    ),
)

_PAYWALL = re.compile(
    r"##\s*[A-Za-z][A-Za-z_\-]{1,30}\s*##"
    r"|\{\{\s*/?\s*(?:paid|pay|vip|fee|charge|member|locked?)[A-Za-z_\-]*\s*\}\}"
    r"|\[\s*/?\s*(?:paid|pay|vip|fee|charge|member|locked?)[A-Za-z_\-]*\s*\]"
    r"|<!--\s*/?\s*(?:paid|pay|vip|fee|charge|member|locked?)[^>]{0,30}-->"
    r"|[（(【\[]?(?:以下|下文|剩余|余下|后续|本段以下)(?:内容|部分|全文)?(?:为|需|需要|仅)?(?:付费|收费|VIP|vip|会员)"
    r"(?:用户)?(?:内容|阅读|可见|查看|专享)[^）)】\]。]{0,12}[）)】\]]?"
    r"|[（(【\[]?(?:付费|收费|VIP|vip|会员)(?:内容|阅读|部分)(?:开始|结束|以下|以上|分割线)[）)】\]]?",
    re.IGNORECASE,
)

_ARTIFACT_INLINE = re.compile(
    r"\[\s*(?:bookmark|image|img|picture|pic|figure|chart|shape|table|footnote|endnote|comment|page|object|drawing)"
    r"\s*:[^\]\n]{0,200}\]"
    r"|!\[[^\]]{0,100}\]\([^)\s]{1,200}\)(?:\{[^}]{0,100}\})?"
    r"|[\f\v\u200b\u200c\u200d\u2060\ufeff\u00ad]+",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－─]{1,3}\s*[0-9]{1,4}\s*[-—–－─]{1,3}"
    r"|第\s*[0-9]{1,4}\s*页\s*(?:[,，/／]?\s*共\s*[0-9]{1,4}\s*页)?"
    r"|共\s*[0-9]{1,4}\s*页\s*[,，]?\s*第\s*[0-9]{1,4}\s*页"
    r"|(?:Page|page|PAGE)\s*[0-9]{1,4}(?:\s*(?:of|/)\s*[0-9]{1,4})?"
    r"|[0-9]{1,3}\s*/\s*[0-9]{1,3})\s*"
)

_FIELD = (
    r"(?:发布日期|发布时间|发表日期|发表时间|发文日期|成文日期|更新时间|更新日期|作者|信息来源|文章来源|来源|"
    r"浏览次数|浏览量|浏览|阅读次数|阅读量|阅读数|点击数|点击量|点击率|点击|访问次数|访问量|"
    r"责任编辑|编辑|审核人|审核|校对|供稿|撰稿|录入者|录入|发布者|发布人|发布机构|字号)"
)
_FIELD_LINE = re.compile(rf"\s*【?{_FIELD}】?\s*[:：]")
_FIELD_ANY = re.compile(rf"{_FIELD}\s*[:：]")
_TOOL = re.compile(
    r"(?:【\s*)?(?:打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|返回首页|收藏本页|收藏|"
    r"我要纠错|纠错|扫一扫在手机打开当前页|手机扫一扫|在手机上打开|视力保护色|"
    r"字体\s*[:：]?\s*[大中小](?:\s*[大中小]){2}|字号\s*[:：]?\s*[大中小](?:\s*[大中小]){2}|[大中小](?:\s+[大中小]){2}|"
    r"分享到\s*[:：]?[^|｜]*|上一篇\s*[:：][^|｜]*|下一篇\s*[:：][^|｜]*|上一篇|下一篇|"
    r"当前位置\s*[:：].*|您现在的位置\s*[:：].*)(?:\s*】)?"
)
_TOOL_SEP = re.compile(r"[\s|｜/·•、]*")
# markers and inline artifacts: lines without any of these skip both regexes
_INLINE_TRIGGER = re.compile(
    r"##|\{\{|\[|<!--|付费|收费|VIP|vip|会员|!\[|[\f\v\u200b\u200c\u200d\u2060\ufeff\u00ad]", re.IGNORECASE
)
_MAX_BOILERPLATE = 100  # longer lines are never boilerplate ...
_MAX_PAGE_NUMBER = 40  # ... nor page numbers


def _is_tool_line(text: str) -> bool:
    """True when ``text`` is nothing but CMS tools and navigation (打印本页 关闭窗口 …)."""
    pos, n, seen = 0, len(text), False
    while pos < n:
        pos = _TOOL_SEP.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            break
        m = _TOOL.match(text, pos)
        if m is None or m.end() == pos:
            return False
        seen, pos = True, m.end()
    return seen


def _boilerplate(line: str) -> str | None:
    """Why ``line`` is CMS boilerplate, or ``None``."""
    body = line.strip()
    if not body or len(body) > _MAX_BOILERPLATE:
        return None
    if _FIELD_LINE.match(body):
        return "a web page's metadata line"
    if len(_FIELD_ANY.findall(body)) >= 2:
        return "a web page's metadata fields"
    if _is_tool_line(body):
        return "a web page's tools or navigation"
    return None


@checker("paywall-marker", "web-boilerplate", "conversion-artifact")
def check_artifacts(doc: Document) -> Iterator[Hit]:
    for n, line in enumerate(doc.lines, 1):
        if not line:
            continue
        inline = _INLINE_TRIGGER.search(line) is not None
        for m in _PAYWALL.finditer(line) if inline else ():
            yield Hit(
                "paywall-marker",
                n,
                m.start() + 1,
                m.end() + 1,
                f"paywall marker '{m.group()}' is not text of the document; deleting it rejoins the text",
                "",
            )
        why = _boilerplate(line) if len(line) <= 2 * _MAX_BOILERPLATE else None
        if why is not None:
            start, end = strip_span(line)
            yield Hit(
                "web-boilerplate", n, start + 1, end + 1, f"{why} ('{line[start:end][:30]}'), not the document", ""
            )
        for m in _ARTIFACT_INLINE.finditer(line) if inline else ():
            text = m.group()
            if text[0] in "[!":
                what = f"object placeholder '{text[:40]}' left by conversion"
            else:
                what = "invisible or control characters " + " ".join(f"U+{ord(c):04X}" for c in text[:4])
            yield Hit("conversion-artifact", n, m.start() + 1, m.end() + 1, what, "")
        if len(line) <= _MAX_PAGE_NUMBER and _PAGE_NUMBER.fullmatch(line):
            start, end = strip_span(line)
            yield Hit(
                "conversion-artifact", n, start + 1, end + 1, f"page number '{line[start:end]}' left by conversion", ""
            )


CHECKERS = (check_artifacts,)
