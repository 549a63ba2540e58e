"""Expectation suites: strict loading, the batch tables, batched validation mapped back to (file, line)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from lawqa.model import (
    Document,
    EncodingInfo,
    FileResult,
    Finding,
    LineKind,
    Provenance,
    Severity,
)
from lawqa.suites import (
    DOCUMENT_COLUMNS,
    LINE_COLUMNS,
    SuiteError,
    build_tables,
    count_cjk,
    default_suite_paths,
    load_suites,
    validate,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "src" / "lawqa" / "expectations"
TOP_LEVEL = ROOT / "expectations"

BODY = "2023年，我局认真贯彻落实党的二十大精神，紧紧围绕法治政府建设目标任务，压紧压实责任。"


def make_result(
    path: str, lines: list[str], findings: tuple[Finding, ...] = (), confidence: float = 0.99
) -> FileResult:
    data = "\n".join(lines).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(
        path=path,
        sha256=sha,
        size=len(data),
        encoding=EncodingInfo("utf-8", confidence, False, "utf-8"),
        newline="\n",
        lines=tuple(lines),
        decoded_lines=tuple(lines),
        kinds=tuple(LineKind.BLANK if not ln.strip() else LineKind.BODY for ln in lines),
    )
    prov = Provenance(
        sha256=sha, bytes=len(data), encoding="utf-8", encoding_confidence=confidence, bom=False, newline="\n"
    )
    return FileResult(path=path, status="pass", provenance=prov, findings=findings, document=doc)


def undecodable(path: str) -> FileResult:
    prov = Provenance(sha256="0" * 64, bytes=10, encoding=None, encoding_confidence=None, bom=False, newline=None)
    finding = Finding("encoding-undecodable", Severity.ERROR, 1, 1, 1, 1, "no encoding decodes it", "")
    return FileResult(path=path, status="pass", provenance=prov, findings=(finding,))


def write_suite(folder: Path, name: str, expectations: list[dict], table: str | None = None) -> Path:
    data: dict = {"name": name, "expectations": expectations}
    if table:
        data["meta"] = {"table": table}
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def entry(etype: str, rule_id: str = "my-rule", severity: str = "warning", **kwargs: object) -> dict:
    return {"type": etype, "kwargs": kwargs, "meta": {"rule_id": rule_id, "severity": severity}}


# --- loading -------------------------------------------------------------------------------------


def test_default_suites_load_and_carry_rule_ids_and_severities() -> None:
    suites = load_suites()
    assert set(suites.names) == {"lines", "documents"}
    for suite in suites:
        assert suite.expectations
        for e in suite.expectations:
            assert e["meta"]["rule_id"]
            assert e["meta"]["severity"] in {"error", "warning", "info"}
    gate = [e for e in suites.get("documents").expectations if e["kwargs"].get("column") == "n_errors"]
    assert gate and gate[0]["meta"]["severity"] == "error"


def test_top_level_expectations_are_identical_to_the_packaged_defaults() -> None:
    packaged = {p.name: p.read_bytes() for p in PACKAGED.glob("*.json")}
    top = {p.name: p.read_bytes() for p in TOP_LEVEL.glob("*.json")}
    assert packaged.keys() == {"lines.json", "documents.json"}
    assert top == packaged
    assert {p.name for p in default_suite_paths()} == set(packaged)


def test_misspelled_expectation_type_fails_loudly_naming_file_and_entry(tmp_path: Path) -> None:
    path = write_suite(
        tmp_path,
        "lines",
        [
            entry("expect_column_values_to_be_between", column="length", max_value=10),
            entry("expect_column_values_to_be_betwen", rule_id="typo-rule", column="length", max_value=10),
        ],
    )
    with pytest.raises(SuiteError) as info:
        load_suites([path])
    message = str(info.value)
    assert str(path) in message
    assert "expectations[1]" in message
    assert "expect_column_values_to_be_betwen" in message
    assert "typo-rule" in message
    assert "expect_column_values_to_be_between" in message.split("did you mean", 1)[1]


def test_bad_kwarg_fails_naming_the_entry(tmp_path: Path) -> None:
    path = write_suite(tmp_path, "lines", [entry("expect_column_values_to_be_between", column="length", maxx_value=3)])
    with pytest.raises(SuiteError, match=r"expectations\[0\].*maxx_value"):
        load_suites([path])


def test_bad_kwarg_value_fails(tmp_path: Path) -> None:
    path = write_suite(tmp_path, "lines", [entry("expect_column_values_to_be_between", column="length", mostly=3)])
    with pytest.raises(SuiteError, match="mostly"):
        load_suites([path])


def test_missing_column_fails_with_a_hint(tmp_path: Path) -> None:
    path = write_suite(tmp_path, "lines", [entry("expect_column_values_to_be_between", column="cjk_shar", min_value=0)])
    with pytest.raises(SuiteError) as info:
        load_suites([path])
    assert "no column 'cjk_shar'" in str(info.value)
    assert "'cjk_share'" in str(info.value)
    assert str(path) in str(info.value)


def test_a_documents_column_is_missing_from_the_lines_table(tmp_path: Path) -> None:
    path = write_suite(
        tmp_path, "lines", [entry("expect_column_values_to_be_between", column="n_headings", min_value=1)]
    )
    with pytest.raises(SuiteError, match="no column 'n_headings'"):
        load_suites([path])


@pytest.mark.parametrize("drop", ["rule_id", "severity"])
def test_missing_meta_fails(tmp_path: Path, drop: str) -> None:
    bad = entry("expect_column_values_to_be_between", column="length", max_value=3)
    del bad["meta"][drop]
    path = write_suite(tmp_path, "lines", [bad])
    with pytest.raises(SuiteError, match=f"meta.{drop}"):
        load_suites([path])


def test_aggregate_expectations_are_refused(tmp_path: Path) -> None:
    path = write_suite(tmp_path, "lines", [entry("expect_column_mean_to_be_between", column="length", max_value=3)])
    with pytest.raises(SuiteError, match="not row-wise"):
        load_suites([path])


def test_unknown_table_and_bad_json_fail(tmp_path: Path) -> None:
    path = write_suite(tmp_path, "paragraphs", [entry("expect_column_values_to_not_be_null", column="text")])
    with pytest.raises(SuiteError, match=r"meta\.table"):
        load_suites([path])
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(SuiteError, match="not valid JSON"):
        load_suites([broken])
    with pytest.raises(SuiteError, match="no such suite"):
        load_suites([tmp_path / "absent"])


def test_suite_error_is_a_config_error() -> None:
    from lawqa.config import ConfigError

    assert issubclass(SuiteError, ConfigError)


def test_extra_suites_add_replace_and_override_by_name(tmp_path: Path) -> None:
    write_suite(tmp_path, "lines", [entry("expect_column_values_to_be_between", column="length", max_value=5)])
    write_suite(tmp_path, "extra", [entry("expect_column_values_to_not_be_null", column="encoding")], table="documents")
    added = load_suites([tmp_path])
    assert added.names == ("documents", "lines", "extra")
    assert added.get("lines").expectations[0]["kwargs"] == {"column": "length", "max_value": 5}
    assert added.get("lines").source.startswith(str(tmp_path))
    replaced = load_suites([tmp_path / "extra.json"], replace=True)
    assert replaced.names == ("extra",)
    assert load_suites().digest != added.digest


# --- tables --------------------------------------------------------------------------------------


def test_tables_have_the_documented_columns_and_per_line_scores() -> None:
    finding = Finding("censored-term", Severity.ERROR, 2, 3, 2, 5, "D组", "D组会", "党组")
    a = make_result("a.txt", ["标题", BODY, "", "", "abcdefghijklmnop, (x)"], (finding,))
    lines, docs = build_tables([a, undecodable("b.txt")])
    assert list(lines.columns) == list(LINE_COLUMNS)
    assert list(docs.columns) == list(DOCUMENT_COLUMNS)
    assert lines["file"].unique().tolist() == ["a.txt"]
    assert lines["line"].tolist() == [1, 2, 3, 4, 5]
    assert lines["blank_run"].tolist() == [0, 0, 1, 2, 0]
    assert lines["n_errors"].tolist() == [0, 1, 0, 0, 0]
    assert lines.loc[1, "rules"] == "censored-term"
    assert lines.loc[1, "cjk_share"] > 0.7
    assert lines["cjk_share"].isna().tolist() == [True, False, True, True, False]  # short and blank lines
    assert lines.loc[4, "cjk_share"] == 0.0
    row_a, row_b = docs.to_dict("records")
    assert row_a["n_errors"] == 1 and row_a["max_blank_run"] == 2 and row_a["decoded"]
    assert row_b["file"] == "b.txt" and not row_b["decoded"] and row_b["n_lines"] == 0 and row_b["n_errors"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        BODY,
        "㐀䶵䷀䷿一鿿豈𠀀𪚥",
        "，。、（）：；？！「」ぁアｱ",
        "D组会\ud800",
        "\u4dbf\u4dc0\u4e00\u9fff\ua000",
    ],
)
def test_count_cjk_matches_the_unicode_ranges(text: str) -> None:
    ideograph = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
    assert count_cjk(text) == len(ideograph.findall(text))


# --- validation ----------------------------------------------------------------------------------


def test_one_ge_validation_per_suite_per_chunk_for_1000_files() -> None:
    results = []
    for i in range(1000):
        lines = [f"第{i}号文件", BODY, BODY, "", BODY]
        if i % 7 == 0:
            lines[i % 5] = "长" * 3000  # one over-long line, at a line number that varies by file
        results.append(make_result(f"dir{i % 3}/{i:04d}.txt", lines))
    calls: list[tuple[str, int]] = []
    out = validate(results, load_suites(), chunk_size=1000, on_validate=lambda name, rows: calls.append((name, rows)))
    assert sorted(calls) == [("documents", 1000), ("lines", 5000)]
    assert set(out) == {r.path for r in results}
    for i, r in enumerate(results):
        length = next(e for e in out[r.path] if e.rule_id == "line-length")
        if i % 7 == 0:
            assert not length.success
            assert length.unexpected_lines == ((i % 5) + 1,)
            assert length.severity is Severity.WARNING
            assert length.column == "length" and length.expectation == "expect_column_values_to_be_between"
        else:
            assert length.success and length.unexpected_lines == ()

    calls.clear()
    chunked = validate(
        results, load_suites(), chunk_size=400, on_validate=lambda name, rows: calls.append((name, rows))
    )
    assert len(calls) == 6  # 3 chunks × 2 suites
    assert sum(rows for name, rows in calls if name == "documents") == 1000
    assert chunked == out


def test_results_map_back_to_the_right_file_and_line(tmp_path: Path) -> None:
    suite = write_suite(
        tmp_path,
        "lines",
        [entry("expect_column_values_to_not_match_regex", rule_id="no-d-group", column="text", regex="D组")],
    )
    finding = Finding("censored-term", Severity.ERROR, 1, 1, 1, 3, "D组", "D组", "党组")
    a = make_result("same/001.txt", [BODY, "利用D组会", BODY, "D组"], (finding,))
    b = make_result("other/001.txt", ["D组", BODY])
    c = make_result("clean.txt", [BODY])
    out = validate([a, b, c, undecodable("bad.txt")], load_suites([suite]))
    by_rule = {path: {e.rule_id: e for e in results} for path, results in out.items()}
    assert by_rule["same/001.txt"]["no-d-group"].unexpected_lines == (2, 4)
    assert by_rule["same/001.txt"]["no-d-group"].observed == "2 of 4 lines unexpected"
    assert by_rule["other/001.txt"]["no-d-group"].unexpected_lines == (1,)
    assert by_rule["clean.txt"]["no-d-group"].success
    # the default gate: error findings fail documents.n_errors (severity error), per file
    assert not by_rule["same/001.txt"]["gate-no-errors"].success
    assert by_rule["same/001.txt"]["gate-no-errors"].severity is Severity.ERROR
    assert by_rule["same/001.txt"]["gate-no-errors"].observed == "n_errors = 1"
    assert by_rule["other/001.txt"]["gate-no-errors"].success
    # an undecodable file has a documents row (the gate sees it) but no lines
    assert not by_rule["bad.txt"]["gate-no-errors"].success
    assert all(e.suite == "documents" for e in out["bad.txt"])


def test_mostly_is_judged_per_file(tmp_path: Path) -> None:
    suite = write_suite(
        tmp_path,
        "lines",
        [entry("expect_column_values_to_be_between", rule_id="short", column="length", max_value=10, mostly=0.5)],
    )
    one_bad = make_result("one.txt", ["短", "短", "短", "长" * 20])
    all_bad = make_result("all.txt", ["长" * 20, "长" * 20])
    out = validate([one_bad, all_bad], load_suites([suite], replace=True))
    assert out["one.txt"][0].success and out["one.txt"][0].unexpected_lines == (4,)
    assert not out["all.txt"][0].success and out["all.txt"][0].unexpected_lines == (1, 2)


def test_samples_fail_only_where_they_should(samples: list[Path]) -> None:
    """Thresholds add no warning-or-worse noise to sample lines that have no findings of their own."""
    from lawqa.pipeline import check_path

    results = [check_path(str(p)) for p in samples]
    out = validate(results, load_suites())
    for r in results:
        noisy = [
            e
            for e in out[r.path]
            if not e.success and e.suite == "lines" and e.severity.at_least(Severity.WARNING)
            for n in e.unexpected_lines
            if not any(f.line <= n <= f.end_line for f in r.findings)
        ]
        assert noisy == [], r.path
        doc_fail = {e.rule_id for e in out[r.path] if not e.success and e.suite == "documents"}
        assert doc_fail <= {"gate-no-errors", "gate-no-warnings", "heading-count"}, r.path


def test_validation_is_quiet_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    validate([make_result("q.txt", [BODY])], load_suites())
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "Calculating Metrics" not in captured.out


def test_empty_inputs() -> None:
    assert validate([], load_suites()) == {}
    with pytest.raises(ValueError):
        validate([make_result("x.txt", [BODY])], load_suites(), chunk_size=0)
