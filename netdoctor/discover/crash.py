"""When the user's own run raises in its first training step, that error is the report.

A file that crashes in its first pass (a (32, 32) delta hitting a matrix product, the
classic labels-of-shape-(m,) bug) is not a file without a network: the name-based finder
would only fail later, on an error of its own making. The user's traceback, with a hint
at the shapes that broadcast when the frame shows them, is what they need.
"""

from __future__ import annotations

from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.common import DiscoveryError, UserCodeError, user_frames
from netdoctor.discover.follow import Observation

PACKAGE = str(Path(__file__).resolve().parent.parent)  # netdoctor's own code


def own_run_error(observation: Observation | None) -> Exception | None:
    """The user's own run's error, when it raised inside the user's file; when a package
    the file imports was replaced by a stand-in, the missing package is the story."""
    if observation is None or observation.ended != "raised" or observation.error is None:
        return None
    error = observation.error
    if isinstance(error, (ImportError, OSError)):  # a missing package or data file: noted
        return None
    if _raised_in_netdoctor(error, observation.path):  # our tracing, never the user's code
        return None
    if observation.stubbed:
        frames = user_frames(error, observation.path)
        where = f" at line {frames[-1][0]} (`{frames[-1][2]}`)" if frames else ""
        missing = ", ".join(observation.stubbed)
        return DiscoveryError(
            "missing-package",
            f"your file needs {missing}, which is not installed where netdoctor runs: with "
            f"a stand-in it stopped{where} ({type(error).__name__}: {error}). Install "
            f"{missing} in this environment (pip install ...) and check again.",
            line=frames[-1][0] if frames else None,
        )
    name = observation.path.rsplit("/", 1)[-1]
    how = (
        "your notebook (its code cells run in order)"
        if name.endswith(".ipynb")
        else f"your file (run as `python {name}`)"
    )
    crash = UserCodeError(error, observation.path, how)
    if not crash.frames:
        return None
    frame = _last_user_frame(error, observation.path)
    hint = label_broadcast_hint(frame.f_locals if frame is not None else {})
    if hint:
        crash.args = (f"{crash.args[0]}\n{hint}",)
    return crash


def _raised_in_netdoctor(error: BaseException, path: str) -> bool:
    """Whether the innermost frame is netdoctor's own (a bundled case study is the user's)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return False
    filename = tb.tb_frame.f_code.co_filename
    return filename.startswith(PACKAGE) and filename != path


def _last_user_frame(error: BaseException, path: str) -> FrameType | None:
    found = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            found = tb.tb_frame
        tb = tb.tb_next
    return found


def label_broadcast_hint(scope: dict[str, Any]) -> str:
    """Labels of shape (m,) next to outputs of shape (m, 1) in the crashing frame: their
    difference is (m, m), which the next matrix product rejects (ND206)."""
    found = flat_labels(scope)
    if found is None:
        return ""
    flat_name, column_name, labels = found
    m = labels.shape[0]
    return (
        f"`{flat_name}` has shape ({m},) and `{column_name}` has shape ({m}, 1): "
        f"together they broadcast to ({m}, {m}) (ND206 label-broadcast). Make "
        f"the labels a column where you create them: `.reshape(-1, 1)`."
    )


def flat_labels(scope: dict[str, Any]) -> tuple[str, str, np.ndarray] | None:
    """(labels' name, outputs' name, the labels) for labels of shape (m,) beside outputs
    of shape (m, 1) in a frame's scope."""
    arrays = {  # the latest first: the batch's `yb`, not the file's `y` it was sliced from
        k: v
        for k, v in reversed(scope.items())
        if isinstance(v, np.ndarray) and v.size > 1 and not k.startswith("_")
    }
    flat = {k: v for k, v in arrays.items() if v.ndim == 1}
    columns = {k: v for k, v in arrays.items() if v.ndim == 2 and v.shape[1] == 1}
    pairs = [
        (flat_name, column_name)
        for flat_name, labels in flat.items()
        for column_name, column in columns.items()
        if labels.shape[0] == column.shape[0]
    ]
    if not pairs:
        return None
    # the labels themselves before what was computed from them (`db2 = dz2.sum(axis=0)`),
    # and a bias beside its weight column (`b_h` (6,), `W_o` (6, 1)) last
    flat_name, column_name = min(
        pairs,
        key=lambda pair: (
            not _label_like(pair[0]),
            _parameter_like(pair[0]) or _parameter_like(pair[1]),
        ),
    )
    return flat_name, column_name, flat[flat_name]


def _parameter_like(name: str) -> bool:
    return bool(naming.BIAS_NAME.search(name) or naming.WEIGHT_NAME.search(name))


def last_user_frame(error: BaseException, path: str) -> FrameType | None:
    """The innermost frame of the user's file in the error's traceback."""
    return _last_user_frame(error, path)


def _label_like(name: str) -> bool:
    return name in naming.TARGET_NAMES or naming.data_role(name) == "Y"
