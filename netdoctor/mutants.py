"""Known backprop bugs injected into the reference, so a diagnosis can be proved.

Each mutant is the reference backward pass with one known mistake (or two) put in: the
output delta or the hidden layers' derivative replaced by what people write by mistake.
If a user's gradient equals a mutant's to rounding while it differs from the truth, the
mutant names the bug. Pure math on canonical row-layout arrays; no user code here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from netdoctor import reference
from netdoctor.activations import ACTIVATIONS, derivative, stable_sigmoid
from netdoctor.reference import Architecture, DenseParams


@dataclass(frozen=True)
class Bug:
    """One injected mistake: the rule it proves, and where it sits."""

    code: str
    place: str  # "output" or "hidden"
    key: str  # stable identifier, e.g. "sigmoid-of-activation"
    description: str  # what the code computes, in the user's words
    severity: str = "error"
    also: tuple[Bug, ...] = ()  # bugs that come with this one in the same expression


@dataclass(frozen=True)
class Mutant:
    bugs: tuple[Bug, ...]
    weight_gradients: list[np.ndarray]
    bias_gradients: list[np.ndarray | None]
    output_delta: np.ndarray  # (m, 1), summed convention
    hidden_deltas: list[np.ndarray]  # (m, n_l) per hidden layer

    @property
    def codes(self) -> list[str]:
        return [bug.code for bug in self.bugs]


OutputDelta = Callable[[Architecture, np.ndarray, np.ndarray, np.ndarray], np.ndarray]
HiddenDerivative = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _loss_factor(arch: Architecture) -> float:
    return 1.0 if arch.loss == "bce" or arch.mse_half else 2.0


def _sigmoid_prime_of_activation(
    arch: Architecture, z: np.ndarray, a: np.ndarray, y: np.ndarray
) -> np.ndarray:
    # sigma'(A) = sigma(A) (1 - sigma(A)): the derivative helper handed the output.
    return _loss_factor(arch) * (a - y) * derivative("sigmoid", a)


def _activation_form_of_preactivation(
    arch: Architecture, z: np.ndarray, a: np.ndarray, y: np.ndarray
) -> np.ndarray:
    # `a * (1 - a)` written for the activation, handed z.
    return _loss_factor(arch) * (a - y) * z * (1.0 - z)


def _mse_delta(arch: Architecture, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (a - y) * a * (1.0 - a)


def _unsimplified_sigmoid_prime_of_activation(
    arch: Architecture, z: np.ndarray, a: np.ndarray, y: np.ndarray
) -> np.ndarray:
    # dL/dA = -(y/a) + (1-y)/(1-a), then times sigma'(A): both classic mistakes in one line.
    return (-(y / a) + (1.0 - y) / (1.0 - a)) * derivative("sigmoid", a)


UNSIMPLIFIED = Bug(
    "ND103",
    "output",
    "unsimplified-bce",
    "the BCE derivative dL/dA = -(Y/A) + (1-Y)/(1-A) is formed on its own: it divides by "
    "zero once an output saturates",
    severity="warning",
)


def output_bugs(arch: Architecture) -> list[tuple[Bug, OutputDelta]]:
    bugs: list[tuple[Bug, OutputDelta]] = [
        (
            Bug(
                "ND101",
                "output",
                "sigmoid-of-activation",
                "the output delta multiplies by sigmoid'(output): sigmoid applied to the "
                "already-activated output",
            ),
            _sigmoid_prime_of_activation,
        ),
        (
            Bug(
                "ND102",
                "output",
                "activation-form-of-preactivation",
                "the output delta multiplies by z * (1 - z): a derivative written for the "
                "activation, fed the pre-activation",
            ),
            _activation_form_of_preactivation,
        ),
    ]
    if arch.loss == "bce":
        bugs.append(
            (
                Bug(
                    "ND101",
                    "output",
                    "sigmoid-of-activation",
                    "the output delta multiplies dL/dA by sigmoid'(output): sigmoid applied to "
                    "the already-activated output",
                    also=(UNSIMPLIFIED,),
                ),
                _unsimplified_sigmoid_prime_of_activation,
            )
        )
        bugs.append(
            (
                Bug(
                    "ND104",
                    "output",
                    "mse-delta",
                    "the output delta is (A - Y) * A * (1 - A), the squared-error delta, while "
                    "the loss is binary cross-entropy",
                ),
                _mse_delta,
            )
        )
    return bugs


def _forms_of_activation() -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """Derivatives as people write them in terms of the activation a."""
    return {
        "sigmoid": lambda a: a * (1.0 - a),
        "tanh": lambda a: 1.0 - a * a,
        "relu": lambda a: (a > 0).astype(np.float64),
    }


def hidden_bugs(hidden: str) -> list[tuple[Bug, HiddenDerivative]]:
    bugs: list[tuple[Bug, HiddenDerivative]] = [
        (
            Bug(
                "ND110",
                "hidden",
                "missing-derivative",
                f"the hidden delta lacks the {hidden} derivative",
            ),
            lambda z, a: np.ones_like(z),
        )
    ]
    if hidden == "sigmoid":
        bugs.append(
            (
                Bug(
                    "ND101",
                    "hidden",
                    "sigmoid-of-activation",
                    "the hidden delta multiplies by sigmoid'(A1): sigmoid applied to the "
                    "already-activated hidden layer",
                ),
                lambda z, a: derivative("sigmoid", a),
            )
        )
        bugs.append(
            (
                Bug(
                    "ND102",
                    "hidden",
                    "activation-form-of-preactivation",
                    "the hidden delta multiplies by Z1 * (1 - Z1): the activation-form "
                    "derivative fed the pre-activation",
                ),
                lambda z, a: z * (1.0 - z),
            )
        )
    for other in ACTIVATIONS:
        if other in (hidden, "identity"):
            continue
        bugs.append(
            (
                Bug(
                    "ND109",
                    "hidden",
                    f"derivative-of-{other}",
                    f"the hidden delta uses the derivative of {other} while the layer is {hidden}",
                ),
                (lambda name: lambda z, a: derivative(name, z))(other),
            )
        )
    for other, form in _forms_of_activation().items():
        if other == hidden:
            continue
        bugs.append(
            (
                Bug(
                    "ND109",
                    "hidden",
                    f"{other}-form-on-activation",
                    f"the hidden delta uses the {other} derivative written in terms of the "
                    f"activation while the layer is {hidden}",
                ),
                (lambda f: lambda z, a: f(a))(form),
            )
        )
    return bugs


STALE = Bug(
    "ND111",
    "hidden",
    "stale-weights",
    "the hidden delta is computed with output weights already updated in this step",
)


def _backward(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    output_delta: OutputDelta | None,
    hidden_derivative: HiddenDerivative | None,
    stale_learning_rate: float | None,
) -> tuple[list[np.ndarray], list[np.ndarray | None], np.ndarray, list[np.ndarray]]:
    passed = reference.forward(arch, params, X)
    weights = [np.asarray(w, dtype=np.float64) for w in params.weights]
    targets = np.asarray(Y, dtype=np.float64).reshape(-1, 1)
    z_out, a_out = passed.pre_activations[-1], passed.activations[-1]
    if output_delta is None:
        delta = reference.output_delta(arch, z_out, a_out, targets)
    else:
        delta = output_delta(arch, z_out, a_out, targets)
    out_delta = delta
    layer_inputs = [passed.inputs, *passed.activations[:-1]]
    deltas = [delta]
    for layer in range(len(weights) - 1, 0, -1):
        w = weights[layer]
        if stale_learning_rate is not None:
            w = w - stale_learning_rate * (layer_inputs[layer].T @ deltas[0])
        z, a = passed.pre_activations[layer - 1], passed.activations[layer - 1]
        if hidden_derivative is None:
            slope = reference._hidden_derivative(arch, z)
        else:
            slope = hidden_derivative(z, a)
        deltas.insert(0, (deltas[0] @ w.T) * slope)
    weight_gradients = [layer_inputs[i].T @ deltas[i] for i in range(len(weights))]
    bias_gradients: list[np.ndarray | None] = [
        None if params.biases[i] is None else deltas[i].sum(axis=0) for i in range(len(weights))
    ]
    return weight_gradients, bias_gradients, out_delta, deltas[:-1]


def _expand(*bugs: Bug | None) -> tuple[Bug, ...]:
    found: list[Bug] = []
    for bug in bugs:
        if bug is not None:
            found += [bug, *bug.also]
    return tuple(found)


def mutants(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float | None = None,
) -> list[Mutant]:
    """Every single bug and every output x hidden pair, plus stale weights when an lr is known.

    Canonical row layout, summed over samples: biases come back as (n,) vectors.
    """
    arch = Architecture(
        arch.hidden_activation, arch.loss, "sum", "row", arch.mse_half, arch.leaky_slope
    )
    n_layers = len(params.weights)
    outputs: list[tuple[Bug | None, OutputDelta | None]] = [(None, None), *output_bugs(arch)]
    hiddens: list[tuple[Bug | None, HiddenDerivative | None]] = [(None, None)]
    if n_layers > 1:
        hiddens += hidden_bugs(arch.hidden_activation)
    found: list[Mutant] = []
    with np.errstate(all="ignore"):
        for out_bug, out_fn in outputs:
            for hid_bug, hid_fn in hiddens:
                if out_bug is None and hid_bug is None:
                    continue
                bugs = _expand(out_bug, hid_bug)
                found.append(Mutant(bugs, *_backward(arch, params, X, Y, out_fn, hid_fn, None)))
        if learning_rate and n_layers > 1:
            m = np.asarray(X).shape[0]
            # The early update used the user's own reduction: lr * summed or lr * mean.
            for step in (learning_rate, learning_rate / m):
                for out_bug, out_fn in outputs:
                    bugs = _expand(out_bug, STALE)
                    found.append(Mutant(bugs, *_backward(arch, params, X, Y, out_fn, None, step)))
    return found


def truth_deltas(
    arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The correct output delta and hidden deltas (summed convention), for the tracer."""
    arch = Architecture(
        arch.hidden_activation, arch.loss, "sum", "row", arch.mse_half, arch.leaky_slope
    )
    with np.errstate(all="ignore"):
        _, _, out_delta, hidden = _backward(arch, params, X, Y, None, None, None)
    return out_delta, hidden


__all__ = ["STALE", "Bug", "Mutant", "mutants", "stable_sigmoid", "truth_deltas"]


def mutants_per_sample(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float | None = None,
) -> list[Mutant]:
    """Mutants of code that runs one sample at a time, summed over the samples.

    Only the stale-weights mutant differs from the batch one: its early update used one
    sample's gradient, not the batch's.
    """
    per_sample = [
        mutants(arch, params, X[i : i + 1], Y[i : i + 1], learning_rate) for i in range(len(X))
    ]
    summed = []
    for index, first in enumerate(per_sample[0]):
        group = [found[index] for found in per_sample]
        summed.append(
            Mutant(
                first.bugs,
                [
                    sum(g.weight_gradients[k] for g in group)
                    for k in range(len(first.weight_gradients))
                ],
                [
                    None if b is None else sum(g.bias_gradients[k] for g in group)  # type: ignore[misc]
                    for k, b in enumerate(first.bias_gradients)
                ],
                np.concatenate([g.output_delta for g in group]),
                [
                    np.concatenate([g.hidden_deltas[k] for g in group])
                    for k in range(len(first.hidden_deltas))
                ],
            )
        )
    return summed
