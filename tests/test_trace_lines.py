"""The line tracer: every binding and every in-place change, at its own line, once."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from netdoctor.trace import trace_call

SOURCE = """\
import numpy as np


def step(W, X):
    H = X @ W
    W -= 0.5 * H.sum()
    unrelated = 3.0
    W[0, 0] = 7.0
    total = float(W.sum())
    W *= 1.0
    return total
"""


def test_in_place_changes_are_recorded_at_their_lines_between_unchanged_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "net.py"
    path.write_text(SOURCE)
    spec = importlib.util.spec_from_file_location("net_for_trace", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    W, X = np.ones((2, 2)), np.ones((1, 2))

    trace = trace_call(lambda: module.step(W, X), str(path))

    of_W = [(a.line, a.in_place, a.value.tolist()) for a in trace.assignments if a.name == "W"]
    # W -= 2.0 at line 6 and W[0, 0] = 7 at line 8; `W *= 1.0` changes nothing
    assert of_W == [
        (6, True, [[-1.0, -1.0], [-1.0, -1.0]]),
        (8, True, [[7.0, -1.0], [-1.0, -1.0]]),
    ]
    assert [a.line for a in trace.assignments if a.name == "H"] == [5]
