"""Configuration: ``[tool.lawqa]`` in pyproject.toml, or a ``lawqa.toml``.

Loading is strict: an unknown key, an unknown rule id or a bad value is a
:class:`ConfigError` naming the file and the entry (users' first complaint about linters
is a misspelled rule silently ignored). Command-line options override the file.

```toml
[tool.lawqa]
fail-on = "error"            # error | warning | never
ignore = ["broken-line"]     # rules not run at all
max-bytes = 52428800         # larger files: file-too-large, not read further
include = ["*.txt"]          # what a folder argument expands to
suites = ["expectations"]    # extra suite files or folders

[tool.lawqa.severity]
cjk-spacing = "warning"      # change a rule's default severity
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lawqa.model import Severity

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
FAIL_ON = ("error", "warning", "never")


class ConfigError(ValueError):
    """The configuration is invalid; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Config:
    fail_on: str = "error"
    severity: Mapping[str, Severity] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    max_bytes: int = DEFAULT_MAX_BYTES
    include: tuple[str, ...] = ("*.txt",)
    suites: tuple[str, ...] = ()
    source: str | None = None  # the file this came from

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return self.severity.get(rule_id, default)

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.ignore

    @property
    def fail_threshold(self) -> Severity | None:
        """The lowest severity that fails the gate, or ``None`` for ``never``."""
        return None if self.fail_on == "never" else Severity(self.fail_on)


_KEYS = {"fail-on", "severity", "ignore", "max-bytes", "include", "suites"}


def find_config(start: Path) -> Path | None:
    """The nearest ``lawqa.toml``, or pyproject.toml with ``[tool.lawqa]``, at or above ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "lawqa.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "lawqa" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None, known_rules: Iterable[str]) -> Config:
    """Load ``path`` (``lawqa.toml`` or a pyproject.toml); ``None`` gives the defaults."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such configuration file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lawqa", {})
    return parse_config(data, str(path), set(known_rules))


def parse_config(data: Mapping[str, object], where: str, known: set[str]) -> Config:
    """Validate a ``[tool.lawqa]`` table and build a :class:`Config`."""
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    fail_on = data.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail-on = {fail_on!r}; expected one of {', '.join(FAIL_ON)}")
    severity: dict[str, Severity] = {}
    table = data.get("severity", {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: [severity] must be a table of rule = severity")
    for rule_id, value in table.items():
        _check_rule(rule_id, known, where, "severity")
        try:
            severity[rule_id] = Severity(value)
        except ValueError:
            raise ConfigError(f"{where}: severity.{rule_id} = {value!r}; expected error, warning or info") from None
    ignore = _str_list(data.get("ignore", []), where, "ignore")
    for rule_id in ignore:
        _check_rule(rule_id, known, where, "ignore")
    max_bytes = data.get("max-bytes", DEFAULT_MAX_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ConfigError(f"{where}: max-bytes = {max_bytes!r}; expected a positive integer")
    include = _str_list(data.get("include", ["*.txt"]), where, "include")
    suites = _str_list(data.get("suites", []), where, "suites")
    return Config(
        fail_on=str(fail_on),
        severity=severity,
        ignore=frozenset(ignore),
        max_bytes=max_bytes,
        include=tuple(include) or ("*.txt",),
        suites=tuple(suites),
        source=where,
    )


def _check_rule(rule_id: str, known: set[str], where: str, key: str) -> None:
    if rule_id not in known:
        raise ConfigError(f"{where}: {key}: unknown rule id {rule_id!r} (see `lawqa rules`)")


def _str_list(value: object, where: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return list(value)
