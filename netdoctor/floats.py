"""The floating-point error state user code runs under.

Normally every numpy warning of the user's code is silenced (their overflow is our
evidence, not noise on their terminal). The exp-overflow probe (ND205) turns overflow
into an exception for one call, to find the line that overflows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import numpy as np

_STATE: ContextVar[str] = ContextVar("netdoctor_overflow", default="ignore")


def user_errstate() -> Any:
    if _STATE.get() == "all":
        return np.errstate(all="raise", under="ignore")
    return np.errstate(all="ignore", over=_STATE.get())


@contextlib.contextmanager
def overflow_raises() -> Iterator[None]:
    token = _STATE.set("raise")
    try:
        yield
    finally:
        _STATE.reset(token)


@contextlib.contextmanager
def every_error_raises() -> Iterator[None]:
    """Overflow, division by zero and invalid operations raise: to find the first one."""
    token = _STATE.set("all")
    try:
        yield
    finally:
        _STATE.reset(token)


def all_finite(value: Any) -> bool:
    """No inf or NaN in `value`; True for what is no array of numbers (a claim that is
    missing). The method, not np.all: its wrapper costs more than the check on a small
    network's arrays, thousands of times in a recording."""
    if type(value) is np.ndarray and value.dtype == np.float64:
        return bool(np.isfinite(value).all())
    try:
        return bool(np.isfinite(np.asarray(value, dtype=np.float64)).all())
    except (TypeError, ValueError):
        return True
