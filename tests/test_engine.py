"""Engines give the same results as the in-process run, in input order."""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from lawqa.config import Config
from lawqa.engine import local
from lawqa.pipeline import drop_document


def _jobs():
    return [(str(p), p.name) for p in SAMPLES]


def test_process_pool_equals_inline():
    inline = list(local.run(_jobs(), Config(), workers=1))
    pooled = list(local.run(_jobs(), Config(), workers=2, window=1))
    assert [r.path for r in pooled] == [p.name for p in SAMPLES]
    assert pooled == inline


def test_dask_local_cluster_equals_inline():
    pytest.importorskip("distributed")
    from lawqa.engine import dask as dask_engine

    inline = [drop_document(r) for r in local.run(_jobs(), Config(), workers=1)]
    distributed = [drop_document(r) for r in dask_engine.run(_jobs(), Config(), scheduler=None, workers=2)]
    assert distributed == inline


def test_pool_workers_are_not_plain_forks():
    """The run imports Great Expectations in a thread while the pool starts: a plain fork of a
    process with another thread inside an import deadlocks the child."""
    assert local._context().get_start_method() in ("forkserver", "spawn")


def test_parallel_run_in_a_fresh_process_finishes(tmp_path):
    """End to end in a new interpreter (GE not yet imported) with two workers: no hang."""
    import subprocess
    import sys
    from pathlib import Path

    from conftest import CORPUS

    exe = Path(sys.executable).with_name("lawqa")
    proc = subprocess.run(
        [str(exe), "check", str(CORPUS), "--jobs", "2", "--no-html", "--report-dir", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 1, proc.stderr
    assert '"files": 5' in proc.stdout


def test_unreachable_scheduler_is_a_clear_usage_error(cli, tmp_path):
    pytest.importorskip("distributed")
    from conftest import CORPUS

    res = cli(
        "check", str(CORPUS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--report-dir", str(tmp_path)
    )
    assert res.exit_code == 2
    assert "cannot reach the dask scheduler tcp://127.0.0.1:9" in res.stderr
