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
