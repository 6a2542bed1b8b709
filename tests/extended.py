"""An independent extended-precision backprop, to measure the reference's precision by.

Why a second implementation: the reference (`netdoctor.reference`) runs in float64 and
owes its precision at saturation to the way its formulas are arranged (exp(-|z|) only,
A - Y as -sigmoid(-z) for Y = 1, ...). Measuring it against itself would prove nothing.
This one computes the same mathematics in np.longdouble (80-bit extended on x86-64
Linux: 64-bit mantissa, exponent range to 1e+-4932), with the plain textbook formulas,
each written once as a single rational expression of exp(z) and never in a form that
cancels: in that exponent range exp(+-700) and its square are ordinary numbers, so
nothing has to be arranged by the sign of z. Its own rounding error is about 1e-18, a
million times below the 1e-12 the reference is held to.

It takes the same `Architecture` and `DenseParams` (parameters as float64, exactly as the
reference sees them) and answers in the parameters' own shapes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from netdoctor import reference
from netdoctor.activations import activate
from netdoctor.reference import Architecture, DenseParams

EXTENDED = np.longdouble
# Extended precision is what makes the comparison mean something; where long double is
# plain double (MSVC, Apple silicon), the precision tests skip instead of passing vacuously.
HAS_EXTENDED = float(np.finfo(EXTENDED).eps) < 1e-18
PRECISION = 1e-12  # issue 13, item 6: every entry within 1e-12 relative
# A dot product of n terms in float64 errs by at most about n u times the sum of its
# terms' magnitudes; the networks measured add at most 8 terms in any one sum.
ROUNDING_FACTOR = 8
MAX_LOGIT = 700.0  # exp(-700) = 1e-304: about the last logit whose slope float64 holds


@dataclass(frozen=True)
class ExtendedGradients:
    """The true gradients and loss, and for each the magnitude of what float64 adds up.

    `*_magnitudes` bound, in units of float64's unit roundoff, how far any float64
    evaluation of the same sums may stray (see `extended_backward`): an entry that is a sum of
    large terms of both signs cancelling to a small value cannot be held to relative
    precision by any float64 formula, and its magnitude says by how much.
    """

    weight_gradients: list[np.ndarray]
    bias_gradients: list[np.ndarray | None]
    loss: np.longdouble
    weight_magnitudes: list[np.ndarray]
    bias_magnitudes: list[np.ndarray | None]
    loss_magnitude: np.longdouble


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def sigmoid_slope(z: np.ndarray) -> np.ndarray:
    e = np.exp(-z)
    return e / (1 + e) ** 2


def _hidden(arch: Architecture, z: np.ndarray) -> np.ndarray:
    name = arch.hidden_activation
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0)
    if name == "leaky_relu":
        return np.where(z > 0, z, EXTENDED(arch.leaky_slope) * z)
    return z


def hidden_slope(arch: Architecture, z: np.ndarray) -> np.ndarray:
    name = arch.hidden_activation
    if name == "sigmoid":
        return sigmoid_slope(z)
    if name == "tanh":  # sech(z)^2
        return 4 / (np.exp(z) + np.exp(-z)) ** 2
    if name == "relu":
        return np.where(z > 0, 1, 0).astype(EXTENDED)
    if name == "leaky_relu":
        return np.where(z > 0, 1, EXTENDED(arch.leaky_slope)).astype(EXTENDED)
    return np.ones_like(z)


def sigmoid_minus(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """sigmoid(z) - y = (1 - y - y e) / (1 + e), e = exp(-z): for y = 1 this is
    -e / (1 + e) exactly, for y = 0 it is 1 / (1 + e): no difference of near-equal numbers."""
    e = np.exp(-z)
    return (1 - y - y * e) / (1 + e)


def _loss_terms(arch: Architecture, z: np.ndarray, y: np.ndarray) -> np.ndarray:
    if arch.loss == "bce":
        # -y log(A) - (1 - y) log(1 - A), with -log A = log(1 + e^-z), -log(1 - A) = log(1 + e^z)
        return y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z))
    squared = sigmoid_minus(z, y) ** 2
    return squared / 2 if arch.mse_half else squared


# How far the log of each slope moves per unit of z: |d log sigma'/dz| = |1 - 2 sigma| <= 1,
# |d log sech^2/dz| = 2 |tanh| <= 2; piecewise-linear slopes do not move.
_SLOPE_LOG_DERIVATIVE = {"sigmoid": 1, "tanh": 2}


def extended_backward(
    arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray
) -> ExtendedGradients:
    """Gradients and loss of `arch` at `params` on (X, Y), in extended precision.

    Alongside each value runs its magnitude E, a first-order bound (in units of float64's
    unit roundoff u, constant factors left out) on the error of *any* float64 evaluation:
    a sum contributes the sum of its terms' absolute values, an error in a pre-activation
    z moves a slope or an output delta by at most a fixed multiple of itself per unit of z
    (the log-derivatives above; 1 for sigmoid(z) - y with y in {0, 1}, 2 with squared
    error), and an activation moves by its slope times the error of its z. Labels are taken
    to be 0 or 1.
    """
    column = arch.layout == "column"
    x = np.asarray(X, dtype=EXTENDED)
    x = x.T if column else x
    if x.ndim == 1:
        x = x.reshape(1, -1)
    m = x.shape[0]
    y = np.asarray(Y, dtype=EXTENDED).reshape(m, 1)
    weights = []
    for w in params.weights:
        w = np.asarray(w, dtype=EXTENDED)
        weights.append(w.T if column else w)
    biases = [
        None if b is None else np.asarray(b, dtype=EXTENDED).reshape(-1) for b in params.biases
    ]

    inputs, pre = [x], []
    input_errors, pre_errors = [np.zeros_like(x)], []
    for layer, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = inputs[-1] @ w + (0 if b is None else b)
        bias_size = 0 if b is None else np.abs(b)
        pre_errors.append((np.abs(inputs[-1]) + input_errors[-1]) @ np.abs(w) + bias_size)
        pre.append(z)
        if layer < len(weights) - 1:
            a = _hidden(arch, z)
            inputs.append(a)
            input_errors.append(pre_errors[-1] * hidden_slope(arch, z) + np.abs(a))
    z_out = pre[-1]
    scale = EXTENDED(m) if arch.reduction == "mean" else EXTENDED(1)

    if arch.loss == "bce":
        delta = sigmoid_minus(z_out, y) / scale
        moves = 1
    else:
        factor = 1 if arch.mse_half else 2
        delta = factor * sigmoid_minus(z_out, y) * sigmoid_slope(z_out) / scale
        moves = 2
    deltas = [delta]
    delta_errors = [np.abs(delta) * (1 + moves * pre_errors[-1])]
    slope_moves = _SLOPE_LOG_DERIVATIVE.get(arch.hidden_activation, 0)
    for layer in range(len(weights) - 1, 0, -1):
        back = delta @ weights[layer].T
        back_error = (delta_errors[0] + np.abs(delta)) @ np.abs(weights[layer].T)
        slope = hidden_slope(arch, pre[layer - 1])
        delta = back * slope
        deltas.insert(0, delta)
        delta_errors.insert(
            0, back_error * slope + np.abs(delta) * (1 + slope_moves * pre_errors[layer - 1])
        )

    weight_gradients: list[np.ndarray] = []
    bias_gradients: list[np.ndarray | None] = []
    weight_magnitudes: list[np.ndarray] = []
    bias_magnitudes: list[np.ndarray | None] = []
    for layer, (w, b) in enumerate(zip(params.weights, params.biases, strict=True)):
        a, d = inputs[layer], deltas[layer]
        a_error, d_error = input_errors[layer], delta_errors[layer]
        grad = a.T @ d
        grad_error = a_error.T @ np.abs(d) + np.abs(a).T @ (d_error + np.abs(d))
        weight_gradients.append((grad.T if column else grad).reshape(np.shape(w)))
        weight_magnitudes.append((grad_error.T if column else grad_error).reshape(np.shape(w)))
        if b is None:
            bias_gradients.append(None)
            bias_magnitudes.append(None)
        else:
            bias_gradients.append(d.sum(axis=0).reshape(np.shape(b)))
            bias_magnitudes.append((d_error + np.abs(d)).sum(axis=0).reshape(np.shape(b)))
    terms = _loss_terms(arch, z_out, y)
    total = np.sum(terms) / scale
    total_error = np.sum(np.abs(terms) * (2 + moves * pre_errors[-1])) / scale
    return ExtendedGradients(
        weight_gradients,
        bias_gradients,
        EXTENDED(total),
        weight_magnitudes,
        bias_magnitudes,
        EXTENDED(total_error),
    )


UNIT_ROUNDOFF = EXTENDED(2.0**-53)
FLOAT64_TINY = EXTENDED(np.finfo(np.float64).tiny)


def relative_error(
    got: np.ndarray | float, want: np.ndarray | float, magnitude: np.ndarray | float = 0.0
) -> float:
    """The worst entry's |got - want| / max(|want|, K u magnitude, tiny).

    Relative error, except in two places where float64 has none to give, whatever the
    formula: where the true value is a sum that cancels (it is then measured against what
    float64 rounding of its terms costs, `ROUNDING_FACTOR` u times the magnitude), and where
    it lies below float64's normal range (2.2e-308: subnormals thin out, and below 5e-324
    there is only 0), where it is measured absolutely against that floor.
    """
    got_x = np.asarray(got, dtype=EXTENDED)
    want_x = np.asarray(want, dtype=EXTENDED)
    allowance = ROUNDING_FACTOR / PRECISION * UNIT_ROUNDOFF * np.asarray(magnitude, dtype=EXTENDED)
    scale = np.maximum(np.maximum(np.abs(want_x), allowance), FLOAT64_TINY)
    return float(np.max(np.abs(got_x - want_x) / scale, initial=0))


# ------------------------------------------------------------------ the networks measured


def _affine_span(u: np.ndarray, low: float, high: float) -> tuple[float, float]:
    """(alpha, beta) with alpha * u + beta spanning [low, high] over u's range."""
    alpha = (high - low) / (float(np.max(u)) - float(np.min(u)))
    return alpha, low - alpha * float(np.min(u))


def saturated_network(
    arch: Architecture,
    layer_sizes: list[int],
    spans: list[float | tuple[float, float]],
    m: int,
    labeling: str,
    seed: int,
    with_bias: bool = True,
) -> tuple[DenseParams, np.ndarray, np.ndarray]:
    """A network whose pre-activations in layer l span exactly [-spans[l], spans[l]]
    (or the range spans[l], a pair).

    Each layer's weights and bias are a random direction rescaled and shifted so that over
    the m samples its units reach the given span: the output logits run from -700 to 700,
    the hidden units from deep saturation on one side to the other. Labels make every
    sample confidently right (the deltas are 1e-300, the case A - 1 destroys), confidently
    wrong, or random. Returned in the arch's layout.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, layer_sizes[0]))
    current = X
    weights: list[np.ndarray] = []
    biases: list[np.ndarray | None] = []
    for index, (fan_in, fan_out) in enumerate(itertools.pairwise(layer_sizes)):
        w = rng.normal(size=(fan_in, fan_out))
        u = current @ w
        if with_bias:
            b = np.empty(fan_out)
            for unit in range(fan_out):
                span = spans[index]
                low, high = span if isinstance(span, tuple) else (-span, span)
                alpha, b[unit] = _affine_span(u[:, unit], low, high)
                w[:, unit] *= alpha
        else:
            span = spans[index]
            assert not isinstance(span, tuple), "a range needs a bias to shift to it"
            w *= span / max(float(np.max(np.abs(u))), 1e-300)
            b = None
        weights.append(w)
        biases.append(b)
        z = current @ w + (0.0 if b is None else b)
        last = index == len(layer_sizes) - 2
        if not last:
            current = activate(arch.hidden_activation, z)
    passed = reference.forward(
        Architecture(arch.hidden_activation), DenseParams(weights, biases), X
    )
    logits = passed.pre_activations[-1]
    if labeling == "right":
        Y = (logits > 0).astype(float)
    elif labeling == "wrong":
        Y = (logits <= 0).astype(float)
    else:
        Y = rng.integers(0, 2, size=(m, 1)).astype(float)
    params = DenseParams(weights, biases)
    if arch.layout == "column":
        params = DenseParams(
            [w.T for w in weights], [None if b is None else b.reshape(-1, 1) for b in biases]
        )
        X, Y = X.T, Y.T
    return params, X, Y
