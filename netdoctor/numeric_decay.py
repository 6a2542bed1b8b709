"""An L2 penalty in the weight gradients of a network checked by finite differences.

The reference truth learns a penalty by fitting `claimed = c * (truth + k * W)`
(`penalty.py`). A network no reference reproduces (ReLU then tanh layers) is checked
against finite differences of its forward pass's loss, which knows nothing of the
`+ wd * W` a step adds to each weight's gradient: every weight read as wrong, every bias
right. Here k is fitted on the entries the finite differences estimated, and the weights
are checked again against the loss plus k / 2 * sum(W ** 2): a penalty the gradients
carry at every direction is a convention, as it is for the reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from netdoctor import numeric

FIT = 1e-2  # the fit proposes k (the estimates are rough); the directions, checked again, decide


def describe(k: float, c: float) -> str:
    """The penalty in the user's terms: lambda, and what each gradient gets added."""
    if c == 1.0:
        return f"{k:.4g} x W added to each weight's summed gradient"
    return f"lambda = {k:.4g}: lambda / m x W added to each weight's averaged gradient"


@dataclass(frozen=True)
class NumericDecay:
    k: float  # added to each weight's summed gradient: k * W
    c: float  # the claims' reduction: 1 (sum) or 1/m (mean)
    checks: list[numeric.DirectionalCheck | None]  # the directional checks, penalised


def fitted_decay(
    evaluate: numeric.Evaluate,
    arrays: Sequence[np.ndarray],
    claims: Sequence[np.ndarray | None],
    checks: Sequence[numeric.DirectionalCheck | None],
    truth: Sequence[np.ndarray],
    weights: Sequence[int],
    *,
    m: int,
    dtype: np.dtype,
    seed: int,
) -> NumericDecay | None:
    """The penalty the weights' claims carry, when a bias block agrees (its factor is the
    reduction), a weight block that disagrees fits a k > 0 on its estimated entries
    (`truth`, NaN elsewhere), and with that k in the loss it agrees along the directions
    (and so does every weight that agreed without it). A weight a bug makes wrong stays
    wrong against the penalised truth."""
    # the biases that agree tell the reduction (one may sit on a ReLU kink at a point)
    factors = {
        check.factor
        for i in range(len(arrays))
        if i not in weights and (check := checks[i]) is not None and check.factor is not None
    }
    if len(weights) == len(arrays):
        factors = {1.0, 1.0 / m}
    wrong = [i for i in weights if checks[i] is None or checks[i].factor is None]
    if not factors or not wrong or any(claims[i] is None for i in wrong):
        return None
    for c in sorted(factors, reverse=True):
        # each wrong block's own k: a bug in one layer leaves the others' penalty telling
        for k in _candidates([_fit(arrays, claims, truth, [i], c) for i in wrong]):

            def penalised(params: list[np.ndarray], k: float = k) -> tuple[float, None]:
                value, _ = evaluate(params)
                return value + 0.5 * k * sum(float(np.sum(params[i] ** 2)) for i in weights), None

            again, _, _ = numeric.directional_checks(
                penalised, arrays, claims, m=m, dtype=dtype, seed=seed
            )
            cleared = [i for i in wrong if again[i] is not None and again[i].factor is not None]
            still = [i for i in weights if i not in wrong]
            if cleared and all(again[i] is not None and again[i].factor is not None for i in still):
                return NumericDecay(k, c, again)
    return None


def _candidates(fits: list[float | None]) -> list[float]:
    """The k the most blocks fit (to 1 %) first, then the others."""
    found = [k for k in fits if k is not None]
    return sorted(
        dict.fromkeys(found),
        key=lambda k: -sum(abs(other - k) <= 1e-2 * k for other in found),
    )


def _fit(
    arrays: Sequence[np.ndarray],
    claims: Sequence[np.ndarray | None],
    truth: Sequence[np.ndarray],
    wrong: Sequence[int],
    c: float,
) -> float | None:
    """k > 0 with claim / c - truth = k * W on every estimated entry, to FIT."""
    residuals, values = [], []
    for i in wrong:
        known = np.isfinite(truth[i])
        claim = np.asarray(claims[i], dtype=np.float64)
        residuals.append((claim / c - truth[i])[known])
        values.append(np.asarray(arrays[i], dtype=np.float64)[known])
    residual, value = np.concatenate(residuals), np.concatenate(values)
    norm = float(np.dot(value, value))
    if residual.size == 0 or norm <= 0.0:
        return None
    k = float(np.dot(residual, value)) / norm
    scale = max(float(np.linalg.norm(residual)), 1e-300)
    if not (np.isfinite(k) and k > 0) or np.linalg.norm(residual - k * value) > FIT * scale:
        return None
    return k
