"""The command line as users and CI meet it: exit codes, formats, reports, errors."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS, SAMPLES

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<rule>[a-z-]+) .+$")


def _digests(paths):
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths}


def test_text_output_reads_like_a_linter(cli, tmp_path):
    res = cli("check", str(CORPUS), "--report-dir", str(tmp_path / "rep"))
    assert res.exit_code == 1
    lines = res.stdout.strip().splitlines()
    assert re.match(r"^5 file\(s\): \d+ passed, \d+ failed, 0 error\(s\); \d+ finding\(s\)$", lines[-1])
    findings = [m for m in map(LINE.match, lines) if m]
    assert findings, "no finding lines printed"
    assert any(m["rule"] == "paywall-marker" and m["path"].endswith("002_dcdaca7f04dbe387.txt") for m in findings)


def test_inputs_are_never_modified(cli, tmp_path):
    before = _digests(SAMPLES)
    cli("check", str(CORPUS), "--report-dir", str(tmp_path / "rep"))
    assert _digests(SAMPLES) == before


def test_fail_on_never_passes_and_warning_is_stricter(cli):
    code, data = cli.json(str(CORPUS), extra=("--fail-on", "never"))
    assert code == 0 and all(f["status"] == "pass" for f in data["files"])
    _, strict = cli.json(str(CORPUS), extra=("--fail-on", "warning"))
    _, default = cli.json(str(CORPUS))
    assert strict["summary"]["failed"] >= default["summary"]["failed"]


def test_reports_written_per_file_with_index(cli, tmp_path):
    _, data = cli.json(str(CORPUS))
    rep = cli.tmp / "rep"
    assert (rep / "index.html").is_file()
    for f in data["files"]:
        stem = Path(f["path"]).stem
        assert (rep / f"{stem}.html").is_file()
        per_file = json.loads((rep / f"{stem}.json").read_text(encoding="utf-8"))
        assert per_file["files"] == [f]
        assert per_file["summary"]["files"] == 1


def test_no_html_writes_json_only(cli, tmp_path):
    rep = tmp_path / "rep2"
    cli("check", str(SAMPLES[0]), "--no-html", "--report-dir", str(rep))
    assert not list(rep.glob("*.html"))
    assert (rep / f"{SAMPLES[0].stem}.json").is_file()


def test_usage_errors_exit_2(cli, tmp_path):
    res = cli("check", str(tmp_path / "missing.txt"))
    assert res.exit_code == 2 and "missing.txt: no such file or folder" in res.stderr
    assert cli("check", str(CORPUS), "--format", "xml").exit_code == 2
    assert cli("check").exit_code == 2
    (tmp_path / "lawqa.toml").write_text('ignore = ["no-such-rule"]\n', encoding="utf-8")
    res = cli("check", str(CORPUS), "--config", str(tmp_path / "lawqa.toml"))
    assert res.exit_code == 2 and "no-such-rule" in res.stderr
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    assert cli("check", str(empty)).exit_code == 2


def test_config_can_silence_and_resevere(cli, tmp_path):
    cfg = tmp_path / "lawqa.toml"
    cfg.write_text('ignore = ["paywall-marker"]\n[severity]\nadvert = "info"\n', encoding="utf-8")
    _, data = cli.json(str(CORPUS / "002_dcdaca7f04dbe387.txt"), extra=("--config", str(cfg)))
    rules = [fd for fd in data["files"][0]["findings"]]
    assert not any(fd["rule"] == "paywall-marker" for fd in rules)
    assert all(fd["severity"] == "info" for fd in rules if fd["rule"] == "advert")


def test_unreadable_file_is_an_error_not_a_crash(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("株洲市商务局2025年度法治政府建设工作报告\n", encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    code, data = cli.json(str(folder))
    assert code == 1
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["dangling.txt"]["status"] == "error"
    assert "dangling.txt" in by_name["dangling.txt"]["error"]
    assert by_name["ok.txt"]["status"] in ("pass", "fail")


def test_output_file_and_formats(cli, tmp_path):
    for fmt in ("text", "json", "sarif", "junit", "github"):
        out = tmp_path / f"out.{fmt}"
        res = cli(
            "check",
            str(CORPUS),
            "--format",
            fmt,
            "--output",
            str(out),
            "--no-html",
            "--report-dir",
            str(tmp_path / "r"),
        )
        assert res.exit_code == 1
        assert out.read_text(encoding="utf-8").strip()
        assert res.stdout == ""


def test_rules_and_explain(cli):
    res = cli("rules")
    assert res.exit_code == 0
    assert re.search(r"^censored-term\s+error\s+\S", res.stdout, re.M)
    assert len(res.stdout.strip().splitlines()) >= 30
    res = cli("explain", "censored-term")
    assert res.exit_code == 0
    for section in ("What it does", "Why it matters", "Example", "How to silence"):
        assert f"## {section}" in res.stdout
    res = cli("explain", "censored-trem")
    assert res.exit_code == 2 and "censored-term" in res.stderr


def test_jobs_give_the_same_results(cli):
    _, one = cli.json(str(CORPUS), extra=("--jobs", "1", "--no-html"))
    _, two = cli.json(str(CORPUS), extra=("--jobs", "2", "--no-html"))
    assert one == two


def test_console_script_runs(tmp_path):
    """The installed `lawqa` entry point, as a separate process (exit code crosses the process)."""
    exe = Path(sys.executable).with_name("lawqa")
    proc = subprocess.run(
        [str(exe), "check", str(SAMPLES[2]), "--format", "json", "--no-html", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["failed"] == 1
    assert "Traceback" not in proc.stderr


def test_a_clean_report_passes_with_no_finding(cli):
    """Precision end to end: a well-formed report (title, sections, headings, signature) is clean."""
    clean = Path(__file__).parent / "fixtures" / "clean" / "clean_report.txt"
    code, data = cli.json(str(clean))
    entry = data["files"][0]
    assert entry["findings"] == []
    assert code == 0 and entry["status"] == "pass"
    assert all(e["success"] for e in entry["expectations"])
    prov = entry["provenance"]
    assert (prov["agency"], prov["report_year"], prov["signed_date"]) == ("株洲市司法局", 2024, "2025-01-20")


def test_suite_typo_exits_2_naming_file_and_entry_before_any_report(cli, tmp_path):
    suite = json.loads((Path(__file__).parent.parent / "expectations" / "lines.json").read_text(encoding="utf-8"))
    suite["expectations"][0]["type"] = "expect_column_values_to_be_betwen"
    bad = tmp_path / "suites" / "lines.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps(suite), encoding="utf-8")
    rep = tmp_path / "rep"
    res = cli("check", str(CORPUS), "--suite", str(bad.parent), "--report-dir", str(rep))
    assert res.exit_code == 2
    assert str(bad) in res.stderr and "expectations[0]" in res.stderr and "did you mean" in res.stderr
    assert not rep.exists() or not any(rep.iterdir())


def test_a_file_name_that_is_not_utf8_is_checked_and_shown_escaped(cli, tmp_path):
    """A GBK file name from an old archive must not crash the run (surrogates in the path)."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(str(folder)) + b"/\xb1\xa8\xb8\xe6.txt"  # 报告 in GBK
    with open(name, "wb") as fh:
        fh.write("株洲市商务局2025年度法治政府建设自查报告\n一、工作\n正文。\n".encode())
    code, data = cli.json(str(folder))
    assert code in (0, 1)
    (entry,) = data["files"]
    assert entry["path"].endswith("\\xb1\\xa8\\xb8\\xe6.txt")
    assert entry["status"] in ("pass", "fail") and entry["provenance"]["encoding"] == "utf-8"


def test_pipes_and_devices_are_errors_not_hangs(tmp_path):
    """A FIFO in a corpus folder would block a plain read forever; /dev/zero would never end."""
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "ok.txt").write_text("正文。\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("lawqa")
    proc = subprocess.run(
        [str(exe), "check", str(folder), "/dev/zero", "--format", "json", "--no-html", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    for name in ("pipe.txt", "zero"):
        assert files[name]["status"] == "error"
        assert "not a regular file" in files[name]["error"]
        assert files[name]["expectations"] == []
    assert files["ok.txt"]["status"] in ("pass", "fail")


def test_reports_and_output_never_overwrite_an_input(cli, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.json").write_text("正文。\n", encoding="utf-8")
    (data / "out.txt").write_text("上一次的输出。\n", encoding="utf-8")
    res = cli("check", str(data / "x.json"), "--report-dir", str(data))
    assert res.exit_code == 2 and "would overwrite this input" in res.stderr
    res = cli("check", str(data), "--output", str(data / "out.txt"), "--report-dir", str(tmp_path / "rep"))
    assert res.exit_code == 2 and "--output" in res.stderr
    assert (data / "x.json").read_text(encoding="utf-8") == "正文。\n"
    assert (data / "out.txt").read_text(encoding="utf-8") == "上一次的输出。\n"
