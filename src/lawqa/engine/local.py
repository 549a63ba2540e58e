"""The local engine: in-process for one job, a process pool for more."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from lawqa.config import Config
from lawqa.model import FileResult
from lawqa.pipeline import check_path

Job = tuple[str, str]  # (filesystem path, display path)


def _run(config: Config, job: Job) -> FileResult:
    return check_path(job[0], job[1], config)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run(jobs: Iterable[Job], config: Config, workers: int, window: int = 64) -> Iterator[FileResult]:
    """Yield one FileResult per job, in order.

    With ``workers <= 1`` (or a single job) everything runs in this process: a one-file
    check pays no pool start-up. Otherwise a process pool works through the jobs with
    at most ``window`` per worker in flight, so memory does not grow with the corpus.
    """
    job_list = jobs if isinstance(jobs, list) else None
    if workers <= 1 or (job_list is not None and len(job_list) <= 1):
        for job in jobs:
            yield _run(config, job)
        return
    work = partial(_run, config)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        limit = max(1, workers * window)
        for job in jobs:
            pending.append(pool.submit(work, job))
            if len(pending) >= limit:
                yield pending.popleft().result()
        for fut in pending:
            yield fut.result()
