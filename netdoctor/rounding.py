"""How far rounding alone can move a correct float64 backprop from the exact gradients.

The reference is exact at any logit (issue 13, item 6); a user's correct code is not. It
forms A - Y after A has rounded to 1, s * (1 - s) after s has, and sums terms of both
signs that cancel. Where the exact gradient is 0 by symmetry (XOR with +-1 inputs, tanh
and zero biases: the output bias gradient sums sigma(z) - y over sample pairs that cancel
exactly) or far below the terms that form it, a correct gradient is rounding noise against
an exact value: a relative error near 1, read as a wrong gradient. The comparison treats
a difference within a few eps of the terms that form an entry as no difference
(`tolerances.ROUNDING_TERMS`); this module gives those terms' magnitudes.

The model is the textbook computation: the output delta A - Y as the two terms |A| + |Y|
(times A (1 - A) as |A| (1 + |A|) for squared error), each hidden slope by its usual form
(s (1 - s): |s| (1 + |s|); 1 - t^2: 1 + t^2; piecewise-linear slopes exact), carried back
through |W| and summed over samples with |A| as the true deltas are. Canonical row
layout, summed over samples, biases as (n,) vectors: the shapes of `reference.backward`.
"""

from __future__ import annotations

import numpy as np

from netdoctor import reference
from netdoctor.activations import derivative
from netdoctor.reference import Architecture, DenseParams


def _slope_terms(arch: Architecture, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    if arch.hidden_activation == "sigmoid":
        return np.abs(a) * (1.0 + np.abs(a))
    if arch.hidden_activation == "tanh":
        return 1.0 + a * a
    if arch.hidden_activation == "leaky_relu":
        return np.where(z > 0, 1.0, abs(arch.leaky_slope))
    return np.abs(derivative(arch.hidden_activation, z))


def term_magnitudes(
    arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray | None]]:
    """(weights, biases): for each gradient entry, the summed magnitude of its terms."""
    passed = reference.forward(arch, params, X)
    m = passed.inputs.shape[0]
    a_out = np.abs(passed.activations[-1])
    y = np.abs(np.asarray(Y, dtype=np.float64)).reshape(m, 1)
    with np.errstate(under="ignore", over="ignore"):
        size = a_out + y
        if arch.loss == "mse":
            size = (1.0 if arch.mse_half else 2.0) * size * a_out * (1.0 + a_out)
        sizes = [size]
        for layer in range(len(params.weights) - 1, 0, -1):
            w = np.abs(np.asarray(params.weights[layer], dtype=np.float64))
            z, a = passed.pre_activations[layer - 1], passed.activations[layer - 1]
            size = (size @ w.T) * _slope_terms(arch, z, a)
            sizes.insert(0, size)
        inputs = [passed.inputs, *passed.activations[:-1]]
        weights = [np.abs(x).T @ s for x, s in zip(inputs, sizes, strict=True)]
    biases = [
        None if b is None else s.sum(axis=0) for b, s in zip(params.biases, sizes, strict=True)
    ]
    return weights, biases
