"""Rules and checkers: the units the registry is made of (the way ruff does them).

A :class:`Rule` is metadata: a stable id, a default severity, a one-line summary and
its documentation (*What it does*, *Why it matters*, *Example*, *How to silence*),
written next to the code that checks it (a rule that writes no *How to silence* gets the
standard config instructions). ``lawqa rules`` and ``lawqa explain`` are
generated from it. A :class:`Checker` is a pure function ``Document -> Iterable[Hit]``
that may emit several rules in one pass over the text (one combined scan beats twenty
regex passes); it declares which rule ids it emits.

Rule modules live in :mod:`lawqa.rules` and expose ``RULES`` and ``CHECKERS`` tuples.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lawqa.model import Document, Hit, Severity

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "How to silence")


class RuleDefinitionError(ValueError):
    """A rule or checker is malformed; raised when the registry loads."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    docs: str
    fix: str | None = None  # "safe": `lawqa fix` applies the suggestion; "unsafe": shown only

    def section(self, name: str) -> str:
        """The text of one documentation section (``"Example"`` …)."""
        return _sections(self.docs).get(name, "")


@dataclass(frozen=True, slots=True)
class Checker:
    name: str
    emits: frozenset[str]
    run: Callable[[Document], Iterable[Hit]]


def define(id: str, severity: Severity | str, summary: str, docs: str, fix: str | None = None) -> Rule:
    """Build a rule, checking its id and documentation so a broken entry fails loudly."""
    if not id or id != id.lower() or " " in id or "_" in id:
        raise RuleDefinitionError(f"rule id {id!r} is not kebab-case")
    if fix not in (None, "safe", "unsafe"):
        raise RuleDefinitionError(f"rule {id}: fix must be None, 'safe' or 'unsafe', not {fix!r}")
    text = inspect.cleandoc(docs)
    if "How to silence" not in _sections(text):
        text += "\n\n## How to silence\n" + silence_section(id, severity)
    sections = _sections(text)
    missing = [s for s in DOC_SECTIONS if not sections.get(s, "").strip()]
    if missing:
        raise RuleDefinitionError(f"rule {id}: documentation lacks section(s) {', '.join(missing)}")
    if not summary.strip() or "\n" in summary:
        raise RuleDefinitionError(f"rule {id}: summary must be one non-empty line")
    return Rule(id=id, severity=Severity(severity), summary=summary.strip(), docs=text, fix=fix)


def silence_section(rule_id: str, severity: Severity | str = Severity.WARNING) -> str:
    """The standard *How to silence* text, generated for rules whose docs do not write their own."""
    lower = {Severity.ERROR: "warning", Severity.WARNING: "info"}.get(Severity(severity))
    severity_hint = (
        f'or lower its severity in `[tool.lawqa.severity]`: `{rule_id} = "{lower}"`.'
        if lower
        else "Left at `info` it is reported but never fails the gate; to make it count, raise it in "
        f'`[tool.lawqa.severity]`: `{rule_id} = "warning"`.'
    )
    return (
        "Add the id to `ignore` in `[tool.lawqa]` (pyproject.toml) or `lawqa.toml`:\n\n"
        f'```toml\n[tool.lawqa]\nignore = ["{rule_id}"]\n```\n\n' + severity_hint
    )


def checker(*emits: str, name: str | None = None) -> Callable[[Callable[[Document], Iterable[Hit]]], Checker]:
    """Decorator: turn ``fn(doc) -> Iterable[Hit]`` into a :class:`Checker` emitting ``emits``."""

    def wrap(fn: Callable[[Document], Iterable[Hit]]) -> Checker:
        return Checker(name=name or fn.__name__, emits=frozenset(emits), run=fn)

    return wrap


def _sections(docs: str) -> dict[str, str]:
    """Split ``## Heading`` sections of a rule's markdown documentation."""
    out: dict[str, str] = {}
    current: str | None = None
    buf: list[str] = []
    for line in docs.splitlines():
        if line.startswith("## "):
            if current is not None:
                out[current] = "\n".join(buf).strip()
            current, buf = line[3:].strip(), []
        elif current is not None:
            buf.append(line)
    if current is not None:
        out[current] = "\n".join(buf).strip()
    return out
