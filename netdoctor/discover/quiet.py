"""No windows, prompts or pauses on the user's behalf while their file runs."""

from __future__ import annotations

import builtins
import contextlib
import sys
import time
from collections.abc import Iterator
from typing import Any


def _no_input(prompt: object = "") -> str:
    """`input("press enter")`: Enter, at once (netdoctor runs the file without a keyboard)."""
    return ""


def _no_sleep(seconds: float) -> None:
    """`time.sleep(0.1)` in a loop netdoctor runs again and again: no wait."""


def no_prompts() -> contextlib.AbstractContextManager[None]:
    """For a whole check: the user's prompts answer Enter, in the file's own run and in
    every pass netdoctor runs again (an `input()` under `if epoch % 50 == 0` runs in each
    re-run of the observed pass, whose epoch is 0)."""
    return _replaced(builtins, "input", _no_input)


def no_sleeps() -> contextlib.AbstractContextManager[None]:
    """While a pass runs again: its `time.sleep` returns at once. The observed pass's epoch
    is 0, so a pause under `if epoch % 400 == 0` would run in every re-run and spend the
    training's time budget. The file's own run keeps its pauses."""
    return _replaced(time, "sleep", _no_sleep)


@contextlib.contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextlib.contextmanager
def quiet_environment(path: str, uses_pyplot: bool) -> Any:
    """No windows, prompts or pauses on the user's behalf; `sys.argv` as `python FILE` sets it."""
    original_input, original_argv = builtins.input, sys.argv

    builtins.input = _no_input
    sys.argv = [path]
    restore: list[tuple[Any, str, Any]] = []
    if uses_pyplot:
        try:
            import matplotlib

            matplotlib.use("Agg", force=True)
            import matplotlib.pyplot as pyplot

            for name in ("show", "pause"):
                restore.append((pyplot, name, getattr(pyplot, name)))
                setattr(pyplot, name, lambda *a, **k: None)
        except Exception:  # matplotlib missing or broken: the user's own import will say so
            pass
    try:
        yield
    finally:
        builtins.input, sys.argv = original_input, original_argv
        for owner, name, value in restore:
            setattr(owner, name, value)
        if restore:
            with contextlib.suppress(Exception):
                restore[0][0].close("all")
