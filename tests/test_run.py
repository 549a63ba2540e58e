"""One run, streamed: results reach the writer in order, without their Documents, and nothing
per file is kept by the run itself."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import CORPUS, SAMPLES
from lawqa.config import ConfigError
from lawqa.model import FileResult, Summary
from lawqa.report import Writer
from lawqa.report.json_format import Writer as JsonWriter
from lawqa.rules import registry
from lawqa.run import RunOptions, RunResult, check


class Recorder(Writer):
    def start(self) -> None:
        self.seen: list[FileResult] = []

    def write_file(self, result: FileResult) -> None:
        self.seen.append(result)

    def finish(self, summary: Summary) -> None:
        self.summary = summary


def test_results_stream_to_the_writer_in_order_without_documents(tmp_path):
    rec = Recorder(io.StringIO(), registry())
    run = check(RunOptions(paths=(str(CORPUS),), report_dir=tmp_path, html=False, chunk=2), rec)
    rec.close(run.summary)
    assert [Path(r.path).name for r in rec.seen] == [p.name for p in SAMPLES]
    assert all(r.document is None for r in rec.seen)
    assert rec.summary == run.summary == Summary.of(rec.seen)
    assert set(RunResult.__slots__) == {"summary", "errors"}  # no per-file results kept


def test_streamed_json_equals_the_whole_document(tmp_path):
    buf = io.StringIO()
    w = JsonWriter(buf, registry())
    run = check(RunOptions(paths=(str(CORPUS),), report_dir=tmp_path, html=False), w)
    w.close(run.summary)
    data = json.loads(buf.getvalue())
    assert len(data["files"]) == 5 and data["summary"]["files"] == 5
    assert data["summary"]["findings_by_rule"] == run.summary.findings_by_rule


def test_a_writer_writes_nothing_before_a_configuration_error(tmp_path):
    bad = tmp_path / "suites"
    bad.mkdir()
    (bad / "lines.json").write_text('{"name": "lines", "expectations": [{"type": "nope"}]}', encoding="utf-8")
    buf = io.StringIO()
    with pytest.raises(ConfigError):
        check(
            RunOptions(paths=(str(CORPUS),), report_dir=tmp_path / "rep", suite_paths=(str(bad),)),
            JsonWriter(buf, registry()),
        )
    assert buf.getvalue() == ""


def test_output_file_appears_only_when_the_run_succeeds(cli, tmp_path):
    out = tmp_path / "run.json"
    cfg = tmp_path / "lawqa.toml"
    cfg.write_text('ignore = ["not-a-rule"]\n', encoding="utf-8")
    assert cli("check", str(CORPUS), "--config", str(cfg), "--output", str(out)).exit_code == 2
    assert not out.exists()
    assert not list(tmp_path.glob(".run.json.*"))
    assert (
        cli(
            "check", str(CORPUS), "--output", str(out), "--format", "json", "--report-dir", str(tmp_path / "r")
        ).exit_code
        == 1
    )
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 5
