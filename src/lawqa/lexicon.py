"""Lexicons the content rules load: data files in :mod:`lawqa.data`, checked when loaded.

A lexicon is a TOML file of entries in the spirit of prh (textlint): each entry names the
``expected`` text, the ``patterns`` that stand for it, its ``exceptions`` (regexes; a match
covered by an exception match is not reported) and inline ``specs`` — ``{from, to}`` pairs
that applying the entry must turn one into the other, and ``should-not-match`` strings
on which it must stay silent. The specs run when the lexicon loads, so a broken entry
fails loudly (:class:`LexiconError`) instead of silently missing or over-firing.

Loading is cached per process; the loaded values are immutable.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "LexiconError",
    "Replacement",
    "apply_replacements",
    "check_specs",
    "fullwidth_variants",
    "load_toml",
]


class LexiconError(ValueError):
    """A lexicon entry is malformed or its inline specs fail."""


@dataclass(frozen=True, slots=True)
class Replacement:
    """One span to replace in a line: ``[start, end)`` code-point offsets and the new text."""

    start: int
    end: int
    found: str
    expected: str


@cache
def load_toml(name: str) -> Mapping[str, object]:
    """Parse ``lawqa/data/<name>`` (cached)."""
    try:
        text = resources.files("lawqa").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise LexiconError(f"lexicon {name} is missing from the package") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon {name}: {exc}") from exc


_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}


def fullwidth_variants(pattern: str) -> tuple[str, ...]:
    """``pattern`` and its form with ASCII letters and digits written full-width (D组 → Ｄ组)."""
    wide = "".join(_FULLWIDTH.get(c, c) for c in pattern)
    return (pattern,) if wide == pattern else (pattern, wide)


def apply_replacements(text: str, reps: list[Replacement]) -> str:
    """``text`` with non-overlapping ``reps`` applied (sorted by start)."""
    out, pos = [], 0
    for r in sorted(reps, key=lambda r: r.start):
        if r.start < pos:
            continue
        out.append(text[pos : r.start])
        out.append(r.expected)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def check_specs(
    where: str,
    specs: object,
    should_not_match: object,
    find: Callable[[str], Iterator[Replacement]],
) -> None:
    """Run an entry's inline examples through ``find``; raise :class:`LexiconError` on failure."""
    if not isinstance(specs, list) or not specs:
        raise LexiconError(f"{where}: at least one spec {{from, to}} is required")
    for spec in specs:
        if not isinstance(spec, dict) or not isinstance(spec.get("from"), str) or not isinstance(spec.get("to"), str):
            raise LexiconError(f"{where}: spec {spec!r} needs string 'from' and 'to'")
        got = apply_replacements(spec["from"], list(find(spec["from"])))
        if got != spec["to"]:
            raise LexiconError(f"{where}: spec {spec['from']!r} gives {got!r}, expected {spec['to']!r}")
    for text in should_not_match or ():
        if not isinstance(text, str):
            raise LexiconError(f"{where}: should-not-match entries must be strings")
        hits = list(find(text))
        if hits:
            raise LexiconError(f"{where}: should not match {text!r} but found {hits[0].found!r}")


def compile_regex(where: str, pattern: object) -> re.Pattern[str]:
    """Compile a lexicon regex, naming the entry when it is broken."""
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: pattern must be a non-empty string")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise LexiconError(f"{where}: bad regex {pattern!r}: {exc}") from exc
