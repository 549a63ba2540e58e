"""One ``lawqa check`` run: files → engine → suites per chunk → gate → reports.

Results stream through in chunks: each chunk is validated by the expectation suites in
one call, gated, written to its per-file reports, and then kept only without its
Document, so memory holds one chunk of documents, not the corpus.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from lawqa import gate
from lawqa.config import Config
from lawqa.fsutil import atomic_write
from lawqa.model import FileResult, Summary, Tally
from lawqa.paths import PathError, expand, report_names
from lawqa.pipeline import drop_document
from lawqa.report import Writer
from lawqa.rules import Registry, registry

DEFAULT_CHUNK = 256


@dataclass(frozen=True, slots=True)
class RunOptions:
    paths: tuple[str, ...]
    config: Config = field(default_factory=Config)
    report_dir: Path | None = Path("reports")
    html: bool = True
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    suite_paths: tuple[str, ...] = ()
    replace_suites: bool = False
    chunk: int = DEFAULT_CHUNK
    output: str | None = None  # the --format output file, guarded like the reports


@dataclass(frozen=True, slots=True)
class RunResult:
    summary: Summary
    errors: tuple[str, ...] = ()  # messages of the files that could not be processed

    @property
    def exit_code(self) -> int:
        return gate.exit_code(self.summary)


Progress = Callable[[FileResult], None]


def project_suites(cwd: Path | None = None) -> tuple[str, ...]:
    """A project's own ``expectations/`` folder, when the working directory has one."""
    folder = (cwd or Path.cwd()) / "expectations"
    return (str(folder),) if folder.is_dir() else ()


def check(opts: RunOptions, writer: Writer | None = None, progress: Progress | None = None) -> RunResult:
    """Check every file ``opts.paths`` names, handing each gated result to ``writer`` as it is
    done (the caller closes the writer with the returned summary). Memory stays flat: a chunk
    of Documents at a time, and per file only an index row. Raises PathError / ConfigError
    for bad input, before anything is written."""
    jobs = expand(opts.paths, opts.config.include)
    if not jobs:
        raise PathError(f"no files to check in {', '.join(opts.paths)} (include: {', '.join(opts.config.include)})")
    from lawqa import suites  # GE stays out of worker processes and out of `lawqa rules`

    names = report_names([display for _, display in jobs])
    _refuse_overwriting_inputs(jobs, names, opts)
    reg = registry()
    threshold = opts.config.fail_threshold
    tally = Tally()
    errors: list[str] = []
    index_rows: list[dict[str, object]] = []
    # Importing Great Expectations takes seconds: do it in a thread while the workers start on
    # the files. A suite error still stops the run before any report is written.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lawqa-suites") as loader:
        pending_suites = loader.submit(
            suites.load_suites, (*opts.config.suites, *project_suites(), *opts.suite_paths), opts.replace_suites
        )
        chunks = _chunks(_engine(jobs, opts), opts.chunk)
        first = next(chunks, [])
        suite_set = pending_suites.result()
    for chunk in itertools.chain([first], chunks):
        expectations = suites.validate(chunk, suite_set)
        for result in chunk:
            # a file that could not be read has no table rows worth judging: its error says it all
            checked = () if result.status == "error" else expectations.get(result.path, ())
            result = gate.apply(replace(result, expectations=checked), threshold)
            if opts.report_dir is not None:
                result = _write_reports(result, opts.report_dir, names[result.path], opts.html, reg)
                if result.report_html:
                    from lawqa.report import html

                    index_rows.append(html.index_row(result, Path(result.report_html).name))
            result = drop_document(result)
            tally.add(result)
            if result.error:
                errors.append(result.error)
            if writer is not None:
                writer.file(result)
            if progress is not None:
                progress(result)
    summary = tally.summary()
    if opts.report_dir is not None and opts.html:
        from lawqa.report import html

        atomic_write(opts.report_dir / "index.html", html.render_index(index_rows, summary))
    return RunResult(summary=summary, errors=tuple(errors))


def _refuse_overwriting_inputs(jobs: list[tuple[str, str]], names: dict[str, str], opts: RunOptions) -> None:
    """lawqa never writes over an input: a report or ``--output`` that would land on an input file
    (``lawqa check data/x.json --report-dir data``) is a usage error, found before anything is
    written."""
    inputs = {os.path.realpath(path): display for path, display in jobs}
    if opts.output is not None and (hit := inputs.get(os.path.realpath(opts.output))) is not None:
        raise PathError(f"{hit}: --output {opts.output} would overwrite this input")
    if opts.report_dir is None:
        return
    targets = [opts.report_dir / "index.html"] if opts.html else []
    for name in names.values():
        targets.append(opts.report_dir / f"{name}.json")
        if opts.html:
            targets.append(opts.report_dir / f"{name}.html")
    for target in targets:
        hit = inputs.get(os.path.realpath(target))
        if hit is not None:
            raise PathError(f"{hit}: the report {target} would overwrite this input; choose another --report-dir")


def _engine(jobs: list[tuple[str, str]], opts: RunOptions) -> Iterator[FileResult]:
    if opts.engine == "dask":
        from lawqa.engine import dask as dask_engine

        return dask_engine.run(jobs, opts.config, opts.scheduler, opts.jobs)
    from lawqa.engine import local

    return local.run(jobs, opts.config, opts.jobs)


def _write_reports(result: FileResult, report_dir: Path, name: str, html: bool, reg: Registry) -> FileResult:
    from lawqa.report import json_format

    if html:
        from lawqa.report import html as html_report

        href = report_dir / f"{name}.html"
        result = replace(result, report_html=_display(href))
        atomic_write(href, html_report.render_file(result, reg))
    atomic_write(report_dir / f"{name}.json", json_format.render([result], Summary.of([result])))
    return result


def _display(path: Path) -> str:
    return path.as_posix() if not path.is_absolute() else os.fspath(path)


def _chunks(items: Iterable[FileResult], size: int) -> Iterator[list[FileResult]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
