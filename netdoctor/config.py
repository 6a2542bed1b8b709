"""Settings of `netdoctor check`: the command line, `[tool.netdoctor]`, built-in defaults.

A course or a project writes its choices once in pyproject.toml instead of on every
command line:

    [tool.netdoctor]
    ignore = ["ND106"]
    timeout = 30
    train-seconds = 5

The file is the nearest pyproject.toml with a `[tool.netdoctor]` table, searching from the
current directory upward (as ruff does: a pyproject.toml without the table is passed over).
Keys are kebab or snake case. An option given on the command line wins over the file; the
file wins over the defaults. Every value, from either source, is checked here before any
file is checked, so a bad one is a usage error (exit 2) that names where it came from, not
a crash in the child that reads as a bug in netdoctor.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netdoctor.options import SEED_MAX, CheckOptions
from netdoctor.selection import Selection, SelectionError, SelectionLayer, parse_codes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class SettingsError(ValueError):
    """A bad option or configuration value: exit 2 before any work, with this message."""


@dataclass(frozen=True)
class Limit:
    """What one setting accepts; `low_open` excludes `low` itself."""

    kind: type
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] = ()

    def check(self, value: Any, where: str) -> Any:
        """`value` as this setting's type, or a SettingsError naming `where`."""
        if self.choices:
            if isinstance(value, str) and value.lower() in self.choices:
                return value.lower()
            raise SettingsError(f"{where}: {value!r} is not one of {', '.join(self.choices)}")
        wanted = "an integer" if self.kind is int else "a number"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{where}: {value!r} is not {wanted}")
        if self.kind is int and not isinstance(value, int):
            raise SettingsError(f"{where}: {value!r} is not {wanted}")
        bounds = self._describe()
        if not math.isfinite(value):
            raise SettingsError(f"{where}: {value!r} is not a finite number ({bounds})")
        low_fails = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        if low_fails or (self.high is not None and value > self.high):
            raise SettingsError(f"{where}: {value!r} is out of range: {bounds}")
        return self.kind(value)

    def _describe(self) -> str:
        wanted = "an integer" if self.kind is int else "a number"
        parts = []
        if self.low is not None:
            parts.append(f"{'>' if self.low_open else '>='} {_number(self.low)}")
        if self.high is not None:
            parts.append(f"<= {_number(self.high)}")
        return f"{wanted} {' and '.join(parts)}".strip()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# Settings both sources may give, by their kebab-case name, and the CheckOptions field.
LIMITS: dict[str, Limit] = {
    "loss": Limit(str, choices=("bce", "mse")),
    "hidden": Limit(int, low=1),
    "timeout": Limit(float, low=0.1),
    "steps": Limit(int, low=1),
    "seed": Limit(int, low=0, high=SEED_MAX),
    "train-seconds": Limit(float, low=0.1),
    "memory-mb": Limit(int, low=0),
    "jobs": Limit(int, low=1),
    "isolation": Limit(str, choices=("auto", "strict", "off")),
}
FIELDS = {
    "loss": "loss",
    "hidden": "hidden",
    "timeout": "timeout",
    "steps": "train_steps",
    "seed": "seed",
    "train-seconds": "train_seconds",
    "memory-mb": "memory_mb",
    "isolation": "isolation",
}
CODE_KEYS = ("select", "ignore")
KEYS = (*CODE_KEYS, *LIMITS)
LEARNING_RATE = Limit(float, low=0, low_open=True)  # command line only: it is per file


@dataclass(frozen=True)
class FileConfig:
    """`[tool.netdoctor]` as read and checked; empty when no pyproject.toml has one."""

    path: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)  # kebab-case keys
    layer: SelectionLayer = field(default_factory=SelectionLayer)


@dataclass(frozen=True)
class Settings:
    """Everything `check` needs, resolved and checked."""

    options: CheckOptions
    jobs: int
    selection: Selection
    config: FileConfig


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest pyproject.toml at or above `start` with a [tool.netdoctor] table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            document = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise SettingsError(f"{candidate}: cannot be read as TOML: {error}") from None
        tool = document.get("tool")
        if isinstance(tool, dict) and "netdoctor" in tool:
            table = tool["netdoctor"]
            if not isinstance(table, dict):
                raise SettingsError(f"{candidate}: [tool.netdoctor] must be a table")
            return candidate, table
    return None


def load_config(start: Path | None = None) -> FileConfig:
    """The checked [tool.netdoctor] table nearest to `start` (the current directory)."""
    found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return FileConfig()
    path, table = found
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = str(raw_key).replace("_", "-")
        where = f"{path}: [tool.netdoctor] {raw_key}"
        if key not in KEYS:
            raise SettingsError(f"{where}: unknown key. Valid keys: {', '.join(KEYS)}")
        if key in values:
            raise SettingsError(f"{where}: given twice (kebab and snake case)")
        if key in CODE_KEYS:
            values[key] = _codes(_code_list(value, where), where)
        else:
            values[key] = LIMITS[key].check(value, where)
    layer = SelectionLayer(select=values.get("select"), ignore=values.get("ignore", ()))
    return FileConfig(path, values, layer)


def _codes(values: list[str], where: str) -> tuple[str, ...]:
    try:
        return parse_codes(values, where)
    except SelectionError as error:
        raise SettingsError(str(error)) from None


def _code_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise SettingsError(f'{where}: expected a list of rule codes or prefixes, like ["ND106"]')


def resolve(
    given: Mapping[str, Any],
    select: list[str] | None,
    ignore: list[str] | None,
    fixed: Mapping[str, Any],
    start: Path | None = None,
) -> Settings:
    """Settings from the command line (`given`: None where an option was not given, by
    kebab-case key), the configuration file, and the defaults. `fixed` holds the
    CheckOptions fields only the command line sets (`--gradients`, `--no-train`, ...)."""
    config = load_config(start)
    defaults = CheckOptions()
    chosen: dict[str, Any] = {}
    for key, limit in LIMITS.items():
        if given.get(key) is not None:
            chosen[key] = limit.check(given[key], f"--{key}")
        elif key in config.values:
            chosen[key] = config.values[key]
        elif key == "jobs":
            chosen[key] = 1
        else:
            chosen[key] = getattr(defaults, FIELDS[key])
    learning_rate = fixed.get("learning_rate")
    if learning_rate is not None:
        LEARNING_RATE.check(learning_rate, "--lr")
    cli_layer = SelectionLayer(
        select=None if select is None else _codes(select, "--select"),
        ignore=_codes(ignore or [], "--ignore"),
    )
    fields = {FIELDS[key]: value for key, value in chosen.items() if key in FIELDS}
    fields["memory_mb"] = fields["memory_mb"] or None  # 0: no limit
    options = CheckOptions(**{**dict(fixed), **fields})
    return Settings(options, chosen["jobs"], Selection((config.layer, cli_layer)), config)
