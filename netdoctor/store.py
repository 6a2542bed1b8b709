"""Where a user keeps their parameters, and how to hand them new values.

Parameters live as separate arguments (W1, b1 ...), in a dict (params['W1']), in lists
(weights[0]), in module globals, or as object attributes. A Store knows the locations, so
the same user code can be run at the user's own values and at fresh ones, and so an
update's result can be read back wherever the user writes it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ParameterLocation:
    name: str  # the name reports use: W1, weights[0], self.W1
    kind: str  # "arg", "dict", "list", "global", "attr", "attr_item"
    container: str | None  # argument name of a dict/list container
    key: Any  # argument name, dict key, list index, global name or attribute name


@dataclass
class Store:
    locations: list[ParameterLocation]
    initial: dict[str, Any]
    containers: dict[str, Any] = field(default_factory=dict)
    namespace: dict[str, Any] | None = None
    instance: Any = None

    @property
    def names(self) -> list[str]:
        return [loc.name for loc in self.locations]

    def named_values(self) -> list[tuple[str, Any]]:
        return [(loc.name, self.initial[loc.name]) for loc in self.locations]

    def prepare(self, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Install fresh copies of `values`; returns (keyword arguments, objects handed over)."""
        kwargs: dict[str, Any] = {}
        handed: dict[str, Any] = {}
        containers = {name: _shallow(original) for name, original in self.containers.items()}
        for loc in self.locations:
            value = _fresh(values[loc.name])
            handed[loc.name] = value
            if loc.kind == "arg":
                kwargs[loc.key] = value
            elif loc.kind in ("dict", "list"):
                containers[loc.container][loc.key] = value
            elif loc.kind == "global":
                assert self.namespace is not None
                self.namespace[loc.key] = value
            elif loc.kind == "attr":
                setattr(self.instance, loc.key, value)
            elif loc.kind == "attr_item":
                containers.setdefault(f"self.{loc.container}", []).append((loc.key, value))
        for attribute in {loc.container for loc in self.locations if loc.kind == "attr_item"}:
            items = list(getattr(self.instance, attribute))
            for index, value in containers.pop(f"self.{attribute}"):
                items[index] = value
            setattr(self.instance, attribute, items)
        kwargs.update(containers)
        return kwargs, handed

    def read_back(self, kwargs: dict[str, Any], handed: dict[str, Any]) -> dict[str, Any]:
        """Current values at every location after user code ran (in-place updates included)."""
        values: dict[str, Any] = {}
        for loc in self.locations:
            if loc.kind == "arg":
                values[loc.name] = handed[loc.name]
            elif loc.kind in ("dict", "list"):
                values[loc.name] = kwargs[loc.container][loc.key]
            elif loc.kind == "global":
                assert self.namespace is not None
                values[loc.name] = self.namespace[loc.key]
            elif loc.kind == "attr":
                values[loc.name] = getattr(self.instance, loc.key)
            else:
                values[loc.name] = getattr(self.instance, loc.container)[loc.key]
        return values


def _fresh(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy()
    return value


def _shallow(container: Any) -> Any:
    if isinstance(container, dict):
        return dict(container)
    if isinstance(container, list):
        return list(container)
    return copy.copy(container)
