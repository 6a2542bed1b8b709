"""The numbers the file's objects hold as a pass begins, to be put back before each re-run.

An optimizer object counts its steps (`self.iterations += 1`) and decays its rate from
the count (`self.current_learning_rate = lr / (1 + decay * iterations)`); a re-run of the
pass that starts from the count the last re-run left steps at another rate, and a gradient
recovered as (before - after) / rate drifts from one re-run to the next. Parameters kept as
floats are installed after these are put back, so they are never held at a stale value.
"""

from __future__ import annotations

from types import FrameType, FunctionType
from typing import Any

import numpy as np

from netdoctor.objects import attributes

MAX_OBJECTS = 64


def _scopes(frame: FrameType) -> list[dict[str, Any]]:
    """The frame's locals (but a module's, which are its globals), then its globals."""
    if frame.f_code.co_name == "<module>":
        return [frame.f_globals]
    return [frame.f_locals, frame.f_globals]


def object_numbers(frame: FrameType, user_types: tuple[type, ...]) -> list[tuple[Any, str, Any]]:
    """(object, attribute, value) for the int and float attributes of the file's objects in
    the frame's scope, and of the file's objects they hold (a model's optimizer)."""
    if not user_types:
        return []
    scopes = _scopes(frame)
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


def closure_numbers(frame: FrameType) -> list[tuple[Any, Any, Any]]:
    """(holder, key, value) for the numbers the file's closures in the frame's scope keep:
    a cell holding a number, or a short list of numbers in a cell (`step_count = [0]` of a
    `make_trainer()` whose step decays its rate by it: `eta = lr / (1 + decay *
    step_count[0])`, then `step_count[0] += 1`), which a re-run must find as it was."""
    scopes = _scopes(frame)
    path = frame.f_code.co_filename
    found: list[tuple[Any, Any, Any]] = []
    functions = [
        v
        for scope in scopes
        for v in list(scope.values())
        if isinstance(v, FunctionType) and v.__code__.co_filename == path and v.__closure__
    ]
    for function in functions[:MAX_OBJECTS]:
        for cell in function.__closure__ or ():
            try:
                content = cell.cell_contents
            except ValueError:  # a cell not filled yet
                continue
            if _number(content):
                found.append((cell, "cell_contents", content))
            elif isinstance(content, list) and 0 < len(content) <= 8:
                if all(_number(item) for item in content):
                    found += [(content, index, item) for index, item in enumerate(content)]
    return found


def _number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def put_back(numbers: list[tuple[Any, Any, Any]]) -> None:
    """Every number where it was as the pass began."""
    for owner, name, value in numbers:
        try:
            if isinstance(owner, list):
                owner[name] = value
            else:
                setattr(owner, name, value)
        except Exception:  # a read-only property: nothing to put back
            continue
