"""Turning command-line PATH arguments into files, and files into report names."""

from __future__ import annotations

import glob
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path


class PathError(ValueError):
    """A PATH argument names nothing; the message says which."""


def expand(args: Iterable[str], include: Sequence[str] = ("*.txt",)) -> list[tuple[str, str]]:
    """``(absolute path, display)`` for every file named by ``args``: files as given, folders recursed
    (files matching ``include``), globs expanded. Order is stable (sorted within a folder or
    glob) and duplicates are dropped. A file named explicitly is taken whatever its name.
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            # read by absolute path: a worker (a Dask worker above all) may run elsewhere in the
            # filesystem; the display path stays as the user wrote it
            out.append((os.path.abspath(path), display_path(path)))

    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if any(fnmatch(name, pat) for pat in include):
                        add(os.path.join(root, name))
        elif os.path.exists(arg):
            add(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise PathError(f"{arg}: the pattern matches no file")
            for match in matches:
                if os.path.isfile(match):
                    add(match)
        else:
            raise PathError(f"{arg}: no such file or folder")
    return out


def display_path(path: str) -> str:
    """``path`` as text every report can carry. A file name that is not valid UTF-8 (a GBK name
    from an old archive) reaches Python as lone surrogates, which no UTF-8 writer accepts; its
    undecodable bytes are shown as ``\\xNN`` escapes instead. The file is still opened by its
    real name."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


_UNSAFE = re.compile(r"[^\w.\-]+")


def report_names(paths: Sequence[str]) -> dict[str, str]:
    """A distinct, filesystem-safe report base name for each path.

    The name is the file's stem (``corpus/002.txt`` → ``002``); where stems collide,
    parent folders are prefixed until they differ (``a__001``, ``b__001``), and a short
    hash settles anything still equal (paths differing only in unsafe characters).
    """
    parts = {p: [_safe(x) for x in Path(p).with_suffix("").parts if x not in ("", ".", "..", os.sep)] for p in paths}
    depth = dict.fromkeys(paths, 1)
    while True:
        names = {p: "__".join(parts[p][-depth[p] :]) or "file" for p in paths}
        groups: dict[str, list[str]] = {}
        for p, n in names.items():
            groups.setdefault(n, []).append(p)
        grew = False
        for members in groups.values():
            if len(members) > 1:
                for p in members:
                    if depth[p] < len(parts[p]):
                        depth[p] += 1
                        grew = True
        if not grew:
            break
    counts: dict[str, int] = {}
    for n in names.values():
        counts[n] = counts.get(n, 0) + 1
    return {
        p: (f"{n}-{hashlib.sha256(p.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}" if counts[n] > 1 else n)
        for p, n in names.items()
    }


def _safe(part: str) -> str:
    return _UNSAFE.sub("_", part).strip("_") or "_"
