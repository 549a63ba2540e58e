"""Apply the safe suggestions of findings to a document's text.

Findings carry spans and suggested replacements (dolma-style: spans kept apart from the
text); this pass turns the safe ones into edits. The cleaned text is the repaired lines
joined with ``\\n`` and encoded as UTF-8; its hash is ``provenance.clean_sha256``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lawqa.model import Document, Finding
from lawqa.rules import Registry


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``before`` at code-point offsets ``[start, end)`` of the text with ``after``."""

    rule: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    before: str
    after: str


def line_offsets(lines: Sequence[str]) -> list[int]:
    """Offset of the first code point of each line in ``"\\n".join(lines)``."""
    offsets, pos = [], 0
    for text in lines:
        offsets.append(pos)
        pos += len(text) + 1
    return offsets


def plan_edits(doc: Document, findings: Iterable[Finding], reg: Registry) -> list[Edit]:
    """The safe edits of ``findings``, in text order, overlapping ones dropped (first wins)."""
    text_len = sum(len(line) for line in doc.lines) + max(len(doc.lines) - 1, 0)
    offsets = line_offsets(doc.lines)
    text = doc.text
    edits: list[Edit] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.suggestion is None or f.rule not in reg or reg.get(f.rule).fix != "safe":
            continue
        if not (1 <= f.line <= len(doc.lines) and 1 <= f.end_line <= len(doc.lines)):
            continue
        start = offsets[f.line - 1] + f.column - 1
        end = offsets[f.end_line - 1] + f.end_column - 1
        if not 0 <= start <= end <= text_len:
            continue
        before = text[start:end]
        if before == f.suggestion:
            continue
        if edits and start < edits[-1].end:
            continue
        edits.append(Edit(f.rule, f.line, f.column, f.end_line, f.end_column, start, end, before, f.suggestion))
    return edits


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping ``edits`` (sorted by ``start``) to ``text``."""
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def clean_text(doc: Document, findings: Iterable[Finding], reg: Registry) -> str:
    """What ``lawqa fix`` writes for ``doc``: repaired text with the safe edits applied."""
    return apply_edits(doc.text, plan_edits(doc, findings, reg))
