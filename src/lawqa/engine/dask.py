"""The Dask engine: the per-file stages on a dask.distributed cluster.

With ``scheduler`` (``tcp://HOST:PORT``) it joins an existing cluster; without one it
starts a local cluster of ``workers`` processes. Files are read by the workers (the
paths must be visible to them: a shared filesystem), so only results cross the wire.
At most ``window`` tasks per worker are in flight and results come back in input order,
so the client's memory does not grow with the corpus. Expectation suites still run in
the client, per chunk, as with the local engine.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from lawqa.config import Config
from lawqa.engine.local import Job, _run
from lawqa.model import FileResult


class DaskUnavailable(RuntimeError):
    """dask.distributed is not installed or the scheduler cannot be reached."""


def run(
    jobs: Iterable[Job], config: Config, scheduler: str | None, workers: int, window: int = 32
) -> Iterator[FileResult]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise DaskUnavailable("the dask engine needs dask.distributed: pip install 'lawqa[dask]'") from exc
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise DaskUnavailable(f"cannot reach the dask scheduler {scheduler or '(local)'}: {exc}") from exc
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = n * window
        pending: deque = deque()
        for job in jobs:
            pending.append(client.submit(_run, config, job, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
