"""``--format junit``: one ``<testsuite>``, one ``<testcase>`` per file.

A failing file gets a ``<failure>`` listing its findings and failed expectations; a file that
could not be processed gets an ``<error>``; a passing file lists any findings below the gate
in ``<system-out>``. Characters XML 1.0 cannot carry (NUL and other controls, from binary
input) are written as ``\\xNN`` escapes, so the output always parses.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from lawqa import report
from lawqa.model import ExpectationResult, FileResult, Finding, Summary
from lawqa.rules import Registry

__all__ = ["Writer", "render", "xml_safe"]

_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by a visible escape."""
    return _ILLEGAL_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _finding_line(path: str, f: Finding) -> str:
    text = f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}"
    if f.excerpt:
        text += f" | {f.excerpt}"
    if f.suggestion is not None:
        text += f" → {f.suggestion!r}" if f.suggestion else " → delete"
    return text


def _expectation_line(path: str, e: ExpectationResult) -> str:
    where = f"{path}:{e.unexpected_lines[0]}" if e.unexpected_lines else path
    text = f"{where}: {e.severity} [{e.rule_id or e.expectation}] {e.description or e.expectation}"
    if e.observed:
        text += f" ({e.observed})"
    if len(e.unexpected_lines) > 1:
        shown = ", ".join(str(n) for n in e.unexpected_lines[:50])
        text += f"; lines {shown}" + (" …" if len(e.unexpected_lines) > 50 else "")
    return text


def _body(result: FileResult) -> str:
    lines = [_finding_line(result.path, f) for f in result.findings]
    lines += [_expectation_line(result.path, e) for e in result.expectations if not e.success]
    return xml_safe("\n".join(lines))


def _testcase(result: FileResult) -> ET.Element:
    case = ET.Element(
        "testcase", {"classname": "lawqa", "name": xml_safe(result.path), "file": xml_safe(result.path), "time": "0"}
    )
    n_failed = sum(not e.success for e in result.expectations)
    summary_text = f"{len(result.findings)} finding(s), {n_failed} failed expectation(s)"
    if result.status == "error":
        element = ET.SubElement(
            case, "error", {"message": xml_safe(result.error or "could not be processed"), "type": "error"}
        )
        element.text = _body(result) or xml_safe(result.error or "")
    elif result.status == "fail":
        element = ET.SubElement(case, "failure", {"message": summary_text, "type": "lawqa"})
        element.text = _body(result)
    elif result.findings or n_failed:
        ET.SubElement(case, "system-out").text = _body(result)
    return case


class Writer(report.Writer):
    """The JUnit XML report, streamed. The counts belong in the opening tags, so test cases are
    spooled (in memory up to 8 MiB, then a temporary file) and follow the header at close."""

    def start(self) -> None:
        # lives from start() to finish(), which closes it: no with-block spans the two calls
        self.spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
        self.tests = self.failures = self.errors = 0

    def write_file(self, result: FileResult) -> None:
        case = _testcase(result)
        ET.indent(case, space="  ", level=2)
        self.spool.write("    " + ET.tostring(case, encoding="unicode") + "\n")
        self.tests += 1
        self.failures += result.status == "fail"
        self.errors += result.status == "error"

    def finish(self, summary: Summary) -> None:
        counts = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}" skipped="0" time="0"'
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(f'<testsuites name="lawqa" {counts}>\n  <testsuite name="lawqa" {counts}>\n')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out)
        self.spool.close()
        self.out.write("  </testsuite>\n</testsuites>\n")


def render(results: Sequence[FileResult], summary: Summary, registry: Registry) -> str:
    """The JUnit XML report of a run."""
    return report.collect(Writer, results, summary, registry)
