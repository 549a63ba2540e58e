"""Output formats. Each format module has ``render(results, summary, registry) -> str``.

Modules are imported only when their format is asked for, so ``--format text`` never
pays for jinja2 or the SARIF schema.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from lawqa.model import FileResult, Summary
from lawqa.rules import Registry

Renderer = Callable[[Sequence[FileResult], Summary, Registry], str]

FORMATS: dict[str, str] = {
    "text": "lawqa.report.text",
    "json": "lawqa.report.json_format",
    "sarif": "lawqa.report.sarif",
    "junit": "lawqa.report.junit",
    "github": "lawqa.report.github",
}


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name`` (a key of :data:`FORMATS`)."""
    return importlib.import_module(FORMATS[name]).render
