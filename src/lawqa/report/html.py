"""Self-contained HTML reports: one page per file and an index for the run.

Pages carry their CSS and JavaScript inline (no CDN, no fonts, no network) and a
Content-Security-Policy that allows only those exact scripts (by sha256), so even text that
slipped past escaping could not run. Document text is always escaped (jinja2 autoescape;
JavaScript only ever reads ``textContent``). Templates compile once per process.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from lawqa.model import ExpectationResult, FileResult, Finding, Severity, Summary
from lawqa.rules import Registry

__all__ = ["index_row", "render_file", "render_index", "rule_anchor"]

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_NEWLINES = {"\n": "LF (\\n)", "\r\n": "CRLF (\\r\\n)", "\r": "CR (\\r)", "mixed": "mixed"}


@dataclass(frozen=True, slots=True)
class _Assets:
    env: Any
    css: Markup
    file_js: Markup
    index_js: Markup
    file_csp: str
    index_csp: str


def _csp(*scripts: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'" for s in scripts
    )
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src {hashes}; img-src data:; base-uri 'none'"


@cache
def _assets() -> _Assets:
    """The jinja2 environment and inline assets, built once per process."""
    import jinja2

    folder = resources.files("lawqa.report") / "templates"
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lawqa.report", "templates"),
        autoescape=True,  # every template, whatever its extension
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["rule_anchor"] = rule_anchor
    css = (folder / "report.css").read_text(encoding="utf-8")
    file_js = (folder / "file.js").read_text(encoding="utf-8")
    index_js = (folder / "index.js").read_text(encoding="utf-8")
    # Compile now, so the first render pays nothing extra and a template error shows at once.
    env.get_template("file.html.j2")
    env.get_template("index.html.j2")
    return _Assets(env, Markup(css), Markup(file_js), Markup(index_js), _csp(file_js), _csp(index_js))


def rule_anchor(rule_id: str) -> str:
    """The fragment id of a rule's embedded explanation (``rule-censored-term``)."""
    return "rule-" + re.sub(r"[^a-z0-9-]+", "-", rule_id.lower())


# ---------------------------------------------------------------------------------------------
# Text with highlights


def _spans(findings: Sequence[Finding], lines: Sequence[str]) -> dict[int, list[tuple[int, int, int]]]:
    """Per line number: (start, stop, finding index) in 0-based code points, clamped to the line."""
    out: dict[int, list[tuple[int, int, int]]] = {}
    n_lines = len(lines)
    for idx, f in enumerate(findings):
        if not 1 <= f.line <= n_lines:
            continue
        last = min(max(f.end_line, f.line), n_lines)
        for number in range(f.line, last + 1):
            text = lines[number - 1]
            start = max(f.column - 1, 0) if number == f.line else 0
            stop = (f.end_column - 1) if number == last and f.end_line == number else len(text)
            start = min(start, len(text))
            stop = max(start, min(stop, len(text)))
            out.setdefault(number, []).append((start, stop, idx))
    return out


def _highlight(text: str, spans: list[tuple[int, int, int]], findings: Sequence[Finding]) -> Markup:
    """``text`` escaped, each atomic segment under one or more findings wrapped in a ``<mark>``.

    Overlapping findings split the text at every boundary; a segment covered by several
    findings carries all their rule ids and finding ids. Empty spans become point markers.
    """
    if not spans:
        return escape(text)
    cuts = {0, len(text)}
    points: dict[int, list[int]] = {}
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for start, stop, idx in spans:
        if stop == start:
            points.setdefault(start, []).append(idx)
        else:
            opens.setdefault(start, []).append(idx)
            closes.setdefault(stop, []).append(idx)
            cuts.update((start, stop))
    cuts.update(points)
    edges = sorted(cuts)
    parts: list[str] = []
    active: set[int] = set()  # findings covering the segment that starts at ``pos`` (a sweep, not a rescan)
    for i, pos in enumerate(edges):
        active.difference_update(closes.get(pos, ()))
        active.update(opens.get(pos, ()))
        if pos in points:
            parts.append(_mark("", points[pos], findings, point=True))
        if i + 1 == len(edges):
            break
        stop = edges[i + 1]
        covering = sorted(active)
        segment = text[pos:stop]
        parts.append(_mark(segment, covering, findings) if covering else str(escape(segment)))
    return Markup("".join(parts))


def _mark(segment: str, ids: list[int], findings: Sequence[Finding], point: bool = False) -> str:
    chosen = [findings[i] for i in ids]
    worst = min(chosen, key=lambda f: _SEVERITY_ORDER[f.severity]).severity
    rules = " ".join(dict.fromkeys(f.rule for f in chosen))
    title = "\n".join(
        f"{f.rule} ({f.severity}): {f.message}"
        + ("" if f.suggestion is None else f" → {f.suggestion!r}" if f.suggestion else " → delete")
        for f in chosen
    )
    cls = "hl point" if point else "hl"
    return (
        f'<mark class="{cls} sev-{worst}" data-rule="{escape(rules)}" data-severity="{worst}" '
        f'data-findings="{" ".join(f"f{i}" for i in ids)}" title="{escape(title)}" tabindex="0">'
        f"{escape(segment)}</mark>"
    )


# ---------------------------------------------------------------------------------------------
# Rule documentation


def _doc_html(docs: str) -> Markup:
    """A rule's markdown documentation as safe HTML: ``## `` headings, paragraphs, code."""
    blocks: list[str] = []
    para: list[str] = []
    in_code = False
    code: list[str] = []

    def flush() -> None:
        if para:
            text = str(escape("\n".join(para)))
            text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
            blocks.append(f"<p>{text}</p>")
            para.clear()

    for line in docs.splitlines():
        if line.startswith("```"):
            if in_code:
                blocks.append(f"<pre>{escape(chr(10).join(code))}</pre>")
                code.clear()
            else:
                flush()
            in_code = not in_code
        elif in_code:
            code.append(line)
        elif line.startswith("## "):
            flush()
            blocks.append(f"<h4>{escape(line[3:].strip())}</h4>")
        elif not line.strip():
            flush()
        else:
            para.append(line)
    flush()
    if in_code and code:
        blocks.append(f"<pre>{escape(chr(10).join(code))}</pre>")
    return Markup("\n".join(blocks))


def _rule_docs(rule_ids: Sequence[str], registry: Registry) -> list[dict[str, Any]]:
    out = []
    for rule_id in rule_ids:
        if rule_id in registry:
            rule = registry.get(rule_id)
            out.append(
                {
                    "id": rule.id,
                    "anchor": rule_anchor(rule.id),
                    "severity": str(rule.severity),
                    "summary": rule.summary,
                    "html": _doc_html(rule.docs),
                }
            )
    return out


# ---------------------------------------------------------------------------------------------
# Pages


def _counts(result: FileResult) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[str(f.severity)] = counts.get(str(f.severity), 0) + 1
    return counts


def _expectation_rows(expectations: Sequence[ExpectationResult]) -> list[dict[str, Any]]:
    rows = []
    for e in expectations:
        rows.append(
            {
                "suite": e.suite,
                "rule_id": e.rule_id or "",
                "expectation": e.expectation,
                "column": e.column or "",
                "success": e.success,
                "severity": str(e.severity),
                "observed": e.observed or "",
                "description": e.description or "",
                "lines": list(e.unexpected_lines[:200]),
                "more": max(0, len(e.unexpected_lines) - 200),
            }
        )
    return sorted(rows, key=lambda r: (r["success"], _SEVERITY_ORDER[Severity(r["severity"])]))


def render_file(result: FileResult, registry: Registry) -> str:
    """The self-contained HTML report of one file (decodable or not)."""
    assets = _assets()
    doc = result.document
    findings = result.findings
    lines: list[dict[str, Any]] = []
    if doc is not None:
        spans = _spans(findings, doc.lines)
        kinds = doc.kinds if len(doc.kinds) == len(doc.lines) else ()
        for number, text in enumerate(doc.lines, start=1):
            lines.append(
                {
                    "n": number,
                    "html": _highlight(text, spans.get(number, []), findings),
                    "kind": str(kinds[number - 1]) if kinds else "",
                }
            )
    rule_ids = sorted({f.rule for f in findings})
    prov = result.provenance
    severities = [s for s in ("error", "warning", "info") if any(str(f.severity) == s for f in findings)]
    return assets.env.get_template("file.html.j2").render(
        result=result,
        prov=prov,
        newline=_NEWLINES.get(prov.newline or "", prov.newline or "—"),
        lines=lines,
        findings=[(f"f{i}", f) for i, f in enumerate(findings)],
        counts=_counts(result),
        rule_ids=rule_ids,
        severities=severities,
        rule_docs=_rule_docs(rule_ids, registry),
        expectations=_expectation_rows(result.expectations),
        failed_expectations=sum(not e.success for e in result.expectations),
        css=assets.css,
        script=assets.file_js,
        csp=assets.file_csp,
    )


def _safe_href(href: str) -> str:
    """A relative link: percent-encoded, and never a ``javascript:``-style URL."""
    quoted = quote(href.replace("\\", "/"), safe="/._-~%")
    return quoted if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) else "./" + quoted


def index_row(result: FileResult, href: str) -> dict[str, Any]:
    """What the index page shows of one file: a few counts, so a run keeps a row per file,
    not its findings."""
    counts = _counts(result)
    return {
        "path": result.path,
        "href": _safe_href(href),
        "status": result.status,
        "findings": len(result.findings),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "failed_expectations": sum(not e.success for e in result.expectations),
        "encoding": result.provenance.encoding or "",
        "bytes": result.provenance.bytes,
    }


def render_index(rows: Sequence[Mapping[str, Any]], summary: Summary) -> str:
    """The run's index page: every file (rows from :func:`index_row`) with status and counts,
    sortable, linking to its report."""
    assets = _assets()
    return assets.env.get_template("index.html.j2").render(
        rows=rows,
        summary=summary,
        css=assets.css,
        script=assets.index_js,
        csp=assets.index_csp,
    )
