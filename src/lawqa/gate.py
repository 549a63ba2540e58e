"""The gate: does a file pass?

A file fails when it has a finding, or a failed expectation, whose severity is at least
the ``fail-on`` threshold. ``error`` status (the file could not be read at all) is kept:
nothing was checked, so nothing passed.
"""

from __future__ import annotations

from dataclasses import replace

from lawqa.model import FileResult, Severity, Summary


def status(result: FileResult, threshold: Severity | None) -> str:
    """``pass``, ``fail`` or ``error`` for ``result`` at ``threshold`` (``None``: never fail)."""
    if result.status == "error":
        return "error"
    if threshold is None:
        return "pass"
    if any(f.severity.at_least(threshold) for f in result.findings):
        return "fail"
    if any(not e.success and e.severity.at_least(threshold) for e in result.expectations):
        return "fail"
    return "pass"


def apply(result: FileResult, threshold: Severity | None) -> FileResult:
    """``result`` with its status set by the gate."""
    return replace(result, status=status(result, threshold))


def exit_code(summary: Summary) -> int:
    """0 when every file passed, 1 when one failed or could not be read (CONTRACT.md)."""
    return 0 if summary.failed == 0 and summary.errors == 0 else 1
