"""Document metadata rules: title, signature, truncation, dates, agencies and the genre's sections.

They read what :func:`lawqa.document.parse` extracted (``Document.title``, ``.signature``,
``.published_date``, ``.headings``, ``.kinds``) and never re-parse the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from lawqa.document import date_span, published_date_span
from lawqa.hanzi import simplified
from lawqa.model import Document, Hit, LineKind, Severity
from lawqa.rules.base import checker, define

__all__ = ["CHECKERS", "RULES", "agencies_match", "expected_sections"]

RULES = (
    define(
        "missing-title",
        Severity.WARNING,
        "no title naming agency, year and kind of report",
        """
        ## What it does
        Checks that the document opens with a title that names the agency, the report year and the
        kind of report (法治政府建设年度报告, 工作总结, 自查报告 …). A title split over two lines counts
        as one title. When the title lacks only the agency and the signature names one, the
        suggestion is the title with that agency in front (shown, never applied automatically).

        ## Why it matters
        The title is the document's provenance: without the agency or the year a report cannot be
        attributed, deduplicated or compared with the same agency's other years. Scraped web pages
        often drop the agency, which the page header carried.

        ## Example
        ```text
        2020年度法治政府建设情况报告        ← the title names no agency
        …
        株洲市市场监督管理局                 (the signature does)
        ```
        """,
        fix="unsafe",
    ),
    define(
        "missing-signature",
        Severity.WARNING,
        "no closing agency + date",
        """
        ## What it does
        Checks that the report ends with a signature block: the agency's name and a date (2026年2月25日,
        二〇二三年十一月二十一日, 2023.11.21), possibly indented and separated by blank lines. Reports a
        missing block at the end of the last line of the report, and a block that has only one half
        (an agency without a date, a date without an agency) at that line.

        ## Why it matters
        The signature is the formal act of issuing a 公文 and carries the signing date that provenance
        records; its absence usually means the end of the document was cut off in scraping.

        ## Example
        ```text
        四是用准行政执法规则。……完成省市检查的相关要求。   ← no agency and date follow
        ```
        """,
    ),
    define(
        "truncated-document",
        Severity.WARNING,
        "ends mid-section or mid-sentence",
        """
        ## What it does
        Looks at the last line of the report's text (before the signature and any trailing web
        boilerplate): a line that ends without closing punctuation (。！？；…”）) ends mid-sentence;
        a heading with nothing under it ends mid-section.

        ## Why it matters
        Truncation is the commonest silent loss in scraped corpora (paywalls, "read more" cut-offs,
        page limits). A truncated report must not be used as if it were complete.

        ## Example
        ```text
        （五）稳妥应对突发事件。健全突发事件应急响应处置程序和协调联动   ← ends mid-sentence
        ```
        """,
    ),
    define(
        "date-inconsistent",
        Severity.WARNING,
        "report year, signing date and publishing date disagree",
        """
        ## What it does
        Compares the report year of the title, the signing date of the signature and the publishing
        date of the web metadata (发布日期/发布时间). An annual report is written at the end of its year
        or early in the next: a 2025 report signed in February 2026 is normal, one signed in November
        or December 2025 too. Reported: signed before November of the report year (for a half-year
        report, before May), signed more than a year after the year ended, published before it was
        signed, or published before the report year.

        ## Why it matters
        Inconsistent dates point to a wrong year in the title (copied from last year's report), a
        wrong signature, or a mismatched page: the provenance record would be wrong.

        ## Example
        ```text
        XX局2023年法治政府建设工作总结
        …
        XX局
        2023年3月1日      ← signed 2023-03-01, before the 2023 report year was nearly over
        ```
        """,
    ),
    define(
        "agency-mismatch",
        Severity.WARNING,
        "title agency and signing agency differ",
        """
        ## What it does
        Compares the agency named in the title with the agency that signs the report. Placeholders
        (XX, ××, 某某) match anything, and an abbreviation matches its full name when its characters
        appear in order and both end alike (市工信局 ~ 株洲市工业和信息化局, 区商务局 ~ 株洲市渌口区商务局).
        A title without an agency is `missing-title`'s business, not a mismatch.

        ## Why it matters
        A different signing agency means pages of two documents were merged, or a template was reused
        without changing the signature; either way attribution is in doubt.

        ## Example
        ```text
        株洲市工业和信息化局2025年度法治政府建设工作情况报告
        …
        株洲市商务局      ← the title names 株洲市工业和信息化局
        ```
        """,
    ),
    define(
        "missing-section",
        Severity.INFO,
        "a section the genre expects (举措和成效, 不足/问题, 下一步) is absent",
        """
        ## What it does
        An annual rule-of-law report (法治政府建设年度报告, 工作总结, 自查报告) is expected to cover what was
        done (主要举措和成效), what falls short (存在的不足/问题) and what comes next (下一步工作打算).
        Each part counts as present when a heading names it, or when a paragraph introduces it
        (存在一些困难和不足, 今后的工作中 …). Reported once per absent part, at the title.

        ## Why it matters
        A report without its problems or plans section is incomplete for the purpose it is filed
        for (the 法治政府建设 annual reporting duty), and often a sign of a cut-off scrape.

        ## Example
        ```text
        一、年度工作开展情况
        二、2026年工作打算          ← no 存在的问题/不足 section
        ```
        """,
    ),
)

# ------------------------------------------------------------------------ helpers

_CONTENT = (LineKind.BODY, LineKind.HEADING)
_CLOSERS = "。！？!?；;…”’」』）)】》.．"
_WS = " \t\u3000\xa0\ufeff"


def _content_lines(doc: Document) -> list[int]:
    """0-based indices of the report's text lines (body and headings)."""
    return [i for i, kind in enumerate(doc.kinds) if kind in _CONTENT]


def _title_hit(doc: Document, rule: str, message: str, suggestion: str | None = None) -> Hit:
    """A document-level hit: on the (first) title line, or at line 1."""
    if doc.title and doc.title.lines:
        line = doc.title.lines[0]
        text = doc.lines[line - 1]
        start = len(text) - len(text.lstrip(_WS))
        end = len(text.rstrip(_WS))
        end_line = doc.title.lines[-1]
        end_column = len(doc.lines[end_line - 1].rstrip(_WS)) + 1 if end_line != line else end + 1
        return Hit(rule, line, start + 1, end_column, message, suggestion=suggestion, end_line=end_line)
    first = next((i for i, t in enumerate(doc.lines) if t.strip(_WS)), 0)
    return Hit(rule, first + 1, 1, 1, message)


# -------------------------------------------------------------------- title rules


def _check_title(doc: Document) -> Iterator[Hit]:
    title = doc.title
    if title is None:
        if not any(t.strip(_WS) for t in doc.lines):
            return  # an empty document is empty-document's business
        yield _title_hit(doc, "missing-title", "expected a title naming agency, year and kind of report, found none")
        return
    missing = [
        name
        for name, value in (("agency", title.agency), ("year", title.year), ("kind of report", title.kind))
        if value is None
    ]
    if not missing:
        return
    message = (
        f"expected the title to name agency, year and kind of report, found {title.text.strip(_WS)} "
        f"with {', '.join(missing)} missing"
    )
    suggestion = None
    if missing == ["agency"] and doc.signature and doc.signature.agency:
        message += f" (the signature names {doc.signature.agency}, line {doc.signature.agency_line})"
        if len(title.lines) == 1:
            suggestion = doc.signature.agency + title.text.strip(_WS)
    yield _title_hit(doc, "missing-title", message, suggestion)


# ---------------------------------------------------------------- signature rules


def _line_hit(doc: Document, rule: str, line: int, message: str) -> Hit:
    """A hit spanning line ``line`` without its indentation and trailing space."""
    text = doc.lines[line - 1]
    start = len(text) - len(text.lstrip(_WS))
    return Hit(rule, line, start + 1, len(text.rstrip(_WS)) + 1, message)


def _check_signature(doc: Document) -> Iterator[Hit]:
    sig = doc.signature
    if sig is not None and sig.agency and sig.date:
        return
    if sig is not None and sig.agency_line and not sig.date:
        message = f"expected a signing date after the signing agency, found {sig.agency} alone"
        yield _line_hit(doc, "missing-signature", sig.agency_line, message)
        return
    if sig is not None and sig.date_line and not sig.agency:
        message = f"expected the signing agency before the date, found the date {sig.date} alone"
        yield _line_hit(doc, "missing-signature", sig.date_line, message)
        return
    content = _content_lines(doc)
    if not content:
        return  # nothing but a title, metadata or blank lines: other rules say so
    last = content[-1]
    end = len(doc.lines[last].rstrip(_WS)) + 1
    yield Hit(
        "missing-signature",
        last + 1,
        max(end - 1, 1),
        end,
        "expected a closing agency and date after the last paragraph, found none",
    )


def _check_truncated(doc: Document) -> Iterator[Hit]:
    content = _content_lines(doc)
    if not content:
        return
    last = content[-1]
    text = doc.lines[last].rstrip(_WS)
    stripped = text.lstrip(_WS)
    start = len(text) - len(stripped)
    if doc.kinds[last] == LineKind.HEADING and not stripped.endswith(tuple(_CLOSERS)):
        yield Hit(
            "truncated-document",
            last + 1,
            start + 1,
            len(text) + 1,
            f"expected text under the last heading, found the document ending at {stripped[:20]}",
        )
    elif not stripped.endswith(tuple(_CLOSERS)):
        yield Hit(
            "truncated-document",
            last + 1,
            len(text),
            len(text) + 1,
            f"expected the last sentence to end with closing punctuation (。), found it ending in '{text[-1]}'",
        )


# ------------------------------------------------------------------------- dates

_HALF_YEAR = re.compile(r"上半年|半年")


def _d(iso: str) -> date:
    return date.fromisoformat(iso)


def _sig_date_hit(doc: Document, message: str) -> Hit | None:
    sig = doc.signature
    if sig is None or sig.date_line is None:
        return None
    text = doc.lines[sig.date_line - 1]
    span = date_span(text)
    if span is None:
        return None
    return Hit("date-inconsistent", sig.date_line, span[0] + 1, span[1] + 1, message)


def _check_dates(doc: Document) -> Iterator[Hit]:
    year = doc.title.year if doc.title else None
    signed = _d(doc.signature.date) if doc.signature and doc.signature.date else None
    pub = published_date_span(doc)
    published = _d(pub.date) if pub else None
    earliest = latest = None
    if year is not None and 1900 <= year <= 2999:
        half = bool(doc.title and _HALF_YEAR.search(doc.title.text))
        period_end = date(year, 6, 30) if half else date(year, 12, 31)
        earliest = period_end - timedelta(days=60)  # annual: 1 November; half-year: 1 May
        latest = date(year + 1, period_end.month, period_end.day)
    if signed and earliest and latest:
        if signed < earliest:
            hit = _sig_date_hit(
                doc,
                f"expected a {year} report to be signed on or after {earliest.isoformat()}, "
                f"found it signed {signed.isoformat()}",
            )
            if hit:
                yield hit
        elif signed > latest:
            hit = _sig_date_hit(
                doc,
                f"expected a {year} report to be signed by {latest.isoformat()}, found it signed {signed.isoformat()}",
            )
            if hit:
                yield hit
    if pub and published:
        if signed and published < signed:
            yield Hit(
                "date-inconsistent",
                pub.line,
                pub.column,
                pub.end_column,
                f"expected publishing on or after the signing date {signed.isoformat()}, "
                f"found it published {published.isoformat()}",
            )
        elif not signed and earliest and published < earliest:
            yield Hit(
                "date-inconsistent",
                pub.line,
                pub.column,
                pub.end_column,
                f"expected a {year} report to be published on or after {earliest.isoformat()}, "
                f"found it published {published.isoformat()}",
            )


# ------------------------------------------------------------------------ agency

_PLACEHOLDER = re.compile(r"X+|x+|×+|Ｘ+|＊+|\*+|某+|○○+|〇〇+")
_NOISE = re.compile(r"[\s\xa0\u3000]+|^中共|（[^）]*）|\([^)]*\)")


# the short forms official texts use for the same body: 政法委员会/政法委, 人民政府/政府
_ABBREVIATIONS = (("中国共产党", "中共"), ("委员会", "委"), ("人民政府", "政府"), ("办公室", "办"))


def _norm_agency(name: str) -> str:
    name = _NOISE.sub("", name)
    for long, short in _ABBREVIATIONS:
        name = name.replace(long, short)
    return name


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def agencies_match(a: str, b: str) -> bool:
    """Whether two agency names can name the same agency (placeholders, abbreviations allowed).
    A jointly signed report (agencies joined by 、) matches when one of its agencies does."""
    if "、" in a or "、" in b:
        return any(_one_agency_matches(x, y) for x in a.split("、") for y in b.split("、") if x and y) or (
            _norm_agency(a.replace("、", "")) == _norm_agency(b.replace("、", ""))
        )
    return _one_agency_matches(a, b)


def _one_agency_matches(a: str, b: str) -> bool:
    a, b = _norm_agency(a), _norm_agency(b)
    if a == b:
        return True
    a, b = _PLACEHOLDER.sub("", a), _PLACEHOLDER.sub("", b)
    if not a or not b or a == b:
        return True
    short, long = sorted((a, b), key=len)
    return short[-1] == long[-1] and _subsequence(short, long)


def _check_agency(doc: Document) -> Iterator[Hit]:
    title, sig = doc.title, doc.signature
    if not title or not sig or not title.agency or not sig.agency or not sig.agency_line:
        return
    if agencies_match(title.agency, sig.agency):
        return
    message = (
        f"expected the signature to name the title's agency {title.agency} (line {title.lines[0]}), found {sig.agency}"
    )
    yield _line_hit(doc, "agency-mismatch", sig.agency_line, message)


# ---------------------------------------------------------------------- sections

_SECTIONS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "举措和成效",
        re.compile(
            r"举措|成效|做法|工作开展|开展情况|工作情况|主要工作|进展|完成情况|落实情况|履职情况|亮点|成绩|推进"
        ),
        re.compile(r"取得了?(?:一定|显著|明显|积极)?(?:的)?成效|主要(?:举措|做法)|工作开展情况"),
    ),
    (
        "存在的不足/问题",
        re.compile(r"不足|问题|差距|短板|困难|薄弱|原因"),
        re.compile(r"存在(?:着)?(?:的|一些|一定的?|以下)?(?:困难|问题|不足|差距|短板)|不足之处|薄弱环节"),
    ),
    (
        "下一步工作打算",
        re.compile(r"下一步|下步|打算|计划|安排|思路|今后|明年|下一年|下年度|展望|重点工作|工作重点"),
        re.compile(r"下一步|下步工作|今后(?:的)?工作|明年|下一年度"),
    ),
)
_GENRE_TITLE = re.compile(r"报告|总结|汇报|自查")


def expected_sections(doc: Document) -> tuple[str, ...]:
    """The genre's parts (举措和成效, 存在的不足/问题, 下一步工作打算) that ``doc`` lacks."""
    heads = [h.title for h in doc.headings if h.level <= 2]
    body = [doc.lines[i] for i, kind in enumerate(doc.kinds) if kind == LineKind.BODY]
    missing = []
    heads, body = [simplified(t) for t in heads], [simplified(t) for t in body]  # 問題 → 问题
    for name, in_heading, in_body in _SECTIONS:
        if any(in_heading.search(t) for t in heads) or any(in_body.search(t) for t in body):
            continue
        missing.append(name)
    return tuple(missing)


def _check_sections(doc: Document) -> Iterator[Hit]:
    if doc.title and doc.title.kind and not _GENRE_TITLE.search(simplified(doc.title.kind)):
        return  # not the annual-report genre
    if not _content_lines(doc):
        return
    for name in expected_sections(doc):
        yield _title_hit(doc, "missing-section", f"expected a {name} section in this report, found none")


# ------------------------------------------------------------------------ checker


@checker(
    "missing-title",
    "missing-signature",
    "truncated-document",
    "date-inconsistent",
    "agency-mismatch",
    "missing-section",
)
def document_metadata(doc: Document) -> Iterable[Hit]:
    """Title, signature, truncation, dates, agency and section checks over a parsed document."""
    yield from _check_title(doc)
    yield from _check_signature(doc)
    yield from _check_truncated(doc)
    yield from _check_dates(doc)
    yield from _check_agency(doc)
    yield from _check_sections(doc)


CHECKERS = (document_metadata,)
