"""A loss of the user's own that is neither cross-entropy nor squared error (a weighted
cross-entropy with `pos_weight`, a focal term): its gradients are checked against
directional derivatives of that loss itself, through the user's forward pass.

Checked against a reference loss, a right gradient of another loss is wrong everywhere (4
false ND100 on a correct weighted-BCE network). So when the user's loss fingerprints as
none of the references, the claims are first checked along random directions of the
user's own loss; if half the blocks or more agree at every point (as the summed loss's gradient, or
its mean's), that loss is the truth: the blocks that agree are cleared, the others are
estimated entry by entry, as any numeric truth is, and the report says so."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from netdoctor import numeric
from netdoctor.subject import ParameterValues, Subject
from netdoctor.truth import PointResult, claim_in_shape

Evaluate = Callable[[list[np.ndarray]], tuple[float, None]]


def own_loss_truth(subject: Subject, points: list[PointResult], seed: int) -> bool:
    """Replace each point's truth by the user's own loss's when most blocks' claims agree
    with it at every point; False (points unchanged) otherwise."""
    loss = _own_loss(subject)
    if loss is None or subject.forward is None or not points:
        return False
    names = subject.structure.names
    readings = []
    for point in points:
        arrays = [np.asarray(point.values[name], dtype=np.float64) for name in names]
        claims = [
            claim_in_shape(point.claimed.get(n), a) for n, a in zip(names, arrays, strict=True)
        ]
        reading = _best_reading(subject, loss, point, names, arrays, claims, seed)
        if reading is None:
            return False
        readings.append((arrays, reading))
    dtype = np.dtype(subject.user_dtype)
    for point, (arrays, (evaluate, checks)) in zip(points, readings, strict=True):
        unsettled = {i for i, c in enumerate(checks) if c is None or c.factor is None}
        truth = {name: np.full(a.shape, np.nan) for name, a in zip(names, arrays, strict=True)}
        if unsettled:
            estimate = numeric.numeric_gradient(
                evaluate, arrays, dtype=dtype, seed=seed, blocks=unsettled
            )
            for i in unsettled:
                truth[names[i]] = np.where(estimate.checkable(i), estimate.estimates[i], np.nan)
        point.truth, point.magnitudes, point.truth_kind = truth, {}, "numeric"
        point.directional = {n: c for n, c in zip(names, checks, strict=True) if c is not None}
    return True


def _best_reading(
    subject: Subject,
    loss: Callable[[ParameterValues], float],
    point: PointResult,
    names: list[str],
    arrays: list[np.ndarray],
    claims: list[np.ndarray | None],
    seed: int,
) -> tuple[Evaluate, list[numeric.DirectionalCheck | None]] | None:
    """The loss read as a mean (times m: the summed loss) or as a sum, whichever more blocks
    agree with, when at least half of them do; None otherwise."""
    m = subject.X.shape[0]
    best: tuple[int, Evaluate, list[numeric.DirectionalCheck | None]] | None = None
    for scale in (float(m), 1.0):

        def evaluate(values: list[np.ndarray], scale: float = scale) -> tuple[float, None]:
            given = dict(point.values)
            given.update(zip(names, values, strict=True))
            return scale * float(loss(subject.cast_like_user(given))), None

        try:
            checks, _, _ = numeric.directional_checks(
                evaluate, arrays, claims, m=m, dtype=np.dtype(subject.user_dtype), seed=seed
            )
        except Exception:  # the user's loss raised at these values: no reading
            return None
        agreeing = sum(c is not None and c.factor is not None for c in checks)
        if best is None or agreeing > best[0]:
            best = (agreeing, evaluate, checks)
    if best is None or 2 * best[0] < len(names):
        return None
    return best[1], best[2]


def _own_loss(subject: Subject) -> Callable[[ParameterValues], float] | None:
    """The user's loss at given parameters: their loss function, else the first loss the
    training loop computes (`hist.append(loss_fn(p, y, pos_weight))`, read off one pass)."""
    if subject.loss is not None:
        return subject.loss
    loop_loss = subject.loop_loss
    if loop_loss is None:
        return None

    def first(values: ParameterValues) -> float:
        found = loop_loss(values)
        if not found:
            raise ValueError("the loop computed no loss")
        return found[0][2]

    return first
