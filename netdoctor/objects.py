"""What an object of the user's holds, however its class stores it."""

from __future__ import annotations

from typing import Any


def attributes(value: Any) -> dict[str, Any]:
    """An object's attributes: its `__dict__`, and what its classes' `__slots__` hold (a
    class with `__slots__ = ("_params", "rate")` has no `__dict__`, and `vars()` raises)."""
    found: dict[str, Any] = dict(vars(value)) if hasattr(value, "__dict__") else {}
    for cls in type(value).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name in ("__dict__", "__weakref__") or name.startswith("__") or name in found:
                continue
            try:
                found[name] = getattr(value, name)
            except AttributeError:  # a slot never set
                continue
    return found
