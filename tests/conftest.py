"""Shared fixtures: the sample corpus and an in-process CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawqa.cli import app

CORPUS = Path(__file__).parent / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def corpus() -> Path:
    return CORPUS


@pytest.fixture
def samples() -> list[Path]:
    return SAMPLES


class Cli:
    def __init__(self, tmp_path: Path) -> None:
        self.runner = CliRunner()
        self.tmp = tmp_path

    def __call__(self, *args: str):  # -> click Result
        return self.runner.invoke(app, list(args), catch_exceptions=False)

    def json(self, *paths: str, extra: tuple[str, ...] = ()) -> tuple[int, dict]:
        out = self.tmp / "out.json"
        res = self(
            "check", *paths, "--format", "json", "--output", str(out), "--report-dir", str(self.tmp / "rep"), *extra
        )
        return res.exit_code, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)
