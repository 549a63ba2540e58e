"""Redaction placeholders: XX, ××, ＸＸ, ＊＊, 某某 standing for a name or a place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawqa.model import Document, Hit, Severity
from lawqa.rules._text import ALNUM, CJK, is_cjkish
from lawqa.rules.base import checker, define

RULES = (
    define(
        "redaction-placeholder",
        Severity.WARNING,
        "XX, ××, ＊＊, 某某 standing for a name or a place (XX局, XX市)",
        """
        ## What it does
        Finds placeholders left where a name, an agency or a place was removed: XX局, XX市,
        ××县, ＸＸ公司, ＊＊同志, 某某单位. A placeholder must touch Chinese text; runs of X inside
        Latin words, sizes and model numbers (XXL, XX-200, 3XX) never fire, nor do markdown
        emphasis marks (**一、总体情况**). A single 某 (某企业)
        is ordinary anonymising Chinese and is left alone.

        ## Why it matters
        An anonymised copy is not the published document: agency, place and signature can no
        longer be checked, and a corpus that mixes redacted and original copies double-counts.

        ## Example
        ```
        XX经济和信息化局2023年法治政府建设工作总结
        ```

        ## How to silence
        Add `ignore = ["redaction-placeholder"]` to `[tool.lawqa]` in pyproject.toml or
        lawqa.toml (e.g. for a corpus anonymised on purpose), or set its level under
        `[tool.lawqa.severity]`.
        """,
    ),
)

_PLACEHOLDER = re.compile(
    rf"(?<![{ALNUM}\-_./])(?:[XＸ]{{2,}}|[xｘ]{{2,}}|×{{2,}}|[＊*]{{2,}}|○{{2,}}|某某)(?![{ALNUM}]|[-_/.][0-9])"
)
_CJK_AT = re.compile(f"[{CJK}]")
_CUE = re.compile("[XxＸｘ×＊*○某]")  # lines without one are skipped at C speed
_MARKDOWN_BOLD = re.compile(r"\*\*[^*\n]+?\*\*")  # **一、总体情况**: emphasis, not a placeholder


@checker("redaction-placeholder")
def check_placeholders(doc: Document) -> Iterator[Hit]:
    for n, line in enumerate(doc.lines, 1):
        if not line or _CUE.search(line) is None:
            continue
        bold: list[tuple[int, int]] | None = None
        for m in _PLACEHOLDER.finditer(line):
            start, end = m.span()
            if m.group()[0] == "*":
                bold = bold if bold is not None else [b.span() for b in _MARKDOWN_BOLD.finditer(line)]
                if any(a <= start and end <= b for a, b in bold):
                    continue
            before = line[start - 1] if start else ""
            after = line[end] if end < len(line) else ""
            if m.group() != "某某" and not (
                (before and is_cjkish(before)) or (after and _CJK_AT.match(after)) or before in "《“"
            ):
                continue
            # a digit run like 3×× or ××5 is arithmetic, not a name
            if (before and before.isdigit()) or (after and after.isdigit()):
                continue
            word = line[end : end + 6]
            yield Hit(
                "redaction-placeholder",
                n,
                start + 1,
                end + 1,
                f"'{m.group()}' is a placeholder for a removed name or place ('{m.group()}{word}')",
            )


CHECKERS = (check_placeholders,)
