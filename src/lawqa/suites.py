"""Great Expectations suites over two batch tables: ``lines`` and ``documents``.

A batch of :class:`~lawqa.model.FileResult` becomes two pandas tables (:func:`build_tables`);
every suite (GE suite JSON, see ``expectations/*.json``) runs once per chunk of files against
its table (:func:`validate`), and the unexpected rows are split back per file as
:class:`~lawqa.model.ExpectationResult` values with their line numbers.

Suites are the gate policy users edit, so loading is strict (:func:`load_suites`): an unknown
expectation type, a bad kwarg, a column the table does not have, an aggregate (non row-wise)
expectation or a missing ``meta.rule_id`` / ``meta.severity`` is a :class:`SuiteError` naming the
file and the entry. GE logs and *drops* a misspelled expectation type; here every entry is
built on its own and the loaded suite is counted against the file.

Great Expectations is imported lazily, inside this module's functions only (it costs ~3 s and
~200 MB), with analytics off, progress bars off and its warnings and log records kept off stderr.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawqa.config import ConfigError
from lawqa.model import ExpectationResult, FileResult, Severity

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DOCUMENT_COLUMNS",
    "LINE_COLUMNS",
    "TABLES",
    "Suite",
    "SuiteError",
    "SuiteSet",
    "ValidateHook",
    "build_tables",
    "count_cjk",
    "default_suite_paths",
    "iter_failures",
    "load_suite_file",
    "load_suites",
    "parse_suite",
    "validate",
]

DEFAULT_CHUNK_SIZE = 2000
"""Files per GE validation: ~40 rows a file keeps a chunk's tables well under 100 MB."""

#: Columns of the ``lines`` table (one row per line of every decoded document).
LINE_COLUMNS: Mapping[str, str] = {
    "file": "the file's path as reported (FileResult.path)",
    "line": "1-based line number",
    "text": "the line's (repaired) text",
    "kind": "blank, title, metadata, heading, body, signature, attachment or boilerplate",
    "is_blank": "the line is empty or white space only",
    "heading_level": "1..4 for a numbered heading line, else null",
    "heading_number": "the heading's ordinal (（三） → 3), else null",
    "length": "code points in the line",
    "n_cjk": "CJK ideographs in the line",
    "cjk_share": "CJK ideographs / non-space code points; null for lines under 10 non-space code points",
    "halfwidth_share": "half-width , : ; ( ) ? ! / all such punctuation, half or full width; "
    "null unless the line is Chinese (cjk_share ≥ 0.5) with at least 3 such marks",
    "blank_run": "consecutive blank lines ending at this line (0 for a non-blank line)",
    "repaired": "mojibake was repaired on this line",
    "n_findings": "findings touching this line",
    "n_errors": "error-severity findings touching this line",
    "n_warnings": "warning-severity findings touching this line",
    "n_infos": "info-severity findings touching this line",
    "rules": "comma-separated ids of the rules with a finding on this line ('' for none)",
}

#: Columns of the ``documents`` table (one row per file, decodable or not).
DOCUMENT_COLUMNS: Mapping[str, str] = {
    "file": "the file's path as reported (FileResult.path)",
    "status": "pass, fail or error as known before the gate",
    "decoded": "the bytes were decoded into text",
    "encoding": "the codec used, null when undecodable",
    "encoding_confidence": "the detector's confidence 0..1, null when undecodable",
    "bom": "the file starts with a byte-order mark",
    "newline": "\\n, \\r\\n, \\r, mixed, or null",
    "bytes": "size of the raw file",
    "n_lines": "lines of text (0 when undecodable)",
    "n_blank_lines": "blank lines",
    "n_chars": "non-space code points of the text",
    "n_cjk": "CJK ideographs of the text",
    "cjk_share": "CJK ideographs / non-space code points, null for an empty text",
    "max_line_length": "code points of the longest line",
    "max_blank_run": "longest run of consecutive blank lines",
    "n_headings": "numbered headings (一、 （一） 1. （1） …)",
    "n_enumerations": "inline enumeration items (一是 二是 …)",
    "n_repairs": "mojibake repairs",
    "has_title": "a title was recognised",
    "title": "the title text, or null",
    "agency": "the agency from the title or signature, or null",
    "report_year": "the report year from the title, or null",
    "has_signature": "a closing agency + date was recognised",
    "signed_date": "ISO date of the signature, or null",
    "published_date": "ISO publishing date from web metadata, or null",
    "n_findings": "findings of the file",
    "n_errors": "error-severity findings",
    "n_warnings": "warning-severity findings",
    "n_infos": "info-severity findings",
    "rules": "comma-separated distinct rule ids with findings ('' for none)",
}

TABLES: Mapping[str, Mapping[str, str]] = {"lines": LINE_COLUMNS, "documents": DOCUMENT_COLUMNS}

_SUITE_KEYS = {"name", "expectations", "meta", "id", "notes", "suite_parameters", "data_asset_type", "ge_cloud_id"}
_ENTRY_KEYS = {"type", "kwargs", "meta", "id", "notes", "description", "rendered_content"}
_COLUMN_KWARGS = ("column", "column_A", "column_B")
_INDEX_KWARG = "_lawqa_index"  # written into meta before handing an entry to GE; results are keyed on it


class SuiteError(ConfigError):
    """A suite file is invalid; the message names the file and the entry (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Suite:
    """One loaded suite: plain data (GE objects are rebuilt where validation runs).

    ``expectations`` are the file's entries as written (``type``, ``kwargs``, ``meta`` with
    ``rule_id`` and ``severity`` …), already proven to build in GE.
    """

    name: str
    table: str
    source: str
    expectations: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True, slots=True)
class SuiteSet:
    suites: tuple[Suite, ...]

    def __iter__(self) -> Iterator[Suite]:
        return iter(self.suites)

    def __len__(self) -> int:
        return len(self.suites)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.suites)

    def get(self, name: str) -> Suite:
        for suite in self.suites:
            if suite.name == name:
                return suite
        raise KeyError(name)

    @property
    def digest(self) -> str:
        """sha256 of the suites' content: part of a per-file cache key."""
        canon = json.dumps(
            [[s.name, s.table, list(s.expectations)] for s in self.suites], sort_keys=True, ensure_ascii=False
        )
        return hashlib.sha256(canon.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# Loading


def default_suite_paths() -> tuple[Path, ...]:
    """The suite files shipped in the wheel (``lawqa/expectations/*.json``)."""
    folder = resources.files("lawqa") / "expectations"
    return tuple(sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json")))


def load_suites(extra: Sequence[str | Path] = (), replace: bool = False) -> SuiteSet:
    """The shipped suites plus (or, with ``replace``, instead of) ``extra`` files and folders.

    A folder contributes its ``*.json`` files in name order. A suite whose ``name`` equals an
    earlier one replaces it (so a project's tuned copy of ``lines.json`` overrides the default
    rather than running twice). Every problem raises :class:`SuiteError`.
    """
    paths: list[Path] = [] if replace else list(default_suite_paths())
    for item in extra:
        path = Path(item)
        if path.is_dir():
            paths.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            paths.append(path)
        else:
            raise SuiteError(f"{path}: no such suite file or folder")
    suites: dict[str, Suite] = {}
    for path in paths:
        suite = load_suite_file(path)
        suites[suite.name] = suite  # a same-named suite replaces the earlier one, in its place
    return SuiteSet(tuple(suites.values()))


def load_suite_file(path: str | Path) -> Suite:
    """Load and check one GE suite JSON file."""
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{where}: cannot be read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise SuiteError(f"{where}: not valid JSON: {exc}") from exc
    return parse_suite(data, where, Path(path).stem)


def parse_suite(data: object, where: str, stem: str = "") -> Suite:
    """Check a suite's JSON ``data`` (from ``where``) and return it as a :class:`Suite`."""
    if not isinstance(data, dict):
        raise SuiteError(f"{where}: a suite must be a JSON object with 'name' and 'expectations'")
    unknown = sorted(set(data) - _SUITE_KEYS)
    if unknown:
        raise SuiteError(f"{where}: unknown suite key(s) {', '.join(unknown)}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SuiteError(f"{where}: the suite needs a non-empty 'name'")
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise SuiteError(f"{where}: suite 'meta' must be an object")
    table = meta.get("table") or (name if name in TABLES else stem if stem in TABLES else None)
    if table not in TABLES:
        raise SuiteError(
            f"{where}: suite {name!r}: cannot tell which table it checks; set meta.table to one of {', '.join(TABLES)}"
        )
    entries = data.get("expectations")
    if not isinstance(entries, list):
        raise SuiteError(f"{where}: 'expectations' must be a list")
    checked = tuple(_check_entry(entry, i, where, str(table)) for i, entry in enumerate(entries))
    seen: dict[str, int] = {}
    for i, entry in enumerate(checked):
        key = json.dumps([entry["type"], entry["kwargs"]], sort_keys=True)
        if key in seen:
            raise SuiteError(f"{where}: expectations[{i}] repeats expectations[{seen[key]}]")
        seen[key] = i
    _build_ge_suite(name, checked, where)  # proves the whole suite loads in GE, entry count included
    return Suite(name=name, table=str(table), source=where, expectations=checked)


def _describe(entry: Mapping[str, Any], index: int) -> str:
    kwargs = entry.get("kwargs") if isinstance(entry.get("kwargs"), dict) else {}
    meta = entry.get("meta") if isinstance(entry.get("meta"), dict) else {}
    bits = [f"expectations[{index}]"]
    if isinstance(entry.get("type"), str):
        bits.append(str(entry["type"]))
    if kwargs and "column" in kwargs:
        bits.append(f"on {kwargs['column']!r}")
    if meta and meta.get("rule_id"):
        bits.append(f"(rule_id {meta['rule_id']!r})")
    return " ".join(bits)


def _check_entry(entry: object, index: int, where: str, table: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise SuiteError(f"{where}: expectations[{index}] must be an object")
    what = f"{where}: {_describe(entry, index)}"
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise SuiteError(f"{what}: unknown key(s) {', '.join(unknown)} (GE 1.x suites use 'type' and 'kwargs')")
    etype = entry.get("type")
    if not isinstance(etype, str) or not etype:
        raise SuiteError(f"{what}: missing expectation 'type'")
    kwargs = entry.get("kwargs", {})
    if not isinstance(kwargs, dict):
        raise SuiteError(f"{what}: 'kwargs' must be an object")
    meta = entry.get("meta")
    if not isinstance(meta, dict):
        raise SuiteError(f"{what}: missing 'meta' with rule_id and severity")
    rule_id = meta.get("rule_id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise SuiteError(f"{what}: missing meta.rule_id")
    severity = meta.get("severity")
    if severity not in {s.value for s in Severity}:
        raise SuiteError(f"{what}: meta.severity = {severity!r}; expected error, warning or info")
    if _INDEX_KWARG in meta:
        raise SuiteError(f"{what}: meta.{_INDEX_KWARG} is reserved")
    columns = [kwargs[k] for k in _COLUMN_KWARGS if k in kwargs]
    if isinstance(kwargs.get("column_list"), list):
        columns.extend(kwargs["column_list"])
    known = TABLES[table]
    for column in columns:
        if column not in known:
            close = difflib.get_close_matches(str(column), list(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise SuiteError(f"{what}: table {table!r} has no column {column!r}{hint}")
    _build_expectation(entry, what)  # raises SuiteError on an unknown type, a bad kwarg, an aggregate
    return dict(entry)


# ---------------------------------------------------------------------------------------------
# Great Expectations, imported lazily and quietly


def _ge() -> Any:
    """Import great_expectations offline and quiet (only ever called inside this module's functions)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logger = logging.getLogger("great_expectations")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.propagate = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations as gx
    return gx


def _build_expectation(entry: Mapping[str, Any], what: str, index: int | None = None) -> Any:
    _ge()
    from great_expectations.exceptions import ExpectationNotFoundError
    from great_expectations.expectations.expectation import (
        ColumnMapExpectation,
        ColumnPairMapExpectation,
        MulticolumnMapExpectation,
    )
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
    from great_expectations.expectations.registry import list_registered_expectation_implementations

    meta = dict(entry.get("meta") or {})
    if index is not None:
        meta[_INDEX_KWARG] = index
    fields = {k: v for k, v in entry.items() if k in ("type", "kwargs", "notes", "description", "id")}
    fields["meta"] = meta
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expectation = ExpectationConfiguration(**fields).to_domain_obj()
    except ExpectationNotFoundError:
        close = difflib.get_close_matches(str(entry.get("type")), list_registered_expectation_implementations(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise SuiteError(f"{what}: unknown expectation type {entry.get('type')!r}{hint}") from None
    except Exception as exc:  # pydantic ValidationError, TypeError, GE's own errors: all a bad entry
        detail = " ".join(str(exc).split())
        raise SuiteError(f"{what}: invalid kwargs: {detail}") from None
    if not isinstance(expectation, ColumnMapExpectation | ColumnPairMapExpectation | MulticolumnMapExpectation):
        raise SuiteError(
            f"{what}: {entry.get('type')} is not row-wise; only column map expectations can be mapped "
            "back to a file and line"
        )
    return expectation


def _build_ge_suite(name: str, entries: Sequence[Mapping[str, Any]], where: str) -> Any:
    _ge()
    from great_expectations.core import ExpectationSuite

    built = [_build_expectation(e, f"{where}: {_describe(e, i)}", index=i) for i, e in enumerate(entries)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        suite = ExpectationSuite(name=name, expectations=built)
    if len(suite.expectations) != len(entries):
        raise SuiteError(f"{where}: {len(entries)} expectations in the file but {len(suite.expectations)} loaded")
    return suite


# ---------------------------------------------------------------------------------------------
# Tables

_SPACE_RE = re.compile(r"\s+")
# CJK ideographs counted fast on UTF-8 bytes: U+4000-U+9FFF are the 3-byte sequences led by E4..E9,
# minus U+4DC0-U+4DFF (hexagram symbols, E4 B7 xx); the rarer ranges are found by a regex.
_CJK_LEADS = (b"\xe4", b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9")
_CJK_RARE_RE = re.compile(r"[\u3400-\u3fff\uf900-\ufaff\U00020000-\U0003134f]")
_HALF_PUNCT = ",:;()?!"
_FULL_PUNCT = "，：；（）？！"
_MIN_SHARE_CHARS = 10
_NAN = math.nan


def count_cjk(text: str) -> int:
    """CJK ideographs in ``text`` (URO, extension A, compatibility ideographs, extensions B and later)."""
    data = text.encode("utf-8", "surrogatepass")
    n = sum(data.count(lead) for lead in _CJK_LEADS) - data.count(b"\xe4\xb7")
    if _CJK_RARE_RE.search(text):
        n += len(_CJK_RARE_RE.findall(text))
    return n


def _line_scores(text: str) -> tuple[int, int, float, float]:
    """(non-space code points, CJK count, cjk_share, halfwidth_share) of one line."""
    dense = _SPACE_RE.sub("", text) if text else ""
    n = len(dense)
    if not n:
        return 0, 0, _NAN, _NAN
    n_cjk = count_cjk(dense)
    share = n_cjk / n if n >= _MIN_SHARE_CHARS else _NAN
    half_share = _NAN
    if share >= 0.5:
        half = sum(map(dense.count, _HALF_PUNCT))
        full = sum(map(dense.count, _FULL_PUNCT))
        if half + full >= 3:
            half_share = half / (half + full)
    return n, n_cjk, share, half_share


_SEVERITY_SLOT = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _per_line_findings(result: FileResult, n_lines: int) -> dict[int, list[Any]]:
    """Line number → [n_errors, n_warnings, n_infos, set of rule ids] for lines touched by findings."""
    out: dict[int, list[Any]] = {}
    for f in result.findings:
        last = min(max(f.end_line, f.line), n_lines)
        slot = _SEVERITY_SLOT[f.severity]
        for number in range(max(f.line, 1), last + 1):
            acc = out.get(number)
            if acc is None:
                acc = out[number] = [0, 0, 0, set()]
            acc[slot] += 1
            acc[3].add(f.rule)
    return out


def build_tables(results: Sequence[FileResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``lines`` and ``documents`` tables of a batch (columns: :data:`LINE_COLUMNS`, :data:`DOCUMENT_COLUMNS`).

    A result without a Document (undecodable, unreadable, too large) has no lines but still
    has a documents row, so document expectations (e.g. the error gate) see it.
    """
    import pandas as pd

    lines: dict[str, list[Any]] = {c: [] for c in LINE_COLUMNS}
    docs: dict[str, list[Any]] = {c: [] for c in DOCUMENT_COLUMNS}
    no_finding = (0, 0, 0, ())
    for result in results:
        doc = result.document
        prov = result.provenance
        counts = {sev: 0 for sev in Severity}
        for f in result.findings:
            counts[f.severity] += 1
        n_lines = len(doc.lines) if doc is not None else 0
        doc_chars = doc_cjk = blank_lines = max_len = max_run = 0
        if doc is not None:
            texts = doc.lines
            headings = {h.line: h for h in doc.headings}
            repaired = {r.line for r in doc.repairs}
            by_line = _per_line_findings(result, n_lines)
            blanks = [not t.strip() for t in texts]
            if len(doc.kinds) == n_lines:
                kinds = [str(k) for k in doc.kinds]
            else:
                kinds = ["blank" if b else "body" for b in blanks]
            runs = []
            run = 0
            for blank in blanks:
                run = run + 1 if blank else 0
                runs.append(run)
            scores = [_line_scores(t) for t in texts]
            per_line = [by_line.get(i, no_finding) for i in range(1, n_lines + 1)]
            numbers = range(1, n_lines + 1)
            lines["file"].extend([result.path] * n_lines)
            lines["line"].extend(numbers)
            lines["text"].extend(texts)
            lines["kind"].extend(kinds)
            lines["is_blank"].extend(blanks)
            lines["heading_level"].extend(float(headings[i].level) if i in headings else _NAN for i in numbers)
            lines["heading_number"].extend(float(headings[i].number) if i in headings else _NAN for i in numbers)
            lines["length"].extend(map(len, texts))
            lines["n_cjk"].extend(s[1] for s in scores)
            lines["cjk_share"].extend(s[2] for s in scores)
            lines["halfwidth_share"].extend(s[3] for s in scores)
            lines["blank_run"].extend(runs)
            lines["repaired"].extend(i in repaired for i in numbers)
            lines["n_findings"].extend(a[0] + a[1] + a[2] for a in per_line)
            lines["n_errors"].extend(a[0] for a in per_line)
            lines["n_warnings"].extend(a[1] for a in per_line)
            lines["n_infos"].extend(a[2] for a in per_line)
            lines["rules"].extend(",".join(sorted(a[3])) for a in per_line)
            doc_chars = sum(s[0] for s in scores)
            doc_cjk = sum(s[1] for s in scores)
            blank_lines = sum(blanks)
            max_len = max(map(len, texts), default=0)
            max_run = max(runs, default=0)
        title = doc.title if doc is not None else None
        signature = doc.signature if doc is not None else None
        docs["file"].append(result.path)
        docs["status"].append(result.status)
        docs["decoded"].append(doc is not None)
        docs["encoding"].append(prov.encoding)
        docs["encoding_confidence"].append(
            float(prov.encoding_confidence) if prov.encoding_confidence is not None else _NAN
        )
        docs["bom"].append(bool(prov.bom))
        docs["newline"].append(prov.newline)
        docs["bytes"].append(int(prov.bytes))
        docs["n_lines"].append(n_lines)
        docs["n_blank_lines"].append(blank_lines)
        docs["n_chars"].append(doc_chars)
        docs["n_cjk"].append(doc_cjk)
        docs["cjk_share"].append(doc_cjk / doc_chars if doc_chars else _NAN)
        docs["max_line_length"].append(max_len)
        docs["max_blank_run"].append(max_run)
        docs["n_headings"].append(len(doc.headings) if doc is not None else 0)
        docs["n_enumerations"].append(len(doc.enumerations) if doc is not None else 0)
        docs["n_repairs"].append(len(prov.repairs))
        docs["has_title"].append(title is not None)
        docs["title"].append(prov.title)
        docs["agency"].append(prov.agency)
        docs["report_year"].append(float(prov.report_year) if prov.report_year is not None else _NAN)
        docs["has_signature"].append(signature is not None and bool(signature.agency or signature.date))
        docs["signed_date"].append(prov.signed_date)
        docs["published_date"].append(prov.published_date)
        docs["n_findings"].append(len(result.findings))
        docs["n_errors"].append(counts[Severity.ERROR])
        docs["n_warnings"].append(counts[Severity.WARNING])
        docs["n_infos"].append(counts[Severity.INFO])
        docs["rules"].append(",".join(sorted({f.rule for f in result.findings})))
    line_types = {"line": "int64", "length": "int64", "n_cjk": "int64", "blank_run": "int64", "is_blank": "bool"}
    line_types |= {c: "float64" for c in ("heading_level", "heading_number", "cjk_share", "halfwidth_share")}
    line_types |= {c: "int64" for c in ("n_findings", "n_errors", "n_warnings", "n_infos")}
    line_types["repaired"] = "bool"
    lines_df = pd.DataFrame({c: pd.Series(v, dtype=line_types.get(c, "object")) for c, v in lines.items()})
    doc_types = {c: "int64" for c in DOCUMENT_COLUMNS if c.startswith(("n_", "max_")) or c == "bytes"}
    doc_types |= {"encoding_confidence": "float64", "cjk_share": "float64", "report_year": "float64"}
    doc_types |= {c: "bool" for c in ("decoded", "bom", "has_title", "has_signature")}
    docs_df = pd.DataFrame({c: pd.Series(v, dtype=doc_types.get(c, "object")) for c, v in docs.items()})
    return lines_df, docs_df


# ---------------------------------------------------------------------------------------------
# Validation

ValidateHook = Callable[[str, int], None]
"""Called once per GE validate call with (suite name, rows validated): lets a test count calls."""


def validate(
    results: Sequence[FileResult],
    suite_set: SuiteSet,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_validate: ValidateHook | None = None,
) -> dict[str, tuple[ExpectationResult, ...]]:
    """Run every suite over ``results``: ONE GE validation per suite per chunk of ``chunk_size`` files.

    Returns, for each ``FileResult.path``, its expectation results in suite-file order. A file
    with no rows in a suite's table (an undecodable file and the ``lines`` suite) gets no
    results from that suite. Per file, ``success`` is judged on that file's rows alone
    (``mostly`` applies per file).
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    out: dict[str, list[ExpectationResult]] = {r.path: [] for r in results}
    if not results or not len(suite_set):
        return {k: tuple(v) for k, v in out.items()}
    gx = _ge()
    built = {s.name: _build_ge_suite(s.name, s.expectations, s.source) for s in suite_set}
    for start in range(0, len(results), chunk_size):
        chunk = results[start : start + chunk_size]
        lines_df, docs_df = build_tables(chunk)
        tables = {"lines": lines_df, "documents": docs_df}
        for suite in suite_set:
            frame = tables[suite.table]
            if frame.empty:
                continue
            raw = _run_ge(gx, built[suite.name], suite.table, frame)
            if on_validate is not None:
                on_validate(suite.name, len(frame))
            for path, items in _split(suite, raw, frame).items():
                out[path].extend(items)
    return {k: tuple(v) for k, v in out.items()}


def _run_ge(gx: Any, ge_suite: Any, table: str, frame: pd.DataFrame) -> Any:
    from great_expectations.data_context.types.base import ProgressBarsConfig

    index_columns = ["file", "line"] if table == "lines" else ["file"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        source = context.data_sources.add_pandas("lawqa")
        asset = source.add_dataframe_asset(table)
        batch = asset.add_batch_definition_whole_dataframe("batch").get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(
            ge_suite,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": index_columns},
        )


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3g}"
    return repr(value) if isinstance(value, str) else str(value)


def _expectation_text(entry: Mapping[str, Any]) -> str:
    """A one-line description: meta.description, the entry's description/notes, or one made from kwargs."""
    meta = entry.get("meta") or {}
    for text in (meta.get("description"), entry.get("description"), entry.get("notes")):
        if isinstance(text, str) and text.strip():
            return " ".join(text.split())
    kwargs = dict(entry.get("kwargs") or {})
    column = kwargs.pop("column", None)
    mostly = kwargs.pop("mostly", None)
    parts = [f"{k}={_fmt(v)}" for k, v in sorted(kwargs.items()) if v is not None]
    text = f"{entry.get('type')}({', '.join(parts)})"
    if column:
        text = f"{column}: {text}"
    if mostly is not None:
        text += f", mostly {_fmt(mostly)}"
    return text


def _split(suite: Suite, raw: Any, frame: pd.DataFrame) -> dict[str, list[ExpectationResult]]:
    """Split one validation's results back per file, in the suite file's order."""
    files = list(dict.fromkeys(frame["file"].tolist()))
    rows_per_file = frame["file"].value_counts().to_dict()
    by_index: dict[int, Any] = {}
    for er in raw.results:
        idx = (er.expectation_config.meta or {}).get(_INDEX_KWARG)
        if isinstance(idx, int):
            by_index[idx] = er
    out: dict[str, list[ExpectationResult]] = {f: [] for f in files}
    for i, entry in enumerate(suite.expectations):
        meta = entry.get("meta") or {}
        kwargs = entry.get("kwargs") or {}
        severity = Severity(meta["severity"])
        column = kwargs.get("column") or kwargs.get("column_A")
        description = _expectation_text(entry)
        er = by_index.get(i)
        failure: str | None = None
        if er is None:
            failure = "no result returned by Great Expectations"
        elif er.exception_info and er.exception_info.get("raised_exception"):
            failure = "error: " + " ".join(str(er.exception_info.get("exception_message", "")).split())[:300]
        if failure is not None:
            for f in files:
                out[f].append(
                    ExpectationResult(
                        suite=suite.name,
                        expectation=str(entry["type"]),
                        column=column,
                        success=False,
                        severity=severity,
                        rule_id=meta.get("rule_id"),
                        observed=failure,
                        description=description,
                    )
                )
            continue
        unexpected: dict[str, list[int]] = {}
        values: dict[str, object] = {}
        for item in er.result.get("unexpected_index_list") or ():
            if not isinstance(item, Mapping):
                continue
            path = item.get("file")
            bucket = unexpected.setdefault(path, [])
            if "line" in item:
                bucket.append(int(item["line"]))
            else:
                bucket.append(0)
                if column in item:
                    values[path] = item[column]
        mostly = kwargs.get("mostly")
        if mostly is not None and column in frame.columns and entry["type"] != "expect_column_values_to_not_be_null":
            nonnull = frame.loc[frame[column].notna(), "file"].value_counts().to_dict()
        else:
            nonnull = rows_per_file
        for f in files:
            bad = unexpected.get(f, [])
            total = int(nonnull.get(f, 0))
            if not bad:
                success = True
            elif mostly is None:
                success = False
            else:
                success = total > 0 and (total - len(bad)) / total >= float(mostly)
            lines_bad = tuple(sorted({n for n in bad if n > 0}))
            if suite.table == "documents":
                observed = f"{column} = {_fmt(_plain(values[f]))}" if f in values and column else None
                if observed is None and bad:
                    observed = "unexpected"
            else:
                observed = f"{len(bad)} of {total} lines unexpected" if bad else None
            out[f].append(
                ExpectationResult(
                    suite=suite.name,
                    expectation=str(entry["type"]),
                    column=column,
                    success=success,
                    severity=severity,
                    rule_id=meta.get("rule_id"),
                    unexpected_lines=lines_bad,
                    observed=observed,
                    description=description,
                )
            )
    return out


def _plain(value: object) -> object:
    """numpy scalars → Python values, for messages."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def iter_failures(expectations: Iterable[ExpectationResult], threshold: Severity | None) -> Iterator[ExpectationResult]:
    """The failed expectations at or above ``threshold`` (``None``: none fail the gate)."""
    if threshold is None:
        return
    for e in expectations:
        if not e.success and e.severity.at_least(threshold):
            yield e
