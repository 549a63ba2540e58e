"""`lawqa check --format json` against the shape CONTRACT.md fixes, on the sample reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CONTRACT_RULES = {
    "encoding-undecodable": "error", "binary-content": "error", "empty-document": "error",
    "file-too-large": "error", "encoding-low-confidence": "warning", "mojibake-repaired": "warning",
    "mojibake-unrecoverable": "error", "censored-term": "error", "censored-deletion": "warning",
    "redaction-placeholder": "warning", "heading-gap": "error", "heading-duplicate": "error",
    "heading-out-of-order": "error", "heading-level-skip": "warning", "heading-style-mixed": "info",
    "advert": "error", "paywall-marker": "error", "web-boilerplate": "warning",
    "conversion-artifact": "warning", "inserted-junk": "warning", "duplicate-line": "warning",
    "halfwidth-punctuation": "info", "cjk-spacing": "info", "broken-line": "info",
    "missing-title": "warning", "missing-signature": "warning", "truncated-document": "warning",
    "date-inconsistent": "warning", "agency-mismatch": "warning", "missing-section": "info",
}  # fmt: skip

PROVENANCE_KEYS = {
    "sha256": str, "bytes": int, "encoding": (str, type(None)), "encoding_confidence": (float, int, type(None)),
    "bom": bool, "newline": (str, type(None)), "repairs": list, "title": (str, type(None)),
    "agency": (str, type(None)), "report_year": (int, type(None)), "signed_date": (str, type(None)),
    "published_date": (str, type(None)), "clean_sha256": (str, type(None)),
}  # fmt: skip
FINDING_KEYS = {
    "rule": str, "severity": str, "line": int, "column": int, "end_line": int, "end_column": int,
    "excerpt": str, "message": str, "suggestion": (str, type(None)),
}  # fmt: skip
EXPECTATION_KEYS = {"suite": str, "expectation": str, "column": (str, type(None)), "success": bool,
                    "unexpected_lines": list}  # fmt: skip

# (file prefix, rule, line) the sample reports must produce (../shared/seeds/DEFECTS.md)
MUST = [
    ("000", "conversion-artifact", 4),
    ("002", "heading-gap", 19),
    ("002", "paywall-marker", 9),
    ("002", "paywall-marker", 36),
    ("002", "advert", 30),
    ("002", "censored-term", 7),
    ("002", "inserted-junk", 24),
    ("004", "web-boilerplate", 3),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from conftest import CORPUS, Cli

    cli = Cli(tmp_path_factory.mktemp("contract"))
    code, data = cli.json(str(CORPUS))
    return code, data, cli.tmp / "rep"


def _typed(obj: dict, spec: dict, where: str) -> None:
    for key, kind in spec.items():
        assert key in obj, f"{where}: key {key!r} missing"
        assert isinstance(obj[key], kind), f"{where}: {key}={obj[key]!r} is not {kind}"


def test_registry_matches_contract():
    from lawqa.rules import registry

    reg = registry()
    assert {r.id: str(r.severity) for r in reg.rules} == CONTRACT_RULES


def test_exit_status_and_top_level(run):
    code, data, _ = run
    assert code == 1
    assert data["tool"] == {"name": "lawqa", "version": "0.1.0"}
    assert len(data["files"]) == 5
    s = data["summary"]
    assert s["files"] == 5 and s["passed"] + s["failed"] + s["errors"] == 5
    counted: dict[str, int] = {}
    for f in data["files"]:
        for fd in f["findings"]:
            counted[fd["rule"]] = counted.get(fd["rule"], 0) + 1
    assert s["findings_by_rule"] == counted


def test_every_file_entry_has_the_contract_shape(run):
    _, data, rep = run
    for f in data["files"]:
        name = os.path.basename(f["path"])
        assert f["status"] in ("pass", "fail", "error")
        _typed(f["provenance"], PROVENANCE_KEYS, name)
        assert len(f["provenance"]["sha256"]) == 64
        for repair in f["provenance"]["repairs"]:
            assert {"line", "kind", "before", "after"} <= repair.keys()
        for fd in f["findings"]:
            _typed(fd, FINDING_KEYS, f"{name} finding")
            assert fd["rule"] in CONTRACT_RULES
            assert fd["severity"] in ("error", "warning", "info")
            assert (fd["line"], fd["column"]) <= (fd["end_line"], fd["end_column"])
        for ex in f["expectations"]:
            _typed(ex, EXPECTATION_KEYS, f"{name} expectation")
        assert f["report_html"] and (rep / os.path.basename(f["report_html"])).is_file()


def test_samples_produce_the_defects_listed(run):
    _, data, _ = run
    seen = {(os.path.basename(f["path"])[:3], fd["rule"], fd["line"]) for f in data["files"] for fd in f["findings"]}
    missing = [m for m in MUST if m not in seen]
    assert not missing


def test_contract_example_span(run):
    """CONTRACT.md: `D组` on 002 line 6 is reported with end_column one past its last code point."""
    _, data, _ = run
    f002 = next(f for f in data["files"] if os.path.basename(f["path"]).startswith("002"))
    spans = [
        (fd["column"], fd["end_column"], fd["suggestion"])
        for fd in f002["findings"]
        if fd["rule"] == "censored-term" and fd["line"] == 6
    ]
    line6 = Path(f002["path"]).read_text(encoding="utf-8").splitlines()[5]
    col = line6.index("D组") + 1
    assert (col, col + 2, "党组") in spans
