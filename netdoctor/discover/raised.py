"""Calls of the user's that raised in the file's own run, remembered: the same function
handed the same inputs again raises the same error without running again.

When the file's own run ends in an error in the user's backprop, discovery may still try
the function by name with the file's arrays: the very call the run just made. Running it
again costs what the function costs (a memory hog, a slow loop, a print) for an answer
already known, so a user function that raises is called once per distinct input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from types import CodeType
from typing import Any

import numpy as np

from netdoctor.discover.follow import CallRecord

# (where the function is defined, its inputs, its error): by place, not code object, for
# the module may have been run again since (the same source gives the same function)
_RAISED: list[tuple[tuple[str, int, str], tuple[Any, ...], BaseException]] = []


def remember(calls: Iterable[CallRecord], error: BaseException | None) -> None:
    """The calls the exception that ended the file's run came through (a trace shows a
    return for them too: that they raised `error` itself is what tells them apart)."""
    _RAISED.clear()
    for call in calls:
        if error is not None and call.raised is error:
            inputs = {**call.arguments, **call.copies}  # arrays as they were at the call
            _RAISED.append((_place(call.code), _fingerprint(inputs), call.raised))


def raised_before(function: Any, arguments: dict[str, Any]) -> BaseException | None:
    """The error `function` raised in the file's run on these same arguments, if it did."""
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    if not isinstance(code, CodeType):
        return None
    place = _place(code)
    if not any(known == place for known, _, _ in _RAISED):
        return None
    inputs = {k: v for k, v in arguments.items() if k != "self"}
    mark = _fingerprint(inputs)
    return next((error for known, seen, error in _RAISED if known == place and seen == mark), None)


def _place(code: CodeType) -> tuple[str, int, str]:
    return (code.co_filename, code.co_firstlineno, code.co_name)


def _fingerprint(arguments: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((name, _mark(value, 0)) for name, value in arguments.items()))


def _mark(value: Any, depth: int) -> Any:
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return ("objects", id(value))
        data = np.ascontiguousarray(value)
        return ("array", data.shape, data.dtype.str, hashlib.sha1(data.tobytes()).hexdigest())
    if value is None or isinstance(value, bool | int | float | complex | str):
        return ("value", type(value).__name__, repr(value))
    if isinstance(value, list | tuple) and depth < 3:
        return (type(value).__name__, tuple(_mark(v, depth + 1) for v in value))
    if isinstance(value, dict) and depth < 3:
        return ("dict", tuple(sorted((repr(k), _mark(v, depth + 1)) for k, v in value.items())))
    return ("object", type(value).__name__, id(value))
