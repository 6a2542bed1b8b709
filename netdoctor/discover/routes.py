"""Reaching into nested containers by a route of keys (and objects by their attributes),
and writing back through them: tuples (and namedtuples) are rebuilt on the way, since
they cannot change in place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Attr:
    """A step of a route through an object's attribute (`net.hidden` of `net.hidden.w`),
    where the other steps are keys and indices."""

    name: str


def descend(container: Any, route: tuple[Any, ...]) -> Any:
    """The container `route` leads to from `container` (raises when the way is gone)."""
    for key in route:
        container = getattr(container, key.name) if isinstance(key, Attr) else container[key]
    return container


def set_along(top: Any, route: tuple[Any, ...], key: Any, value: Any) -> Any:
    """`top[route...][key] = value`, rebuilding the tuples on the way; returns the top
    container, a new one when `top` itself is a tuple."""
    if route:
        head = route[0]
        inner = getattr(top, head.name) if isinstance(head, Attr) else top[head]
        rebuilt = set_along(inner, route[1:], key, value)
        if rebuilt is inner:
            return top
        if isinstance(head, Attr):
            set_attribute(top, head.name, rebuilt)
            return top
        key, value = head, rebuilt
    if isinstance(top, tuple):
        return with_item(top, key, value)
    top[key] = value
    return top


def unreachable(top: Any, route: tuple[Any, ...], holder: Any) -> bool:
    try:
        return descend(top, route) is not holder
    except (KeyError, IndexError, TypeError, AttributeError):
        return True


def with_item(holder: tuple[Any, ...], index: int, value: Any) -> tuple[Any, ...]:
    """A copy of a tuple (or namedtuple) with one item replaced: `params = tuple(p - lr * g
    for ...)` rebinds a new tuple each step, so a value is installed the same way."""
    items = list(holder)
    items[index] = value
    return type(holder)(*items) if hasattr(holder, "_fields") else type(holder)(items)


def set_attribute(holder: Any, name: str, value: Any) -> None:
    try:
        setattr(holder, name, value)
    except AttributeError:  # a frozen dataclass: its fields are still ours to set
        object.__setattr__(holder, name, value)
