"""No windows, prompts or pauses on the user's behalf while their file runs."""

from __future__ import annotations

import builtins
import contextlib
import sys
from typing import Any


@contextlib.contextmanager
def quiet_environment(path: str, uses_pyplot: bool) -> Any:
    """No windows, prompts or pauses on the user's behalf; `sys.argv` as `python FILE` sets it."""
    original_input, original_argv = builtins.input, sys.argv

    def no_input(prompt: object = "") -> str:
        raise EOFError("netdoctor runs your file without a keyboard")

    builtins.input = no_input
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
