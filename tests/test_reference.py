"""The reference is the truth everything else is measured against: test it hardest.

Against finite differences on random architectures (hypothesis), against a per-sample
loop for the exercise, and at saturated logits where naive formulas overflow.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netdoctor import numeric, reference
from netdoctor.activations import ACTIVATIONS, stable_sigmoid
from netdoctor.reference import Architecture, DenseParams, ShapeError


def _flat_numeric(arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray):
    arrays = [*params.weights, *[b for b in params.biases if b is not None]]
    n_weights = len(params.weights)

    def evaluate(values: list[np.ndarray]) -> tuple[float, np.ndarray]:
        biases, k = [], n_weights
        for b in params.biases:
            if b is None:
                biases.append(None)
            else:
                biases.append(values[k])
                k += 1
        point = DenseParams(list(values[:n_weights]), biases)
        passed = reference.forward(arch, point, X)
        pattern = np.concatenate([(z > 0).ravel() for z in passed.pre_activations[:-1]] or [[]])
        return reference.loss(arch, point, X, Y), pattern

    return numeric.numeric_gradient(evaluate, arrays, max_forward_calls=10_000), arrays


@settings(max_examples=60, deadline=None)
@given(
    hidden=st.sampled_from(ACTIVATIONS),
    loss=st.sampled_from(["bce", "mse"]),
    reduction=st.sampled_from(["sum", "mean"]),
    layout=st.sampled_from(["row", "column"]),
    mse_half=st.booleans(),
    with_bias=st.booleans(),
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    m=st.integers(1, 6),
    seed=st.integers(0, 10_000),
)
def test_reference_equals_finite_differences(
    hidden, loss, reduction, layout, mse_half, with_bias, sizes, m, seed
) -> None:
    rng = np.random.default_rng(seed)
    layer_sizes = [*sizes, 1]
    arch = Architecture(hidden, loss, reduction, layout, mse_half)
    params = reference.random_params(layer_sizes, layout, with_bias, rng)
    X = rng.normal(size=(m, layer_sizes[0]))
    Y = rng.integers(0, 2, size=(m, 1)).astype(float)
    if layout == "column":
        X, Y = X.T, Y.T
    gradients = reference.backward(arch, params, X, Y)
    estimate, _ = _flat_numeric(arch, params, X, Y)
    analytic = [
        *gradients.weight_gradients,
        *[g for g in gradients.bias_gradients if g is not None],
    ]
    for index, value in enumerate(analytic):
        assert value.shape == estimate.estimates[index].shape
        mask = estimate.checkable(index)
        np.testing.assert_allclose(
            value[mask], estimate.estimates[index][mask], rtol=1e-5, atol=1e-7
        )


def _exercise_by_sample_loop(X, Y, W1, b1, W2, b2) -> dict[str, np.ndarray]:
    """The exercise as its statement describes it: one sample at a time, summed."""
    totals = {"dW1": np.zeros_like(W1), "db1": np.zeros_like(b1)}
    totals |= {"dW2": np.zeros_like(W2), "db2": np.zeros_like(b2)}
    for x, y in zip(X, Y, strict=True):
        x = x.reshape(1, -1)
        a1 = 1 / (1 + np.exp(-(x @ W1 + b1)))
        a2 = 1 / (1 + np.exp(-(a1 @ W2 + b2)))
        dz2 = a2 - y
        dz1 = dz2 @ W2.T * a1 * (1 - a1)
        totals["dW2"] += a1.T @ dz2
        totals["db2"] += dz2
        totals["dW1"] += x.T @ dz1
        totals["db1"] += dz1
    return totals


@pytest.mark.parametrize(
    ("m", "input_size", "hidden_size"),
    [(1, 1, 1), (4, 2, 3), (100, 10, 20)],
    ids=["single-sample-single-input", "xor-sized", "moderate"],
)
def test_exercise_matches_the_per_sample_sum(m: int, input_size: int, hidden_size: int) -> None:
    rng = np.random.default_rng(m)
    X = rng.normal(size=(m, input_size))
    Y = rng.integers(0, 2, size=(m, 1)).astype(float)
    W1 = rng.normal(size=(input_size, hidden_size))
    b1 = rng.normal(size=(1, hidden_size))
    W2 = rng.normal(size=(hidden_size, 1))
    b2 = rng.normal(size=(1, 1))
    got = reference.backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2)
    want = _exercise_by_sample_loop(X, Y, W1, b1, W2, b2)
    assert set(got) == {"dW1", "db1", "dW2", "db2"}
    for key, value in want.items():
        assert got[key].shape == value.shape
        np.testing.assert_allclose(got[key], value, rtol=1e-12, atol=1e-12)


def test_exercise_is_finite_and_silent_at_logits_of_a_thousand() -> None:
    X = np.array([[1.0, -1.0], [-1.0, 1.0]])
    Y = np.array([[0.0], [1.0]])
    W1 = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    b1 = np.zeros((1, 2))
    W2 = np.array([[1000.0], [-1000.0]])
    b2 = np.zeros((1, 1))
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        got = reference.backprop(X, Y, 2, 2, W1, b1, W2, b2)
        value = reference.loss(Architecture(), DenseParams([W1, W2], [b1, b2]), X, Y)
    assert all(np.all(np.isfinite(g)) for g in got.values())
    assert np.isfinite(value) and value > 100  # confidently wrong on both samples: huge loss


def test_stable_sigmoid_at_extremes() -> None:
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        values = stable_sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_array_equal(values, [0.0, 0.5, 1.0])


def test_labels_of_shape_m_are_rejected_with_the_broadcast_explained() -> None:
    X = np.zeros((4, 2))
    with pytest.raises(ShapeError, match=r"broadcast to \(4, 4\)"):
        reference.backprop(
            X,
            np.zeros(4),
            2,
            3,
            np.zeros((2, 3)),
            np.zeros((1, 3)),
            np.zeros((3, 1)),
            np.zeros((1, 1)),
        )


@pytest.mark.parametrize(
    ("name", "W1", "message"),
    [("W1", np.zeros((3, 2)), r"W1 has shape \(3, 2\), expected \(2, 3\)")],
)
def test_incompatible_shapes_name_got_and_expected(name: str, W1: np.ndarray, message: str) -> None:
    with pytest.raises(ShapeError, match=message):
        reference.backprop(
            np.zeros((4, 2)),
            np.zeros((4, 1)),
            2,
            3,
            W1,
            np.zeros((1, 3)),
            np.zeros((3, 1)),
            np.zeros((1, 1)),
        )


def test_x_with_the_wrong_width_is_rejected() -> None:
    with pytest.raises(ShapeError, match=r"X has shape \(4, 3\), expected \(m, 2\)"):
        reference.backprop(
            np.zeros((4, 3)),
            np.zeros((4, 1)),
            2,
            3,
            np.zeros((2, 3)),
            np.zeros((1, 3)),
            np.zeros((3, 1)),
            np.zeros((1, 1)),
        )


def test_column_layout_gradients_are_the_row_gradients_transposed() -> None:
    rng = np.random.default_rng(3)
    row = reference.random_params([3, 4, 1], "row", True, rng)
    column = DenseParams([w.T for w in row.weights], [b.reshape(-1, 1) for b in row.biases])
    X = rng.normal(size=(5, 3))
    Y = rng.integers(0, 2, size=(5, 1)).astype(float)
    row_grads = reference.backward(Architecture("tanh"), row, X, Y)
    column_grads = reference.backward(Architecture("tanh", layout="column"), column, X.T, Y.T)
    for r, c in zip(row_grads.weight_gradients, column_grads.weight_gradients, strict=True):
        np.testing.assert_allclose(r.T, c)
    for r, c in zip(row_grads.bias_gradients, column_grads.bias_gradients, strict=True):
        assert c is not None and r is not None
        assert c.shape[1] == 1
        np.testing.assert_allclose(r.ravel(), c.ravel())
