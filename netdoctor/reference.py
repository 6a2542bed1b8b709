"""The truth: exact, numerically stable backprop for dense networks with a sigmoid output.

Two entry points. `backprop` is the classic exercise exactly (2 layers, sigmoid hidden and
output, binary cross-entropy, gradients summed over samples). `forward` / `backward` are
the general network the rest of netdoctor uses: any depth, any hidden activation of
`netdoctor.activations`, BCE or squared error, sum or mean, with or without biases, row
layout (X (m, d) @ W (d, h)) or column layout (W (h, d) @ X (d, m)).

Stability comes from never forming what overflows: the sigmoid takes exp(-|z|) only, BCE
is computed from the logits (softplus(z) - y z), and the output delta of sigmoid + BCE is
the simplified A - Y rather than dL/dA * sigma'(Z), which divides 0 by 0 at saturation.

Precision comes from never subtracting what cancels: A - Y is formed from the logit
(-sigmoid(-z) for Y = 1, `activations.sigmoid_error`), never from an A already rounded to
1; sigma' and tanh' are e / (1 + e)^2 forms of exp(-|z|), not s (1 - s) or 1 - t^2; the
BCE loss of a confident right answer is log1p(exp(-|z|)), not z - z. Every gradient entry
keeps full relative precision at any logit (tests/test_reference_precision.py measures it
against an extended-precision backprop).

Internally everything runs in row layout; column-layout inputs are transposed in and the
gradients transposed back, so each gradient comes back in its parameter's own shape.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from netdoctor.bugs import Mutation

from netdoctor.activations import (
    ACTIVATIONS,
    LEAKY_SLOPE,
    PIECEWISE_LINEAR,
    activate,
    derivative,
    sigmoid_error,
    stable_sigmoid,
)

LOSSES = ("bce", "mse")
OUTPUTS = ("sigmoid", "linear")  # the output unit: a classifier's, or a regression's
REDUCTIONS = ("sum", "mean")
LAYOUTS = ("row", "column")


class ShapeError(ValueError):
    """Arrays whose shapes cannot form the network; the message names got and expected."""


@dataclass(frozen=True)
class Architecture:
    """Everything about a dense network except its parameter values."""

    hidden_activation: str = "sigmoid"
    loss: str = "bce"
    reduction: str = "sum"
    layout: str = "row"
    mse_half: bool = False  # squared error with the factor 1/2
    leaky_slope: float = LEAKY_SLOPE
    # The subgradient a ReLU gets at exactly z = 0: None is the usual `z > 0` (slope below).
    # Checks at exact kinks compute both conventions and skip the entries they disagree on.
    kink_derivative: float | None = None
    output: str = "sigmoid"  # "linear": a regression's output unit, with squared error

    def __post_init__(self) -> None:
        for value, allowed, what in (
            (self.hidden_activation, ACTIVATIONS, "hidden_activation"),
            (self.loss, LOSSES, "loss"),
            (self.output, OUTPUTS, "output"),
            (self.reduction, REDUCTIONS, "reduction"),
            (self.layout, LAYOUTS, "layout"),
        ):
            if value not in allowed:
                raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


@dataclass
class DenseParams:
    """Per-layer weights and biases (None for a layer without bias), in the arch's layout."""

    weights: list[np.ndarray]
    biases: list[np.ndarray | None]

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.biases):
            raise ShapeError(
                f"{len(self.weights)} weight arrays but {len(self.biases)} biases; give one "
                "bias per layer (None for a layer without bias)"
            )


@dataclass
class ForwardPass:
    """Every intermediate of a forward pass, in row layout (samples along axis 0)."""

    inputs: np.ndarray  # (m, d)
    pre_activations: list[np.ndarray]  # Z1 ... ZL, each (m, n_l)
    activations: list[np.ndarray]  # A1 ... AL, each (m, n_l); AL is the output
    layout: str = "row"

    @property
    def logits(self) -> np.ndarray:
        return self._in_layout(self.pre_activations[-1])

    @property
    def output(self) -> np.ndarray:
        return self._in_layout(self.activations[-1])

    def _in_layout(self, array: np.ndarray) -> np.ndarray:
        return array.T if self.layout == "column" else array


@dataclass
class Gradients:
    """Gradients in the parameters' own shapes, plus every layer's delta dL/dZ (row layout)."""

    weight_gradients: list[np.ndarray]
    bias_gradients: list[np.ndarray | None]
    deltas: list[np.ndarray] = field(default_factory=list)  # dZ1 ... dZL
    loss: float = float("nan")


# ---------------------------------------------------------------------------- layout


def _row_inputs(arch: Architecture, X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        X = X.reshape(-1, 1) if arch.layout == "column" else X.reshape(1, -1)
    return X.T if arch.layout == "column" else X


def _row_targets(arch: Architecture, Y: np.ndarray, m: int) -> np.ndarray:
    Y = np.asarray(Y, dtype=np.float64)
    if Y.size != m:
        raise ShapeError(f"Y has {Y.size} entries for {m} samples; expected one target per sample")
    if Y.ndim == 1 and m > 1:
        raise ShapeError(_broadcast_message(Y.shape, m))
    return Y.reshape(m, 1)


def _row_weights(arch: Architecture, params: DenseParams) -> list[np.ndarray]:
    weights = [np.asarray(w, dtype=np.float64) for w in params.weights]
    weights = [w.reshape(-1, 1) if w.ndim == 1 else w for w in weights]
    if arch.layout == "column":
        weights = [w.T for w in weights]
    return weights


def _row_biases(params: DenseParams) -> list[np.ndarray | None]:
    return [
        None if b is None else np.asarray(b, dtype=np.float64).reshape(-1) for b in params.biases
    ]


def _check_chain(inputs: np.ndarray, weights: list[np.ndarray], biases: list) -> None:
    fan_in = inputs.shape[1]
    for layer, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
        if w.shape[0] != fan_in:
            raise ShapeError(
                f"layer {layer}: weights of shape {w.shape} cannot take {fan_in} inputs "
                f"(expected ({fan_in}, n) in row layout)"
            )
        if b is not None and b.size not in (1, w.shape[1]):
            raise ShapeError(
                f"layer {layer}: bias with {b.size} entries for {w.shape[1]} units "
                f"(expected shape (1, {w.shape[1]}) or ({w.shape[1]},))"
            )
        fan_in = w.shape[1]
    if fan_in != 1:
        raise ShapeError(f"the last layer has {fan_in} units; netdoctor checks one sigmoid output")


# ---------------------------------------------------------------------------- forward


def _hidden(arch: Architecture, z: np.ndarray) -> np.ndarray:
    if arch.hidden_activation == "leaky_relu":
        return np.where(z > 0, z, arch.leaky_slope * z)
    return activate(arch.hidden_activation, z)


def _hidden_derivative(arch: Architecture, z: np.ndarray) -> np.ndarray:
    if arch.hidden_activation == "leaky_relu":
        slope = np.where(z > 0, 1.0, arch.leaky_slope)
    else:
        slope = derivative(arch.hidden_activation, z)
    if arch.kink_derivative is not None and arch.hidden_activation in PIECEWISE_LINEAR:
        slope = np.where(z == 0, arch.kink_derivative, slope)
    return slope


def forward(arch: Architecture, params: DenseParams, X: np.ndarray) -> ForwardPass:
    """Forward pass with every pre-activation and activation kept."""
    inputs = _row_inputs(arch, X)
    weights, biases = _row_weights(arch, params), _row_biases(params)
    _check_chain(inputs, weights, biases)
    pre_activations: list[np.ndarray] = []
    activations: list[np.ndarray] = []
    current = inputs
    with np.errstate(under="ignore"):
        for layer, (w, b) in enumerate(zip(weights, biases, strict=True)):
            z = current @ w
            if b is not None:
                z = z + b
            last = layer == len(weights) - 1
            if last:
                current = stable_sigmoid(z) if arch.output == "sigmoid" else z
            else:
                current = _hidden(arch, z)
            pre_activations.append(z)
            activations.append(current)
    return ForwardPass(inputs, pre_activations, activations, arch.layout)


# ---------------------------------------------------------------------------- loss


def _reduce(arch: Architecture, total: float, m: int) -> float:
    return total / m if arch.reduction == "mean" else total


def loss(arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray) -> float:
    """The loss, computed from the logits so it stays finite at any saturation."""
    passed = forward(arch, params, X)
    m = passed.inputs.shape[0]
    return loss_from_logits(arch, passed.pre_activations[-1], _row_targets(arch, Y, m))


def loss_from_logits(arch: Architecture, logits: np.ndarray, Y: np.ndarray) -> float:
    z = np.asarray(logits, dtype=np.float64).reshape(-1)
    y = np.asarray(Y, dtype=np.float64).reshape(-1)
    with np.errstate(under="ignore"):
        if arch.loss == "bce":
            # softplus(z) - y z as max(z, 0) - y z + log1p(exp(-|z|)): for y in {0, 1} the
            # first two terms are exact (0 or |z|), so a confident right answer keeps its
            # loss of 1e-300 instead of z - z = 0.
            total = float(np.sum(np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z)))))
        elif arch.output == "linear":
            total = _squared(arch, z - y)
        else:
            total = _squared(arch, sigmoid_error(z, y))
    return _reduce(arch, total, y.size)


def loss_from_output(arch: Architecture, output: np.ndarray, Y: np.ndarray) -> float:
    """The loss of outputs already squashed to (0, 1), as a user's forward returns them.

    An output of exactly 0 or 1 has an infinite BCE; it is clipped to the nearest float
    inside (0, 1), which keeps finite differences of saturated user forwards usable.
    """
    a = np.asarray(output, dtype=np.float64).reshape(-1)
    y = np.asarray(Y, dtype=np.float64).reshape(-1)
    if a.size != y.size:
        raise ShapeError(f"{a.size} outputs for {y.size} targets")
    if arch.loss == "bce":
        tiny = np.finfo(np.float64).tiny
        a = np.clip(a, tiny, 1.0 - np.finfo(np.float64).epsneg)
        total = float(-np.sum(y * np.log(a) + (1.0 - y) * np.log1p(-a)))
    else:
        total = _squared(arch, a - y)
    return _reduce(arch, total, y.size)


def _squared(arch: Architecture, error: np.ndarray) -> float:
    total = float(np.sum(error**2))
    return 0.5 * total if arch.mse_half else total


# ---------------------------------------------------------------------------- backward


def output_delta(
    arch: Architecture, logits: np.ndarray, output: np.ndarray, Y: np.ndarray
) -> np.ndarray:
    """dL/dZ at the output layer, per sample, for the *summed* loss.

    BCE with a sigmoid simplifies to A - Y (never form dL/dA: it is 0/0 at saturation).
    Squared error is (A - Y) * sigma'(Z), times 2 unless the loss carries the factor 1/2.
    A - Y is formed from the logits, not from `output`: once A rounds to 1, `output - 1`
    has lost every digit of the true -sigmoid(-z). `output` stays in the signature for
    the callers (and bug mutations) that hold it.
    """
    factor = 1.0 if arch.mse_half else 2.0
    if arch.output == "linear":  # squared error of the output itself: no slope
        return factor * (np.asarray(logits, dtype=np.float64) - Y)
    error = sigmoid_error(logits, Y)
    if arch.loss == "bce":
        return error
    return factor * error * derivative("sigmoid", logits)


def backward(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    mutation: Mutation | None = None,
    stale_rate: float | None = None,
    passed: ForwardPass | None = None,
    stale_decay: float = 0.0,
) -> Gradients:
    """Exact gradients of the loss, each in its parameter's own shape.

    With a `mutation`, the same pass with one known bug put in (`bugs.py`): its output
    delta, its hidden derivative, or (with `stale_rate`) each hidden delta computed with
    the next layer's weights already updated by `stale_rate` times their gradient (with
    `stale_decay` times the weights added, the L2 penalty the user's gradient carries).
    `passed`: this forward pass, already computed (the mutants share one; never mutated).
    """
    passed = forward(arch, params, X) if passed is None else passed
    m = passed.inputs.shape[0]
    targets = _row_targets(arch, Y, m)
    weights = _row_weights(arch, params)
    n_layers = len(weights)
    scale = 1.0 / m if arch.reduction == "mean" else 1.0
    z_out, a_out = passed.pre_activations[-1], passed.activations[-1]
    layer_inputs = [passed.inputs, *passed.activations[:-1]]
    with np.errstate(under="ignore"):
        if mutation is not None and mutation.output is not None:
            delta = scale * mutation.output(arch, z_out, a_out, targets)
        else:
            delta = scale * output_delta(arch, z_out, a_out, targets)
        deltas: list[np.ndarray] = [delta]
        for layer in range(n_layers - 1, 0, -1):
            w = weights[layer]
            if stale_rate is not None:
                w = w - stale_rate * (layer_inputs[layer].T @ delta + stale_decay * w)
            z = passed.pre_activations[layer - 1]
            here = mutation is not None and mutation.hidden_layer in (None, layer - 1)
            if here and mutation.hidden is not None:  # type: ignore[union-attr]
                slope = mutation.hidden(z, passed.activations[layer - 1])  # type: ignore[union-attr]
            else:
                slope = _hidden_derivative(arch, z)
            untransposed = here and mutation.untransposed  # type: ignore[union-attr]
            delta = (delta @ (w if untransposed else w.T)) * slope
            deltas.insert(0, delta)
        weight_gradients = []
        bias_gradients: list[np.ndarray | None] = []
        for layer in range(n_layers):
            if layer == 0 and mutation is not None and mutation.first_weight is not None:
                grad_w = mutation.first_weight(layer_inputs[0], deltas[0])
            else:
                grad_w = layer_inputs[layer].T @ deltas[layer]
            grad_b = deltas[layer].sum(axis=0)
            weight_gradients.append(_weight_like(arch, grad_w, params.weights[layer]))
            bias = params.biases[layer]
            if bias is None:
                bias_gradients.append(None)
            elif np.size(bias) == 1 and grad_b.size > 1:
                bias_gradients.append(np.full(np.shape(bias), grad_b.sum()))
            else:
                bias_gradients.append(grad_b.reshape(np.shape(bias)))
        total = loss_from_logits(arch, z_out, targets)
    return Gradients(weight_gradients, bias_gradients, deltas, total)


def _weight_like(arch: Architecture, row_gradient: np.ndarray, weight: np.ndarray) -> np.ndarray:
    gradient = row_gradient.T if arch.layout == "column" else row_gradient
    return gradient.reshape(np.shape(weight))


# ---------------------------------------------------------------------------- parameters


def random_params(
    layer_sizes: list[int],
    layout: str = "row",
    with_bias: bool = True,
    rng: np.random.Generator | None = None,
    scale: float | None = None,
) -> DenseParams:
    """A non-degenerate point: distinct units, moderate outputs, biases away from zero.

    Weights are N(0, 1/fan_in) (or N(0, scale^2)); biases N(0, 0.25). Zero or symmetric
    points hide hidden-layer bugs from every checker, so checks use points like these.
    """
    rng = rng if rng is not None else np.random.default_rng(0)
    weights: list[np.ndarray] = []
    biases: list[np.ndarray | None] = []
    for fan_in, fan_out in itertools.pairwise(layer_sizes):
        std = scale if scale is not None else 1.0 / np.sqrt(fan_in)
        w = rng.normal(0.0, std, size=(fan_in, fan_out))
        b = rng.normal(0.0, 0.5, size=fan_out) if with_bias else None
        if layout == "column":
            w = w.T
            b = None if b is None else b.reshape(-1, 1)
        weights.append(w)
        biases.append(b)
    return DenseParams(weights, biases)


# ---------------------------------------------------------------------------- the exercise


def _broadcast_message(shape: tuple[int, ...], m: int) -> str:
    return (
        f"Y has shape {shape}, expected ({m}, 1). With outputs of shape ({m}, 1), "
        f"A2 - Y would broadcast to ({m}, {m}): every output minus every label, and the "
        "gradients silently sum the wrong thing. Reshape the labels: Y = Y.reshape(-1, 1)."
    )


def _expect(name: str, array: np.ndarray, shapes: list[tuple[int, ...]]) -> None:
    if array.shape not in shapes:
        wanted = " or ".join(str(s) for s in shapes)
        raise ShapeError(f"{name} has shape {array.shape}, expected {wanted}")


def backprop(
    X: np.ndarray,
    Y: np.ndarray,
    input_size: int,
    hidden_size: int,
    W1: np.ndarray,
    b1: np.ndarray,
    W2: np.ndarray,
    b2: np.ndarray,
) -> dict[str, np.ndarray]:
    """The classic exercise: sigmoid hidden and output, BCE, gradients summed over samples.

    X (m, input_size), Y (m, 1), W1 (input_size, hidden_size), b1 (1, hidden_size),
    W2 (hidden_size, 1), b2 (1, 1). Returns {'dW1', 'db1', 'dW2', 'db2'}, each shaped like
    its parameter. Biases given as 1-D vectors are accepted and answered in kind.
    """
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    W1, b1 = np.asarray(W1, dtype=np.float64), np.asarray(b1, dtype=np.float64)
    W2, b2 = np.asarray(W2, dtype=np.float64), np.asarray(b2, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != input_size:
        raise ShapeError(f"X has shape {X.shape}, expected (m, {input_size}): one row per sample")
    m = X.shape[0]
    if Y.shape != (m, 1):
        if Y.shape == (m,) and m > 1:
            raise ShapeError(_broadcast_message(Y.shape, m))
        raise ShapeError(f"Y has shape {Y.shape}, expected ({m}, 1): one label per row of X")
    _expect("W1", W1, [(input_size, hidden_size)])
    _expect("b1", b1, [(1, hidden_size), (hidden_size,)])
    _expect("W2", W2, [(hidden_size, 1)])
    _expect("b2", b2, [(1, 1), (1,), ()])
    arch = Architecture(hidden_activation="sigmoid", loss="bce", reduction="sum")
    gradients = backward(arch, DenseParams([W1, W2], [b1, b2]), X, Y)
    dW1, dW2 = gradients.weight_gradients
    db1, db2 = gradients.bias_gradients
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}  # type: ignore[dict-item]


def hidden_slope(arch: Architecture, z: np.ndarray) -> np.ndarray:
    """The hidden activation's derivative at the pre-activation z, as the backward uses it
    (for the bug mutations that change it, `bugs.py`)."""
    return _hidden_derivative(arch, z)
