"""Pure comparison of a claimed gradient with the truth: error, best scale, verdict.

Relative error is norm-wise per parameter, max|u - t| / max(max|u|, max|t|), so a
near-zero entry (a dead unit's 1e-17 against 0) cannot fake a disagreement. Tolerances
follow the dtype the user computes in, widened by the rounding noise that recovering a
gradient as (before - after) / lr adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor.tolerances import Tolerance, tolerance_for

__all__ = ["Comparison", "Tolerance", "compare", "relative_error", "tolerance_for"]

TINY = 1e-30


@dataclass(frozen=True)
class Comparison:
    verdict: str  # agrees, disagrees, uncertain, missing, shape, not-finite, transposed
    relative_error: float | None
    scale: float | None
    scaled_error: float | None  # error of user against scale * truth
    worst_index: tuple[int, ...] | None
    user_norm: float | None
    truth_norm: float | None


def relative_error(user: np.ndarray, truth: np.ndarray) -> tuple[float, tuple[int, ...]]:
    difference = np.abs(user - truth)
    worst = (
        np.unravel_index(int(np.argmax(difference)), difference.shape) if difference.size else ()
    )
    denominator = max(
        float(np.max(np.abs(user), initial=0)), float(np.max(np.abs(truth), initial=0))
    )
    if denominator < TINY:
        return 0.0, tuple(int(i) for i in worst)
    return float(np.max(difference, initial=0) / denominator), tuple(int(i) for i in worst)


def best_scale(user: np.ndarray, truth: np.ndarray) -> float | None:
    """The c minimising |user - c * truth|; None when the truth is zero."""
    denominator = float(np.sum(truth * truth))
    if denominator < TINY:
        return None
    return float(np.sum(user * truth) / denominator)


def compare(
    claimed: Any, truth: np.ndarray, tolerance: Tolerance, noise: np.ndarray | None = None
) -> Comparison:
    """Verdict on one parameter's claimed gradient against its truth (same user shape).

    `noise` (the truth's shape, or None) is how far rounding alone moves each entry of a
    correct gradient: when the gradient does not agree as it is, differences within it count
    as none, so that rounding noise against an exact 0 is not a relative error of 1.
    """
    if claimed is None:
        return Comparison("missing", None, None, None, None, None, float(np.linalg.norm(truth)))
    try:
        user = np.asarray(claimed, dtype=np.float64)
    except (TypeError, ValueError):
        return Comparison("missing", None, None, None, None, None, None)
    truth_norm = float(np.linalg.norm(truth))
    if user.shape != truth.shape:
        transposed = user.ndim == 2 and truth.ndim == 2 and user.shape == truth.shape[::-1]
        if transposed:
            return _values(user.T, truth, tolerance, noise, verdict_if_close="transposed")
        if user.size == truth.size and update_keeps_shape(truth.shape, user.shape):
            return _values(user.reshape(truth.shape), truth, tolerance, noise)
        return Comparison("shape", None, None, None, None, float(np.linalg.norm(user)), truth_norm)
    return _values(user, truth, tolerance, noise)


def _values(
    user: np.ndarray,
    truth: np.ndarray,
    tolerance: Tolerance,
    noise: np.ndarray | None = None,
    verdict_if_close: str | None = None,
) -> Comparison:
    user_norm = float(np.linalg.norm(user)) if np.all(np.isfinite(user)) else float("nan")
    truth_norm = float(np.linalg.norm(truth))
    if not np.all(np.isfinite(user)):
        return Comparison("not-finite", None, None, None, None, None, truth_norm)
    error, worst = relative_error(user, truth)
    if noise is not None and error > tolerance.agree:
        # Entries within rounding of the truth are the truth, as far as float64 can tell.
        user = np.where(np.abs(user - truth) <= noise, truth, user)
        error, worst = relative_error(user, truth)
    scale = best_scale(user, truth)
    scaled_error = relative_error(user, scale * truth)[0] if scale is not None else None
    if error <= tolerance.agree:
        verdict = "agrees"
    elif error > tolerance.disagree:
        verdict = "disagrees"
    else:
        verdict = "uncertain"
    if verdict_if_close is not None:
        verdict = verdict_if_close
    return Comparison(verdict, error, scale, scaled_error, worst, user_norm, truth_norm)


def update_keeps_shape(parameter: tuple[int, ...], gradient: tuple[int, ...]) -> bool:
    """`param -= lr * grad` leaves the parameter's shape: (h,) for a (1, h) bias does, and a
    one-number gradient for a one-number parameter (`c = 0.0`, `c -= lr * d` with d of shape
    (1, 1) makes c a (1, 1) array holding the same number: no harm done)."""
    if int(np.prod(parameter)) == 1 and int(np.prod(gradient)) == 1:
        return True
    try:
        return np.broadcast_shapes(parameter, gradient) == parameter
    except ValueError:
        return False
