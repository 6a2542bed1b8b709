"""Attributes an object makes on first use (an optimizer's velocities, `if self.vel is
None: self.vel = [...]`): found before a pass and put back empty before each re-run."""

from __future__ import annotations

from typing import Any

from netdoctor.discover.routes import set_attribute
from netdoctor.discover.state import Slot
from netdoctor.objects import attributes


def lazy_attributes(slots: list[Slot]) -> list[tuple[Any, str, Any]]:
    """The attributes that are None, an empty dict or an empty list on the objects holding
    the slots' attributes, with that value: an optimizer's velocities made on first use
    (`if self.vel is None: self.vel = [...]`, `if name not in self.m: self.m[name] = ...`).
    A re-run of the pass must find them as they were, not filled by the previous re-run
    (Adam's moments from another point made its one-number bias step look flipped)."""
    owners = {id(s.owner): s.owner for s in slots if s.kind == "attr"}
    return [
        (owner, name, value)
        for owner in owners.values()
        for name, value in list(attributes(owner).items())
        if (value is None or (type(value) in (dict, list) and not value))
        and not name.startswith("__")
    ]


def reset_lazy(lazy: list[tuple[Any, str, Any]]) -> None:
    for owner, name, empty in lazy:
        if empty is not None:
            empty.clear()  # the same object: other names may hold it (`m = self.m`)
        try:
            set_attribute(owner, name, empty)
        except TypeError:
            continue
