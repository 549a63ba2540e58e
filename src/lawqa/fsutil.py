"""Files lawqa writes: always atomically, never over an input."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_stream(path: str | os.PathLike[str], durable: bool = True) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` only when the block ends without an exception.

    Output is streamed to a temporary file beside ``path`` and renamed over it, so a reader
    never sees a half-written file and an interrupted run leaves the previous one intact; on
    an exception the temporary file is removed. ``durable`` also fsyncs before the rename,
    so the file survives a power cut.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); a report is for people and web servers to read
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: str | os.PathLike[str], text: str, durable: bool = False) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_stream`). Per-file reports
    are not fsynced: it costs more than rendering a report."""
    with atomic_stream(path, durable) as fh:
        fh.write(text)


@cache
def _umask() -> int:
    """The process umask, read once (reading it means setting it, so not on every write)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The mode a written file gets: the replaced file's, or what open() would give a new one."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()
