"""The step a stale-weights bug took, read off the user's own gradient.

A hidden delta computed with the next layer's weights already stepped, `W2 - s * G2`,
gives the layer below a weight gradient `g(s) = g(0) + s * K` that is linear in the step
s (the forward pass, and so every slope, is untouched). The user's gradient is c * g(s)
for their reduction c (1, 1/m, momentum's 1 - beta), so one least-squares fit of their
claim on g(0) and K gives s = b / a without knowing the learning rate, the batch's size
or the optimizer's factors: the stale mutant is then built at that step. Pure math."""

from __future__ import annotations

import numpy as np

from netdoctor import reference
from netdoctor.mutants import MutantSpec, build, shared_forward

# the fit must explain the claim to rounding; anything looser is another bug
FIT_TOLERANCE = 1e-6


def fitted_stale_step(
    arch: reference.Architecture,
    params: reference.DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    claimed: np.ndarray,
) -> float | None:
    """The step s at which the stale-weights gradient, scaled, is `claimed` (the weight
    gradient of the layer below the output, in row layout), or None when none is."""
    layer = len(params.weights) - 2
    if layer < 0:
        return None
    wanted = np.asarray(claimed, dtype=np.float64).reshape(-1)
    passed = shared_forward(arch, params, X)  # one forward pass for both backward ones
    fresh = build(arch, params, X, Y, MutantSpec((), None), passed).weight_gradients[layer]
    fresh = fresh.reshape(-1)
    moved = build(arch, params, X, Y, MutantSpec((), None, 1.0), passed).weight_gradients[layer]
    slope = moved.reshape(-1) - fresh
    basis = np.stack([fresh, slope], axis=1)
    if wanted.size != fresh.size or not (
        np.all(np.isfinite(basis)) and np.all(np.isfinite(wanted))
    ):
        return None
    (scale, shifted), *_ = np.linalg.lstsq(basis, wanted, rcond=None)
    size = float(np.linalg.norm(wanted))
    if scale <= 0 or size == 0.0:
        return None
    if float(np.linalg.norm(basis @ np.array([scale, shifted]) - wanted)) > FIT_TOLERANCE * size:
        return None
    if float(np.linalg.norm(shifted * slope)) <= FIT_TOLERANCE * size:
        return None  # the claim is the truth's, scaled: no step to fit
    step = float(shifted / scale)
    return step if step > 0 else None
