"""Read a file's bytes. The input is opened read-only and never written."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from lawqa.model import Source

_CHUNK = 1 << 20


def read_source(path: str | os.PathLike[str], display: str | None = None, max_bytes: int | None = None) -> Source:
    """Read ``path`` into a :class:`Source`.

    When the file is larger than ``max_bytes`` its content is not kept (``data`` is
    empty) but its sha256 and size still are, streamed in 1 MiB chunks, so a huge file
    is reported with provenance and costs no memory. Raises ``OSError`` when the file
    cannot be read or is not a regular file; the caller reports that file as an error.
    """
    p = Path(path)
    name = display if display is not None else str(path)
    st = p.stat()
    if not stat.S_ISREG(st.st_mode):
        # a FIFO would block the run forever, /dev/zero would never end
        raise OSError(errno.EINVAL, "not a regular file (a pipe, device, socket or folder)")
    size = st.st_size
    digest = hashlib.sha256()
    if max_bytes is not None and size > max_bytes:
        with p.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        return Source(path=name, data=b"", sha256=digest.hexdigest(), size=size)
    with p.open("rb") as fh:
        # bounded, in case the file grows while it is read
        data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    return Source(path=name, data=data, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
