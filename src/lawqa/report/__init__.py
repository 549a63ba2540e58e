"""Output formats, streamed: a run writes each file's part as soon as the file is done.

Each format module has a :class:`Writer` subclass (``file(result)`` per result, ``close(summary)``
once) and ``render(results, summary, registry) -> str`` for callers that have everything at
hand. Streaming keeps a run's memory flat however large the corpus: nothing holds all the
findings of all the files. A writer writes nothing before its first ``file()`` or its
``close()``, so a run that stops on a configuration error leaves no half document behind.

Modules are imported only when their format is asked for, so ``--format text`` never pays
for jinja2 or the SARIF metadata.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from typing import TextIO

from lawqa.model import FileResult, Summary
from lawqa.rules import Registry

FORMATS: dict[str, str] = {
    "text": "lawqa.report.text",
    "json": "lawqa.report.json_format",
    "sarif": "lawqa.report.sarif",
    "junit": "lawqa.report.junit",
    "github": "lawqa.report.github",
}


class Writer:
    """Streams one output format to ``out``. Subclasses implement :meth:`start`, :meth:`write_file`
    and :meth:`finish`; the header is written lazily, before the first file or at close."""

    def __init__(self, out: TextIO, registry: Registry) -> None:
        self.out = out
        self.registry = registry
        self._started = False

    def file(self, result: FileResult) -> None:
        if not self._started:
            self._started = True
            self.start()
        self.write_file(result)

    def close(self, summary: Summary) -> None:
        if not self._started:
            self._started = True
            self.start()
        self.finish(summary)

    def start(self) -> None:
        """Write what comes before the first file."""

    def write_file(self, result: FileResult) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Write what comes after the last file."""


def collect(writer: type[Writer], results: Sequence[FileResult], summary: Summary, registry: Registry) -> str:
    """Run ``writer`` over ``results`` into a string."""
    buf = io.StringIO()
    w = writer(buf, registry)
    for result in results:
        w.file(result)
    w.close(summary)
    return buf.getvalue()


def writer_for(name: str) -> type[Writer]:
    """The :class:`Writer` class of format ``name`` (a key of :data:`FORMATS`)."""
    return importlib.import_module(FORMATS[name]).Writer
