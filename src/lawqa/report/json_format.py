"""``--format json`` and the per-file ``<report-dir>/<name>.json``, shaped as CONTRACT.md shows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from lawqa import __version__, report
from lawqa.model import ExpectationResult, FileResult, Finding, Provenance, Repair, Summary
from lawqa.rules import Registry


def repair_dict(r: Repair) -> dict[str, Any]:
    return {"line": r.line, "kind": r.kind, "before": r.before, "after": r.after, "method": r.method}


def provenance_dict(p: Provenance) -> dict[str, Any]:
    return {
        "sha256": p.sha256,
        "bytes": p.bytes,
        "encoding": p.encoding,
        "encoding_confidence": p.encoding_confidence,
        "bom": p.bom,
        "newline": p.newline,
        "repairs": [repair_dict(r) for r in p.repairs],
        "title": p.title,
        "agency": p.agency,
        "report_year": p.report_year,
        "signed_date": p.signed_date,
        "published_date": p.published_date,
        "clean_sha256": p.clean_sha256,
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": str(f.severity),
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "excerpt": f.excerpt,
        "message": f.message,
        "suggestion": f.suggestion,
    }


def expectation_dict(e: ExpectationResult) -> dict[str, Any]:
    return {
        "suite": e.suite,
        "expectation": e.expectation,
        "column": e.column,
        "success": e.success,
        "unexpected_lines": list(e.unexpected_lines),
        "severity": str(e.severity),
        "rule_id": e.rule_id,
        "observed": e.observed,
        "description": e.description,
    }


def file_dict(r: FileResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": r.path,
        "status": r.status,
        "provenance": provenance_dict(r.provenance),
        "findings": [finding_dict(f) for f in r.findings],
        "expectations": [expectation_dict(e) for e in r.expectations],
        "report_html": r.report_html,
    }
    if r.error:
        out["error"] = r.error
    return out


def summary_dict(s: Summary) -> dict[str, Any]:
    return {
        "files": s.files,
        "passed": s.passed,
        "failed": s.failed,
        "errors": s.errors,
        "findings_by_rule": dict(s.findings_by_rule),
    }


TOOL = {"name": "lawqa", "version": __version__}


class Writer(report.Writer):
    """The CONTRACT.md document, one file entry at a time. Compact: ``indent`` would switch
    json to its pure-Python encoder, six times slower on a corpus (the HTML is for people)."""

    def start(self) -> None:
        self.out.write('{"tool": ' + _dumps(TOOL) + ', "files": [')
        self._first = True

    def write_file(self, result: FileResult) -> None:
        self.out.write(("" if self._first else ", ") + _dumps(file_dict(result)))
        self._first = False

    def finish(self, summary: Summary) -> None:
        self.out.write('], "summary": ' + _dumps(summary_dict(summary)) + "}\n")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(results: Sequence[FileResult], summary: Summary, registry: Registry | None = None) -> str:
    return report.collect(Writer, results, summary, registry)  # type: ignore[arg-type]
