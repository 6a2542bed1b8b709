"""No windows, prompts or pauses on the user's behalf while their file runs."""

from __future__ import annotations

import builtins
import contextlib
import sys
import time
from collections.abc import Iterator
from types import GeneratorType
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


class SameBatches:
    """`xb, yb = next(stream)` in a pass run again and again: each re-run gets the batches
    the first re-run drew from a generator or an iterator over the data, not the next ones
    (neither can be put back like an array). One per pass; the k-th `next` of a generator
    in a run answers as the k-th did."""

    def __init__(self) -> None:
        self.drawn: list[Any] = []
        self.count = 0
        self.path = ""

    def run(self, path: str) -> contextlib.AbstractContextManager[None]:
        """While a pass of the file at `path` runs: its generators' batches the same."""
        self.count, self.path = 0, path
        return _replaced(builtins, "next", self._next)

    def _next(self, iterator: Any, *default: Any) -> Any:
        # only the file's own generators (a `with` block's context manager is one too) and
        # the data streams it builds (`itertools.cycle(data)`, `iter(samples)`)
        if not (
            (isinstance(iterator, GeneratorType) and iterator.gi_code.co_filename == self.path)
            or (  # called by the file itself: matplotlib's own colour cycle is no data
                (
                    type(iterator).__module__ == "itertools"
                    or type(iterator).__name__ in _DATA_ITERATORS
                )
                and sys._getframe(1).f_code.co_filename == self.path
            )
        ):
            return _NEXT(iterator, *default)
        index, self.count = self.count, self.count + 1
        if index == len(self.drawn):
            self.drawn.append(_NEXT(iterator, *default))
        return _fresh(self.drawn[index])


_NEXT = builtins.next
_DATA_ITERATORS = ("list_iterator", "tuple_iterator", "zip", "enumerate", "map")


def _fresh(value: Any) -> Any:
    """A copy of a drawn batch's arrays: a pass that scales its batch in place must not
    change the next run's."""
    if isinstance(value, tuple | list):
        return type(value)(_fresh(v) for v in value)
    copy = getattr(value, "copy", None)
    return copy() if callable(copy) and type(value).__module__ == "numpy" else value


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
