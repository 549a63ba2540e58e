"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::rule: message`` (``warning``
and ``notice`` for lower severities). Escaping follows GitHub's toolkit: in the message
``%``, ``\\r``, ``\\n`` are percent-encoded; in properties ``:`` and ``,`` are too.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawqa import report
from lawqa.model import ExpectationResult, FileResult, Finding, Severity, Summary
from lawqa.rules import Registry

__all__ = ["LEVELS", "Writer", "annotation", "escape_data", "escape_property", "render"]

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, **props: str | int | None) -> str:
    """One workflow command; ``props`` with a ``None`` value are left out."""
    parts = [f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None]
    return f"::{level} {','.join(parts)}::{escape_data(message)}" if parts else f"::{level}::{escape_data(message)}"


def _finding(path: str, f: Finding) -> str:
    message = f"{f.rule}: {f.message}"
    if f.suggestion is not None:
        message += f" (suggestion: {f.suggestion!r})" if f.suggestion else " (suggestion: delete)"
    return annotation(
        LEVELS[f.severity],
        message,
        file=path,
        line=f.line,
        col=f.column,
        endLine=f.end_line,
        endColumn=f.end_column,
        title=f.rule,
    )


def _expectation(path: str, e: ExpectationResult) -> str:
    rule = e.rule_id or e.expectation
    message = f"{rule}: {e.description or e.expectation}"
    if e.observed:
        message += f" ({e.observed})"
    if e.unexpected_lines:
        shown = ", ".join(str(n) for n in e.unexpected_lines[:20])
        message += f"; lines {shown}" + (" …" if len(e.unexpected_lines) > 20 else "")
    line = e.unexpected_lines[0] if e.unexpected_lines else None
    return annotation(LEVELS[e.severity], message, file=path, line=line, title=rule)


class Writer(report.Writer):
    """The annotations of a run, one per line, then a one-line summary."""

    def write_file(self, result: FileResult) -> None:
        out: list[str] = []
        path = result.path.replace("\\", "/")
        if result.status == "error":
            out.append(annotation("error", f"lawqa: {result.error or 'could not be processed'}", file=path))
        out.extend(_finding(path, f) for f in result.findings)
        out.extend(_expectation(path, e) for e in result.expectations if not e.success)
        if out:
            self.out.write("\n".join(out) + "\n")

    def finish(self, summary: Summary) -> None:
        self.out.write(
            f"lawqa: {summary.files} files, {summary.passed} passed, {summary.failed} failed, {summary.errors} errors\n"
        )


def render(results: Sequence[FileResult], summary: Summary, registry: Registry) -> str:
    """The annotations of a run, one per line, then a one-line summary."""
    return report.collect(Writer, results, summary, registry)
