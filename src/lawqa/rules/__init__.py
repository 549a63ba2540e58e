"""The rule registry: every rule module under :mod:`lawqa.rules`, collected and checked.

Each module exposes ``RULES`` (a tuple of :class:`~lawqa.rules.base.Rule`) and
``CHECKERS`` (a tuple of :class:`~lawqa.rules.base.Checker`). The registry is built
once per process from those tuples; it is immutable, so nothing global is mutated.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from lawqa.rules.base import Checker, Rule, RuleDefinitionError

__all__ = ["Checker", "Registry", "Rule", "RuleDefinitionError", "registry"]


@dataclass(frozen=True, slots=True)
class Registry:
    rules: tuple[Rule, ...]
    checkers: tuple[Checker, ...]
    by_id: Mapping[str, Rule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_id:
            object.__setattr__(self, "by_id", MappingProxyType({rule.id: rule for rule in self.rules}))

    def get(self, rule_id: str) -> Rule:
        return self.by_id[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)


def build(modules: list[object]) -> Registry:
    """Collect and validate the rules and checkers of ``modules``."""
    rules: dict[str, Rule] = {}
    checkers: list[Checker] = []
    for module in modules:
        for rule in getattr(module, "RULES", ()):
            if rule.id in rules:
                raise RuleDefinitionError(f"rule {rule.id} is defined twice")
            rules[rule.id] = rule
        checkers.extend(getattr(module, "CHECKERS", ()))
    for chk in checkers:
        unknown = sorted(chk.emits - rules.keys())
        if unknown:
            raise RuleDefinitionError(f"checker {chk.name} emits unknown rule(s) {', '.join(unknown)}")
    return Registry(rules=tuple(sorted(rules.values(), key=lambda r: r.id)), checkers=tuple(checkers))


@cache
def registry() -> Registry:
    """The registry of every rule module shipped in :mod:`lawqa.rules`."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base" and not m.name.startswith("_"))
    return build([importlib.import_module(f"{__name__}.{name}") for name in names])
