"""The per-file stages composed: bytes → Document → Findings → FileResult.

Everything here is a pure function of its arguments, so the engine can run
:func:`check_path` for any file alone in any worker process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from lawqa import document as document_stage
from lawqa.config import Config
from lawqa.fix import clean_text
from lawqa.ingest.encoding import decode
from lawqa.ingest.lines import split_lines
from lawqa.ingest.mojibake import repair_lines
from lawqa.ingest.read import read_source
from lawqa.model import Document, EncodingInfo, FileResult, Finding, Hit, Provenance, Source
from lawqa.rules import Registry, registry

EXCERPT_CONTEXT = 8
_SENTENCE_END = "。！？；!?;"


def check_path(path: str, display: str | None = None, config: Config | None = None) -> FileResult:
    """Read and check one file. I/O failures become a result with status ``error``."""
    config = config or Config()
    name = display if display is not None else path
    try:
        source = read_source(path, name, config.max_bytes)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return FileResult(
            path=name,
            status="error",
            provenance=Provenance(sha256="", bytes=0, encoding=None, encoding_confidence=None, bom=False, newline=None),
            error=f"{name}: cannot read: {reason}",
        )
    try:
        return check_source(source, config)
    except Exception as exc:  # a bug in lawqa must not stop a corpus run: report it on the file
        return FileResult(
            path=name,
            status="error",
            provenance=_bare_provenance(source, None),
            error=f"{name}: internal error while checking: {exc.__class__.__name__}: {exc}",
        )


def check_source(source: Source, config: Config | None = None, reg: Registry | None = None) -> FileResult:
    """Run every per-file stage on ``source``. The status is left to the gate (``"pass"`` here)."""
    config = config or Config()
    reg = reg or registry()
    if source.size > config.max_bytes:
        hit = Hit(
            "file-too-large",
            1,
            1,
            1,
            f"{source.size:,} bytes is over the limit of {config.max_bytes:,} (max-bytes); not read further",
        )
        return FileResult(
            path=source.path,
            status="pass",
            provenance=_bare_provenance(source, None),
            findings=resolve([hit], (), config, reg),
        )
    decoded = decode(source.data)
    if decoded.text is None:
        return FileResult(
            path=source.path,
            status="pass",
            provenance=_bare_provenance(source, decoded.info),
            findings=resolve(decoded.hits, (), config, reg),
        )
    doc, ingest_hits = build_document(source.path, source.sha256, source.size, decoded.text, decoded.info)
    findings = resolve([*decoded.hits, *ingest_hits, *run_checkers(doc, config, reg)], doc.lines, config, reg)
    return FileResult(
        path=source.path,
        status="pass",
        provenance=provenance(doc, findings, reg),
        findings=findings,
        document=doc,
    )


def build_document(
    path: str, sha256: str, size: int, text: str, info: EncodingInfo | None
) -> tuple[Document, tuple[Hit, ...]]:
    """Split, repair and parse decoded text into a :class:`Document` (plus the repair hits)."""
    lines, newline = split_lines(text)
    repaired = repair_lines(lines)
    doc = Document(
        path=path,
        sha256=sha256,
        size=size,
        encoding=info or EncodingInfo("utf-8", 1.0, False, "given"),
        newline=newline,
        lines=repaired.lines,
        decoded_lines=lines,
        repairs=repaired.repairs,
    )
    return document_stage.parse(doc), repaired.hits


def document_from_text(text: str, path: str = "<text>") -> Document:
    """A parsed Document from already-decoded text (tests, notebooks, other tools)."""
    data = text.encode("utf-8")
    return build_document(path, hashlib.sha256(data).hexdigest(), len(data), text, None)[0]


def run_checkers(doc: Document, config: Config, reg: Registry) -> list[Hit]:
    """Run every checker that emits at least one enabled rule; drop hits of disabled rules."""
    hits: list[Hit] = []
    for chk in reg.checkers:
        if not any(config.enabled(rule_id) for rule_id in chk.emits):
            continue
        hits.extend(h for h in chk.run(doc) if config.enabled(h.rule))
    return hits


def resolve(hits: Iterable[Hit], lines: tuple[str, ...], config: Config, reg: Registry) -> tuple[Finding, ...]:
    """Turn hits into findings: severity from config, excerpt from the text, sorted, de-duplicated."""
    out: dict[tuple[object, ...], Finding] = {}
    for hit in hits:
        if not config.enabled(hit.rule):
            continue
        rule = reg.get(hit.rule)
        end_line = hit.end_line if hit.end_line is not None else hit.line
        finding = Finding(
            rule=hit.rule,
            severity=config.severity_of(hit.rule, rule.severity),
            line=hit.line,
            column=hit.column,
            end_line=end_line,
            end_column=hit.end_column,
            message=hit.message,
            excerpt=excerpt(lines, hit.line, hit.column, end_line, hit.end_column),
            suggestion=hit.suggestion,
        )
        out.setdefault((finding.rule, *finding.sort_key[:2], end_line, hit.end_column), finding)
    return tuple(sorted(out.values(), key=lambda f: f.sort_key))


def excerpt(lines: tuple[str, ...], line: int, column: int, end_line: int, end_column: int) -> str:
    """The span with up to :data:`EXCERPT_CONTEXT` code points of context, not crossing a sentence end."""
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    start = max(column - 1, 0)
    stop = end_column - 1 if end_line == line else len(text)
    stop = max(start, min(stop, len(text)))
    left = start
    while left > 0 and start - left < EXCERPT_CONTEXT and text[left - 1] not in _SENTENCE_END:
        left -= 1
    right = stop
    while right < len(text) and right - stop < EXCERPT_CONTEXT and text[right] not in _SENTENCE_END:
        right += 1
    return text[left:right].strip()


def provenance(doc: Document, findings: tuple[Finding, ...], reg: Registry) -> Provenance:
    title = doc.title
    signature = doc.signature
    agency = (title.agency if title else None) or (signature.agency if signature else None)
    cleaned = clean_text(doc, findings, reg)
    return Provenance(
        sha256=doc.sha256,
        bytes=doc.size,
        encoding=doc.encoding.encoding,
        encoding_confidence=round(doc.encoding.confidence, 4),
        bom=doc.encoding.bom,
        newline=doc.newline or None,
        repairs=doc.repairs,
        title=title.text if title else None,
        agency=agency,
        report_year=title.year if title else None,
        signed_date=signature.date if signature else None,
        published_date=doc.published_date,
        clean_sha256=hashlib.sha256(cleaned.encode("utf-8")).hexdigest(),
    )


def _bare_provenance(source: Source, info: EncodingInfo | None) -> Provenance:
    return Provenance(
        sha256=source.sha256,
        bytes=source.size,
        encoding=info.encoding if info else None,
        encoding_confidence=round(info.confidence, 4) if info else None,
        bom=info.bom if info else False,
        newline=None,
    )


def drop_document(result: FileResult) -> FileResult:
    """The result without its Document, once suites and reports no longer need it."""
    return replace(result, document=None) if result.document is not None else result
