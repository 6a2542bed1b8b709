"""A correct gradient is not wrong by rounding: the exact truth against float64 user code.

Since the reference is exact at any logit, a correct program's rounding shows wherever the
true gradient is far below the terms that form it: every output saturated and right
(A - Y computed after A rounds to 1 is 0; the truth is -1e-18), or a gradient that is 0 by
symmetry (XOR with +-1 inputs, tanh and zero biases: the output bias gradient sums
sigma(z) - y over pairs that cancel exactly, and the user's sum is 1e-16). Differences
within a few eps of the terms' magnitudes (`netdoctor/rounding.py`) are no difference;
a real bug at the same points is still found.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from netfiles import write

from netdoctor import reference, rounding
from netdoctor.activations import ACTIVATIONS
from netdoctor.compare import compare
from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.reference import Architecture
from netdoctor.tolerances import FLOAT64_BANDS

SATURATED_RIGHT = """import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2):
    A1 = sigmoid(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    dZ2 = A2 - Y
    dW2 = A1.T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = dZ2 @ W2.T * {slope}
    dW1 = X.T @ dZ1
    db1 = np.sum(dZ1, axis=0, keepdims=True)
    return {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}

# every output confidently right: logits from 20 to 83, every label 1
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.ones((4, 1))
W1 = np.array([[1.0, -2.0, 0.5], [0.3, 1.0, -1.0]])
b1 = np.zeros((1, 3))
W2 = np.array([[30.0], [25.0], [28.0]])
b2 = np.array([[20.0]])
"""

BIPOLAR_XOR = """import numpy as np

np.random.seed(7)
points = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]], dtype=float)
labels = np.array([[0], [1], [1], [0]], dtype=float)
syn0 = np.random.randn(2, 8) * np.sqrt(1 / 2)
bias0 = np.zeros((1, 8))
syn1 = np.random.randn(8, 1) * np.sqrt(1 / 8)
bias1 = np.zeros((1, 1))  # its gradient is exactly 0 here: the samples cancel in pairs
lr = 0.05

for j in range(200):
    l1 = np.tanh(points @ syn0 + bias0)
    l2 = 1 / (1 + np.exp(-(l1 @ syn1 + bias1)))
    l2_delta = l2 - labels
    l1_delta = l2_delta @ syn1.T * {slope}
    syn1 -= lr * l1.T @ l2_delta
    bias1 -= lr * l2_delta.sum(axis=0, keepdims=True)
    syn0 -= lr * points.T @ l1_delta
    bias0 -= lr * l1_delta.sum(axis=0, keepdims=True)
"""

PROGRAMS = {
    "saturated-right exercise": (SATURATED_RIGHT, "A1 * (1 - A1)", "A1"),
    "bipolar XOR script": (BIPOLAR_XOR, "(1 - l1 ** 2)", "l1"),
}


def _errors(tmp_path: Path, text: str) -> list[str]:
    report = check_file(str(write(tmp_path, text)), CheckOptions(train=False))
    assert report.status == "checked", report.error
    return [f"{f.code}: {f.message}" for f in report.findings if f.severity == "error"]


@pytest.mark.parametrize("name", PROGRAMS)
def test_a_correct_program_whose_gradients_are_rounding_noise_gets_no_error(
    name: str, tmp_path: Path
) -> None:
    template, slope, _ = PROGRAMS[name]
    assert _errors(tmp_path, template.format(slope=slope)) == []


@pytest.mark.parametrize("name", PROGRAMS)
def test_a_real_bug_at_the_same_point_is_still_found(name: str, tmp_path: Path) -> None:
    """The slope left out of the hidden delta: no rounding noise hides that."""
    template, _, activation = PROGRAMS[name]
    assert _errors(tmp_path, template.format(slope="1")), f"{activation}'s slope left out"


def test_noise_against_an_exact_zero_agrees_only_within_the_noise() -> None:
    """An output bias whose true gradient is 0, and the user's sum of four terms near 0.3."""
    truth, user, noise = np.zeros((1, 1)), np.full((1, 1), 1.1e-16), np.full((1, 1), 2e-15)
    assert compare(user, truth, FLOAT64_BANDS).verdict == "disagrees"  # 1.1e-16 / 1.1e-16
    assert compare(user, truth, FLOAT64_BANDS, noise).verdict == "agrees"
    assert compare(np.full((1, 1), 1e-9), truth, FLOAT64_BANDS, noise).verdict == "disagrees"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    hidden=st.sampled_from(ACTIVATIONS),
    loss=st.sampled_from([("bce", False), ("mse", False), ("mse", True)]),
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    m=st.integers(1, 6),
    scale=st.floats(0.1, 30.0),
    seed=st.integers(0, 10_000),
)
def test_the_terms_bound_the_gradient(hidden, loss, sizes, m, scale, seed) -> None:
    """|sum of terms| <= sum of |terms|: the magnitudes are never below the gradient."""
    rng = np.random.default_rng(seed)
    arch = Architecture(hidden, loss[0], "sum", "row", loss[1])
    params = reference.random_params([*sizes, 1], "row", True, rng, scale)
    X = rng.normal(size=(m, sizes[0]))
    Y = rng.integers(0, 2, size=(m, 1)).astype(float)
    gradients = reference.backward(arch, params, X, Y)
    weights, biases = rounding.term_magnitudes(arch, params, X, Y)
    for value, size in zip(gradients.weight_gradients, weights, strict=True):
        assert np.all(np.abs(value) <= size * (1 + 1e-12) + 1e-300)
    for value, size in zip(gradients.bias_gradients, biases, strict=True):
        assert value is not None and size is not None
        assert np.all(np.abs(value).reshape(-1) <= size * (1 + 1e-12) + 1e-300)
