"""``--format text``: one line per finding, the way linters print them, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from lawqa import report
from lawqa.model import FileResult, Summary
from lawqa.rules import Registry


class Writer(report.Writer):
    def write_file(self, r: FileResult) -> None:
        out: list[str] = []
        if r.error:
            out.append(f"{r.path}: error: {r.error}")
        for f in r.findings:
            hint = f" [suggest: {f.suggestion!r}]" if f.suggestion is not None else ""
            out.append(f"{r.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{hint}")
        for e in r.expectations:
            if not e.success:
                where = f" (lines {_lines(e.unexpected_lines)})" if e.unexpected_lines else ""
                column = f"({e.column})" if e.column else ""
                out.append(f"{r.path}: {e.severity} expectation {e.suite}/{e.expectation}{column} failed{where}")
        if out:
            self.out.write("\n".join(out) + "\n")

    def finish(self, summary: Summary) -> None:
        n = sum(summary.findings_by_rule.values())
        self.out.write(
            f"{summary.files} file(s): {summary.passed} passed, {summary.failed} failed, "
            f"{summary.errors} error(s); {n} finding(s)\n"
        )


def render(results: Sequence[FileResult], summary: Summary, registry: Registry | None = None) -> str:
    return report.collect(Writer, results, summary, registry)  # type: ignore[arg-type]


def _lines(lines: Sequence[int], most: int = 10) -> str:
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (f", … (+{len(lines) - most})" if len(lines) > most else "")
