"""The ``lawqa`` command line (typer). Thin: parse options, call :mod:`lawqa.run`, print.

Exit status of ``check`` (CONTRACT.md): 0 every file passes the gate, 1 at least one file
fails it, 2 usage error or the tool itself could not run.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lawqa import __version__

app = typer.Typer(
    name="lawqa",
    help="Data-quality and provenance gate for Chinese government documents.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_USAGE = 2


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"lawqa: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lawqa {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Data-quality and provenance gate for Chinese government documents."""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursed, *.txt by default) or globs.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the --format output to FILE instead of stdout.")
    ] = None,
    report_dir: Annotated[Path, typer.Option("--report-dir", help="Per-file HTML + JSON reports.")] = Path("reports"),
    no_html: Annotated[bool, typer.Option("--no-html", help="Skip the HTML reports (CI speed).")] = False,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that fails the gate [default: error].")
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", min=1, help="Worker processes [default: all cores].")] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local (process pool) or dask.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, tcp://HOST:PORT.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="lawqa.toml or pyproject.toml [default: nearest one].")
    ] = None,
    suite: Annotated[
        list[Path] | None, typer.Option("--suite", help="Extra expectation suite file or folder (repeatable).")
    ] = None,
) -> None:
    """Check files; write reports; exit 1 when a file fails the gate."""
    from contextlib import nullcontext
    from dataclasses import replace

    from lawqa.config import ConfigError, find_config, load_config
    from lawqa.engine.dask import DaskUnavailable
    from lawqa.engine.local import default_jobs
    from lawqa.fsutil import atomic_stream
    from lawqa.paths import PathError
    from lawqa.report import writer_for
    from lawqa.rules import registry
    from lawqa.run import RunOptions
    from lawqa.run import check as run_check

    try:
        cfg = load_config(config if config is not None else find_config(Path.cwd()), registry().ids)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    if fail_on is not None:
        cfg = replace(cfg, fail_on=fail_on.value)
    if scheduler and engine is not Engine.dask:
        raise _fail("--scheduler goes with --engine dask")
    opts = RunOptions(
        paths=tuple(paths),
        config=cfg,
        report_dir=report_dir,
        html=not no_html,
        jobs=jobs or default_jobs(),
        engine=engine.value,
        scheduler=scheduler,
        suite_paths=tuple(str(p) for p in suite or ()),
        output=str(output) if output is not None else None,
    )
    # The --format output streams as files finish; --output becomes the file only on success.
    sink = atomic_stream(output) if output is not None else nullcontext(sys.stdout)
    try:
        with sink as out, _progress() as progress:
            writer = writer_for(fmt.value)(out, registry())
            result = run_check(opts, writer, progress)
            writer.close(result.summary)
            out.flush()
    except (PathError, ConfigError, DaskUnavailable) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot write output or reports: {exc}") from None
    for message in result.errors:
        typer.echo(f"lawqa: {message}", err=True)
    raise typer.Exit(result.exit_code)


@app.command()
def rules() -> None:
    """List every rule: id, default severity, one line."""
    from lawqa.rules import registry

    reg = registry()
    width = max((len(r.id) for r in reg.rules), default=0)
    for r in reg.rules:
        typer.echo(f"{r.id:<{width}}  {r.severity!s:<7}  {r.summary}")


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="A rule id, e.g. censored-term.")]) -> None:
    """What a rule catches, why it matters, an example, how to silence it."""
    from difflib import get_close_matches

    from lawqa.rules import registry

    reg = registry()
    if rule not in reg:
        close = get_close_matches(rule, reg.ids, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `lawqa rules`"
        raise _fail(f"unknown rule {rule!r}{hint}")
    r = reg.get(rule)
    fix = {"safe": "yes (applied by `lawqa fix`)", "unsafe": "suggested only", None: "no"}[r.fix]
    typer.echo(f"# {r.id}\n\nDefault severity: {r.severity}. Fix: {fix}.\n\n{r.summary}\n\n{r.docs}")


class _progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        if not sys.stderr.isatty():
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        )
        self._bar.start()
        task = self._bar.add_task("check", total=None)
        return lambda _result: self._bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
