"""The numbers the file's objects hold as a pass begins, to be put back before each re-run.

An optimizer object counts its steps (`self.iterations += 1`) and decays its rate from
the count (`self.current_learning_rate = lr / (1 + decay * iterations)`); a re-run of the
pass that starts from the count the last re-run left steps at another rate, and a gradient
recovered as (before - after) / rate drifts from one re-run to the next. Parameters kept as
floats are installed after these are put back, so they are never held at a stale value.
"""

from __future__ import annotations

from types import FrameType
from typing import Any

import numpy as np

from netdoctor.objects import attributes

MAX_OBJECTS = 64


def object_numbers(frame: FrameType, user_types: tuple[type, ...]) -> list[tuple[Any, str, Any]]:
    """(object, attribute, value) for the int and float attributes of the file's objects in
    the frame's scope, and of the file's objects they hold (a model's optimizer)."""
    if not user_types:
        return []
    scopes = [frame.f_locals] if frame.f_code.co_name != "<module>" else []
    scopes.append(frame.f_globals)
    found: list[tuple[Any, str, Any]] = []
    seen: set[int] = set()
    queue = [v for scope in scopes for v in list(scope.values()) if isinstance(v, user_types)]
    while queue and len(seen) < MAX_OBJECTS:
        owner = queue.pop(0)
        if id(owner) in seen:
            continue
        seen.add(id(owner))
        try:
            items = list(attributes(owner).items())
        except Exception:  # an object whose attributes cannot be listed: left as it is
            continue
        for name, value in items:
            if isinstance(value, bool) or name.startswith("__"):
                continue
            if isinstance(value, int | float | np.integer | np.floating):
                found.append((owner, name, value))
            elif isinstance(value, user_types):
                queue.append(value)
    return found


def put_back(numbers: list[tuple[Any, str, Any]]) -> None:
    """Every number where it was as the pass began."""
    for owner, name, value in numbers:
        try:
            setattr(owner, name, value)
        except Exception:  # a read-only property: nothing to put back
            continue
