"""What the step applied against what the gradient function returned.

A followed loop that calls a gradient function (`grads = backprop(...)`, then
`params = update_parameters(params, grads, lr)`) is checked on the gradients the function
returns. A bug in the update itself, a bias the update forgets or a `+` where `-` belongs,
would pass unseen: the returned gradients are right, the training is not. So each pass
also reads what the update did to every parameter, (before - after) / rate, and where it
is not the returned gradient in a way no optimizer explains, the applied step is the
claim. Pure math on arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor.compare import TINY

# a step read back as (before - after) / rate is exact to a few rounding errors of the
# parameter; a sign slip gives -1 times the returned gradient to that precision
SAME_UP_TO_ROUNDING = 1e-6


def relations(
    returned: dict[str, Any], applied: dict[str, Any], rounding: dict[str, float] | None = None
) -> dict[str, str | None]:
    """Parameter -> how its applied step relates to its gradient (`_relation`), computed
    once per pass for both questions below. `rounding`: how far each step read back from
    the parameter may be off by the parameter's own rounding (`step_rounding`)."""
    rounding = rounding or {}
    return {
        name: _relation(gradient, applied.get(name), rounding.get(name, 0.0))
        for name, gradient in returned.items()
    }


def update_slips(
    returned: dict[str, Any], applied: dict[str, Any], rounding: dict[str, float] | None = None
) -> dict[str, str]:
    """Parameter -> "unchanged" (the update left it as it was though its gradient is not
    zero) or "flipped" (the update moved it up its gradient: a negative multiple of it).

    A positive multiple is a rate, momentum from a zero velocity or a convention; Adam's
    and RMSprop's steps are no multiple at all: neither is a slip."""
    return slips_among(relations(returned, applied, rounding))


def step_rounding(before: np.ndarray, after: Any, rate: float) -> float:
    """How far `(before - after) / rate` may be from the step the code meant: `after` was
    rounded to its own precision, at the size of the parameter, not of the step. In
    float32 a weight of 1 moved by 0.02 keeps the step to 3e-6 of itself, not 1e-6: the
    update `W1 += lr * dW1` was taken for an optimizer's step and its slip went unseen."""
    after = np.asarray(after)  # an np.matrix too (its max() takes no `initial`)
    if after.dtype.kind != "f" or after.dtype.itemsize >= 8:
        return 0.0  # float64 rounds at 1e-16 of the weight: far inside SAME_UP_TO_ROUNDING
    eps = float(np.finfo(after.dtype).eps)
    size = max(
        np.max(np.abs(np.asarray(before, dtype=np.float64)), initial=0.0),
        np.max(np.abs(after.astype(np.float64)), initial=0.0),
    )
    return 2.0 * eps * float(size) / abs(rate) if rate else 0.0


def slips_among(related: dict[str, str | None]) -> dict[str, str]:
    """The slips (`update_slips`) among relations already computed."""
    return {name: r for name, r in related.items() if r in ("unchanged", "flipped")}


def moved_by_an_optimizer(related: dict[str, str | None]) -> bool:
    """Whether some parameter's step is no multiple of the gradient the step kept (Adam,
    RMSprop, Nesterov's look-ahead): then the kept gradients, not the step, are the claim."""
    return "other" in related.values()


def _relation(gradient: Any, step: Any, rounding: float = 0.0) -> str | None:
    """How a step relates to a gradient: "unchanged" (no step), "flipped" (a negative
    multiple), "multiple" (a positive one), "other"; None when they cannot be compared
    (no step, other sizes, inf or NaN, a zero gradient).

    Called for every parameter on every recorded training step: array methods and two dot
    products, not `compare`'s worst-entry search (a small network's arrays are so small
    that numpy's per-call overhead is the whole cost)."""
    if step is None:
        return None
    gradient = np.asarray(gradient, dtype=np.float64).ravel()
    step = np.asarray(step, dtype=np.float64).ravel()
    if step.size != gradient.size:
        return None
    if not (np.isfinite(step).all() and np.isfinite(gradient).all()):
        return None
    if not gradient.any():
        return None
    if not step.any():
        return "unchanged"
    squared = float(gradient @ gradient)
    if squared < TINY:
        return None
    scale = float(step @ gradient) / squared
    fitted = scale * gradient
    denominator = max(float(np.abs(step).max()), float(np.abs(fitted).max()))
    if (
        denominator >= TINY
        and float(np.abs(step - fitted).max()) > SAME_UP_TO_ROUNDING * denominator + rounding
    ):
        return "other"
    return "flipped" if scale < 0 else "multiple"


def scaled_alike(
    kept: dict[str, Any], applied: dict[str, Any], related: dict[str, str | None]
) -> bool:
    """Whether every step is one and the same positive multiple of its kept gradient, other
    than 1: a step that rescales them all (clipping by the global norm, `G = [g / norm ...]`
    once the norm passes its cap). The kept gradients are the claim then, as the multiple
    changes from step to step; one parameter scaled apart is a slip the step shows.
    `related`: `relations` of the two (a positive multiple up to the step's rounding)."""
    if len(kept) < 2 or any(related.get(name) != "multiple" for name in kept):
        return False
    scales = []
    for name, gradient in kept.items():
        g = np.asarray(gradient, dtype=np.float64).ravel()
        s = np.asarray(applied[name], dtype=np.float64).ravel()
        scales.append(float(s @ g) / float(g @ g))
    first = scales[0]  # alike to 1e-3: a step read back from float32 weights is rounded
    alike = all(abs(c - first) <= 1e-3 * first for c in scales)
    return alike and abs(first - 1.0) > 1e-3
