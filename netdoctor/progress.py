"""Progress of the recorded training, written by the child for the parent's progress bar.

A file with "done total", rewritten at most every 0.2 s; the parent polls it. Nothing is
written when no file was asked for (in-process checks, tests).
"""

from __future__ import annotations

import time
from pathlib import Path

_state: dict[str, object] = {"path": None, "last": 0.0}


def set_progress_file(path: str | None) -> None:
    _state["path"] = Path(path) if path else None
    _state["last"] = 0.0


def report_progress(done: int, total: int) -> None:
    path = _state["path"]
    now = time.monotonic()
    if not isinstance(path, Path) or now - float(_state["last"]) < 0.2:  # type: ignore[arg-type]
        return
    _state["last"] = now
    try:
        path.write_text(f"{done} {total}")
    except OSError:
        pass
