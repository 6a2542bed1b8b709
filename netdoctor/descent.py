"""Gradient descent of the reference network, thousands of small steps: the replay's loop.

`reference.backward` checks and reshapes its inputs on every call, which is what a
gradient check wants and most of what a step costs on a small network (a 2-4-1 network
on 4 samples: the arithmetic is a few microseconds of 150). Here the layout work is done
once: the data as rows, the targets as a column, each weight as a 2-D row-layout view of
the array that is updated in place, the hidden activation's functions looked up. The
output layer's exp(-|z|) is taken once for its delta and its loss (each of which takes it
on its own in `reference`), and its sigmoid, which neither needs, not at all. A step is
otherwise the same operations, in the same order, on the same values as
`reference.backward` followed by `w - rate * g`, so the numbers are identical to the last
bit (tests/test_descent.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from netdoctor import reference
from netdoctor.activations import functions

Function = Callable[[np.ndarray], np.ndarray]


class Descent:
    """The parameters of a row-layout reference network, moved by its true gradients.

    `weights` and `biases` keep the shapes of the parameters given (a 1-D output weight
    stays 1-D); the loop works on 2-D and 1-D views of the same arrays."""

    def __init__(
        self,
        arch: reference.Architecture,
        params: reference.DenseParams,
        X: object,
        Y: object,
        decay: float = 0.0,
    ) -> None:
        if arch.layout != "row":
            raise ValueError("Descent runs row-layout networks (the replay's)")
        self.arch = arch
        self.weights = [np.array(w, dtype=np.float64) for w in params.weights]
        self.biases = [None if b is None else np.array(b, dtype=np.float64) for b in params.biases]
        self.inputs = reference._row_inputs(arch, X)  # type: ignore[arg-type]
        self._m = self.inputs.shape[0]
        self.targets = reference._row_targets(arch, Y, self._m)  # type: ignore[arg-type]
        self._rows = [w.reshape(-1, 1) if w.ndim == 1 else w for w in self.weights]
        self._flat_biases = [None if b is None else b.reshape(-1) for b in self.biases]
        reference._check_chain(self.inputs, self._rows, self._flat_biases)
        self._scale = 1.0 / self._m if arch.reduction == "mean" else 1.0
        self._one_minus_y = 1.0 - self.targets
        self._flat_targets = self.targets.reshape(-1)
        self._activate, self._slope = _hidden_functions(arch)
        # an L2 penalty the user's weight gradients carry: k * W beside the summed gradient
        self._decay = decay * self._scale

    def step(self, rate: float) -> float:
        """One step of `rate` times the true gradients; the loss before it (the arch's
        reduction), as `reference.backward` gives it."""
        last = len(self._rows) - 1
        current = self.inputs
        layer_inputs = []
        pre_activations = []
        for w, b in zip(self._rows[:last], self._flat_biases[:last], strict=True):
            layer_inputs.append(current)
            z = current @ w
            if b is not None:
                z = z + b
            current = self._activate(z)
            pre_activations.append(z)
        layer_inputs.append(current)
        z_out = current @ self._rows[last]
        if self._flat_biases[last] is not None:
            z_out = z_out + self._flat_biases[last]
        delta, total = self._output(z_out)
        deltas = [delta]
        for layer in range(last, 0, -1):
            slope = self._slope(pre_activations[layer - 1])
            delta = (delta @ self._rows[layer].T) * slope
            deltas.insert(0, delta)
        for layer in range(last + 1):
            grad_w = layer_inputs[layer].T @ deltas[layer]
            if self._decay:
                grad_w = grad_w + self._decay * self._rows[layer]
            grad_b = deltas[layer].sum(axis=0)
            self._rows[layer] -= rate * grad_w
            bias = self._flat_biases[layer]
            if bias is None:
                continue
            if bias.size == 1 and grad_b.size > 1:
                bias -= rate * np.full(bias.shape, grad_b.sum())
            else:
                bias -= rate * grad_b
        return total

    def _output(self, z: np.ndarray) -> tuple[np.ndarray, float]:
        """The output layer's delta and the loss, as `reference.output_delta` and
        `reference.loss_from_logits` compute them, from one exp(-|z|)."""
        arch, y = self.arch, self.targets
        e = np.exp(-np.abs(z))
        small = e / (1.0 + e)  # sigmoid(-|z|)
        error = np.where(z >= 0, self._one_minus_y - small, small - y)  # sigmoid(z) - y
        flat_z, flat_y = z.reshape(-1), self._flat_targets
        if arch.loss == "bce":
            delta = error
            flat_e = e.reshape(-1)
            total = float(np.sum(np.maximum(flat_z, 0.0) - flat_y * flat_z + np.log1p(flat_e)))
        else:
            factor = 1.0 if arch.mse_half else 2.0
            delta = factor * error * (e / ((1.0 + e) * (1.0 + e)))  # times sigmoid'(z)
            total = float(np.sum(error.reshape(-1) ** 2))
            total = 0.5 * total if arch.mse_half else total
        if arch.reduction == "mean":
            total = total / flat_y.size
        return self._scale * delta, total

    def params(self) -> reference.DenseParams:
        return reference.DenseParams(self.weights, self.biases)


def _hidden_functions(arch: reference.Architecture) -> tuple[Function, Function]:
    """The hidden layers' activation and derivative, as `reference._hidden` and
    `reference._hidden_derivative` would dispatch to them on every call (a convention at
    the kink, which only gradient checks set, stays theirs)."""
    if arch.kink_derivative is not None:
        return (
            lambda z: reference._hidden(arch, z),
            lambda z: reference._hidden_derivative(arch, z),
        )
    return functions(arch.hidden_activation, arch.leaky_slope)
