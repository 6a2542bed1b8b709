"""The replay's fast gradient descent gives the numbers `reference.backward` gives, to the
last bit, whatever the network: the training rules compare the user's run with it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from netdoctor import reference
from netdoctor.activations import parse
from netdoctor.descent import Descent


def _by_backward(
    arch: reference.Architecture, params: reference.DenseParams, X, Y, rate: float, steps: int
) -> tuple[list[float], reference.DenseParams]:
    """The replay as it was written first: a whole `reference.backward` per step."""
    weights = [np.array(w, dtype=np.float64) for w in params.weights]
    biases = [None if b is None else np.array(b, dtype=np.float64) for b in params.biases]
    losses = []
    for _ in range(steps):
        grads = reference.backward(arch, reference.DenseParams(weights, biases), X, Y)
        losses.append(grads.loss)
        weights = [w - rate * g for w, g in zip(weights, grads.weight_gradients, strict=True)]
        biases = [
            None if b is None else b - rate * g
            for b, g in zip(biases, grads.bias_gradients, strict=True)
        ]
    return losses, reference.DenseParams(weights, biases)


NETWORKS = {
    # name: (hidden, loss, reduction, mse_half, layer sizes, biases: "rows", "flat", "none",
    # "scalar" (one number for a layer of several units), 1-D output weight)
    "sigmoid_bce_mean": ("sigmoid", "bce", "mean", False, [2, 4, 1], "rows", False),
    "tanh_mse_sum_half": ("tanh", "mse", "sum", True, [3, 5, 1], "flat", True),
    "relu_bce_sum": ("relu", "bce", "sum", False, [2, 8, 1], "flat", False),
    "leaky_mse_mean": ("leaky_relu", "mse", "mean", False, [2, 3, 1], "rows", False),
    "leaky_tenth_bce": ("leaky_relu(0.1)", "bce", "mean", False, [2, 5, 1], "flat", False),
    "two_hidden_tanh": ("tanh", "bce", "mean", False, [4, 6, 5, 1], "rows", True),
    "no_biases": ("sigmoid", "bce", "sum", False, [2, 3, 1], "none", False),
    "scalar_bias": ("relu", "mse", "mean", True, [2, 4, 1], "scalar", False),
}


def _network(name: str, seed: int = 0):
    hidden, loss, reduction, half, sizes, biases, vector_out = NETWORKS[name]
    rng = np.random.default_rng(seed)
    kind, slope = parse(hidden)
    arch = reference.Architecture(kind, loss, reduction, "row", half, leaky_slope=slope)
    weights = [rng.normal(0, 1, (a, b)) for a, b in itertools.pairwise(sizes)]
    if vector_out:
        weights[-1] = weights[-1].reshape(-1)
    made = {
        "rows": lambda n: rng.normal(0, 0.5, (1, n)),
        "flat": lambda n: rng.normal(0, 0.5, n),
        "none": lambda n: None,
        "scalar": lambda n: rng.normal(0, 0.5, 1),
    }[biases]
    params = reference.DenseParams(weights, [made(n) for n in sizes[1:]])
    X = rng.normal(0, 1, (7, sizes[0]))
    Y = (rng.random((7, 1)) > 0.5).astype(float)
    return arch, params, X, Y


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_each_step_is_backward_then_minus_rate_times_gradient_to_the_last_bit(name: str) -> None:
    arch, params, X, Y = _network(name)
    expected_losses, expected = _by_backward(arch, params, X, Y, 0.3, 60)
    descent = Descent(arch, params, X, Y)
    losses = [descent.step(0.3) for _ in range(60)]
    assert losses == expected_losses
    got = descent.params()
    for mine, theirs in zip(got.weights, expected.weights, strict=True):
        assert mine.shape == theirs.shape and np.array_equal(mine, theirs)
    for mine, theirs in zip(got.biases, expected.biases, strict=True):
        assert (mine is None) == (theirs is None)
        if mine is not None:
            assert mine.shape == theirs.shape and np.array_equal(mine, theirs)


def test_the_callers_arrays_are_not_moved() -> None:
    arch, params, X, Y = _network("sigmoid_bce_mean")
    before = [w.copy() for w in params.weights]
    Descent(arch, params, X, Y).step(1.0)
    assert all(np.array_equal(w, b) for w, b in zip(params.weights, before, strict=True))


def test_shapes_that_do_not_chain_are_refused_as_backward_refuses_them() -> None:
    arch, params, X, Y = _network("sigmoid_bce_mean")
    with pytest.raises(reference.ShapeError):
        Descent(arch, params, X[:, :1], Y)


@pytest.mark.parametrize("name", ["sigmoid_bce_mean", "tanh_mse_sum_half"])
def test_an_l2_penalty_adds_k_times_the_weights_in_the_gradients_convention(name: str) -> None:
    """The replay of a file whose weight gradients carry `+ lambd / m * W`: each weight's
    step is the true gradient plus k * W (times 1/m where the gradients are averaged), the
    biases' are not penalised."""
    arch, params, X, Y = _network(name)
    k = 0.7
    scale = 1.0 / X.shape[0] if arch.reduction == "mean" else 1.0
    grads = reference.backward(arch, params, X, Y)
    descent = Descent(arch, params, X, Y, decay=k)
    descent.step(0.3)
    got = descent.params()
    for mine, w, g in zip(got.weights, params.weights, grads.weight_gradients, strict=True):
        np.testing.assert_allclose(mine, w - 0.3 * (g + scale * k * w), rtol=1e-12, atol=1e-14)
    for mine, b, g in zip(got.biases, params.biases, grads.bias_gradients, strict=True):
        np.testing.assert_allclose(mine, b - 0.3 * g, rtol=1e-12, atol=1e-14)
