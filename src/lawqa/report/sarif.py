"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards.

Every registry rule is listed in ``tool.driver.rules`` (id, short and full description, help
from its documentation, default level); expectation rules that failed are listed too. Columns
are Unicode code points (``columnKind: unicodeCodePoints``), as in CONTRACT.md. A suggestion
becomes a SARIF ``fix`` replacing the span. Files that could not be processed become tool
execution notifications, so a dashboard shows them rather than silently passing them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from lawqa import __version__, report
from lawqa.model import ExpectationResult, FileResult, Finding, Severity, Summary
from lawqa.rules import Registry

__all__ = ["LEVELS", "Writer", "artifact_uri", "render"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative (forward slashes, percent-encoded)."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    if PureWindowsPath(path).is_absolute():
        return "file:///" + quote(posix)
    return quote(posix)


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    line = max(line, 1)
    region = {"startLine": line, "startColumn": max(column, 1), "endLine": max(end_line, line)}
    region["endColumn"] = max(end_column, 1)
    if region["endLine"] == line and region["endColumn"] < region["startColumn"]:
        region["endColumn"] = region["startColumn"]
    return region


def _location(uri: str, region: dict[str, int] | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _finding(f: Finding, uri: str, index: dict[str, int]) -> dict[str, Any]:
    region = _region(f.line, f.column, f.end_line, f.end_column)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(uri, region)],
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.excerpt:
        result["locations"][0]["physicalLocation"]["region"]["snippet"] = {"text": f.excerpt}
    if f.suggestion is not None:
        label = f"replace with {f.suggestion!r}" if f.suggestion else "delete"
        result["fixes"] = [
            {
                "description": {"text": label},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": _region(f.line, f.column, f.end_line, f.end_column),
                                "insertedContent": {"text": f.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def _expectation(e: ExpectationResult, uri: str, index: dict[str, int]) -> dict[str, Any]:
    rule_id = e.rule_id or e.expectation
    text = e.description or e.expectation
    if e.observed:
        text += f" ({e.observed})"
    first = e.unexpected_lines[0] if e.unexpected_lines else None
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "level": LEVELS[e.severity],
        "message": {"text": text},
        "locations": [_location(uri, {"startLine": first} if first else None)],
        "properties": {
            "suite": e.suite,
            "expectation": e.expectation,
            "column": e.column,
            "unexpectedLines": list(e.unexpected_lines),
        },
    }
    if rule_id in index:
        result["ruleIndex"] = index[rule_id]
    if len(e.unexpected_lines) > 1:
        result["relatedLocations"] = [
            {"id": i, **_location(uri, {"startLine": n})} for i, n in enumerate(e.unexpected_lines[1:101], start=1)
        ]
    return result


def _registry_rules(registry: Registry) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for rule in registry.rules:
        what = rule.section("What it does") or rule.summary
        rules.append(
            {
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.split("-")),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": what},
                "help": {"text": rule.docs, "markdown": rule.docs},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": ["lawqa"], **({"fix": rule.fix} if rule.fix else {})},
            }
        )
    return rules


def _expectation_rule(e: ExpectationResult) -> dict[str, Any]:
    text = e.description or e.expectation
    return {
        "id": e.rule_id or e.expectation,
        "shortDescription": {"text": text},
        "fullDescription": {"text": f"Expectation {e.expectation} of suite {e.suite!r}: {text}"},
        "defaultConfiguration": {"level": LEVELS[e.severity]},
        "properties": {"tags": ["lawqa", "expectation"], "suite": e.suite},
    }


class Writer(report.Writer):
    """The SARIF 2.1.0 log, streamed: results are written as files arrive; the artifacts, the
    invocation and ``tool.driver`` (whose rules grow by the expectation rules that failed)
    follow them in the same run object (JSON members have no order). Compact JSON: indent
    would force the slow encoder."""

    def start(self) -> None:
        self.rules = _registry_rules(self.registry)
        self.index = {r["id"]: i for i, r in enumerate(self.rules)}
        self.artifacts: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self._first = True
        head = {"$schema": SCHEMA, "version": "2.1.0"}
        self.out.write(_dumps(head)[:-1] + ',"runs":[{"columnKind":"unicodeCodePoints","results":[')

    def write_file(self, result: FileResult) -> None:
        uri = artifact_uri(result.path)
        artifact: dict[str, Any] = {"location": {"uri": uri}, "length": result.provenance.bytes}
        if result.provenance.sha256:
            artifact["hashes"] = {"sha-256": result.provenance.sha256}
        if result.provenance.encoding:
            artifact["encoding"] = result.provenance.encoding
        self.artifacts.append(artifact)
        items = [_finding(f, uri, self.index) for f in result.findings]
        for e in result.expectations:
            if e.success:
                continue
            rule_id = e.rule_id or e.expectation
            if rule_id not in self.index:
                self.index[rule_id] = len(self.rules)
                self.rules.append(_expectation_rule(e))
            items.append(_expectation(e, uri, self.index))
        if result.status == "error":
            self.notifications.append(
                {
                    "level": "error",
                    "message": {"text": result.error or f"{result.path}: could not be processed"},
                    "locations": [_location(uri, None)],
                }
            )
        for item in items:
            self.out.write(("" if self._first else ",") + _dumps(item))
            self._first = False

    def finish(self, summary: Summary) -> None:
        invocation: dict[str, Any] = {
            "executionSuccessful": True,
            "properties": {"files": summary.files, "passed": summary.passed, "failed": summary.failed},
        }
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        driver = {
            "name": "lawqa",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": "https://pypi.org/project/lawqa/",
            "rules": self.rules,
        }
        tail = {"artifacts": self.artifacts, "invocations": [invocation], "tool": {"driver": driver}}
        self.out.write("]," + _dumps(tail)[1:] + "]}\n")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(results: Sequence[FileResult], summary: Summary, registry: Registry) -> str:
    """The SARIF 2.1.0 log of a run, as JSON text."""
    return report.collect(Writer, results, summary, registry)
