"""The local engine: in-process for one job, a process pool for more."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice

from lawqa.config import Config
from lawqa.model import FileResult
from lawqa.pipeline import check_path

Job = tuple[str, str]  # (filesystem path, display path)


def _run(config: Config, job: Job) -> FileResult:
    return check_path(job[0], job[1], config)


def _run_batch(config: Config, batch: list[Job]) -> list[FileResult]:
    return [check_path(path, display, config) for path, display in batch]


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a forkserver, not a plain fork of this process.

    The run imports Great Expectations in a thread while the pool starts; forking a process
    that another thread holds an import lock in deadlocks the child. The fork server is a
    clean single-threaded process that has already imported the pipeline, so workers still
    start in milliseconds. (Python 3.14 makes forkserver the default on Linux for the same
    reason.) Where it does not exist (Windows, macOS spawn), spawn is used.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["lawqa.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run(jobs: Iterable[Job], config: Config, workers: int, window: int = 16, batch: int = 8) -> Iterator[FileResult]:
    """Yield one FileResult per job, in order.

    With ``workers <= 1`` (or a single job) everything runs in this process: a one-file
    check pays no pool start-up. Otherwise a process pool works through batches of
    ``batch`` files (one task per file costs more in the executor's threads than a small
    file costs to check, on two cores) with at most ``window`` batches per worker in
    flight, so memory does not grow with the corpus.
    """
    job_list = jobs if isinstance(jobs, list) else None
    if workers <= 1 or (job_list is not None and len(job_list) <= 1):
        for job in jobs:
            yield _run(config, job)
        return
    work = partial(_run_batch, config)
    limit = max(1, workers * window)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        pending: deque = deque()
        it = iter(jobs)
        while chunk := list(islice(it, batch)):
            pending.append(pool.submit(work, chunk))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
