"""The truth keeps full relative precision at any logit: measured against extended precision.

netdoctor's verdicts compare a user's gradients with the reference exactly where units
saturate, which is where the classic bugs live (sigma' of the activation, A - Y formed
after A rounds to 1). There `s * (1 - s)` and `A - 1` lose every digit, so the truth
itself has to be computed in forms that do not cancel. These tests hold every entry of
every gradient, and the loss, to 1e-12 relative of an independent extended-precision
backprop (`tests/extended.py`), at output logits up to +-700 and hidden pre-activations in
the hundreds, for every hidden activation, BCE and squared error (with and without 1/2),
sum and mean, row and column layout.

Two places where float64 has no relative precision to give, whatever the formula, are
measured differently (`extended.relative_error`): an entry that is a sum of terms of both
signs cancelling to a small value, against what rounding its terms costs (8 u times their
magnitudes); a true value below float64's normal range (2.2e-308), absolutely against that
floor. `benchmarks/reference_precision.py` prints how often either applies and the plain
relative error everywhere else.
"""

from __future__ import annotations

import numpy as np
import pytest
from extended import (
    HAS_EXTENDED,
    MAX_LOGIT,
    PRECISION,
    extended_backward,
    relative_error,
    saturated_network,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from netdoctor import reference
from netdoctor.activations import (
    ACTIVATIONS,
    derivative,
    sigmoid_error,
    stable_sigmoid,
)
from netdoctor.bugs import Bug, Mutation
from netdoctor.reference import Architecture, DenseParams

pytestmark = pytest.mark.skipif(
    not HAS_EXTENDED, reason="np.longdouble is plain double here: no extended precision"
)

LOSSES = [("bce", False), ("mse", False), ("mse", True)]
LABELINGS = ("right", "wrong", "mixed")


def worst_errors(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    mutation: Mutation | None = None,
) -> dict[str, float]:
    """The worst relative error of each gradient and of the loss against extended precision
    (`extended.relative_error`: relative, except for sums that cancel and values below
    float64's range). With a `mutation`, of that variant of the reference backward."""
    got = reference.backward(arch, params, X, Y, mutation)
    want = extended_backward(arch, params, X, Y)
    errors: dict[str, float] = {}
    pairs = zip(got.weight_gradients, want.weight_gradients, want.weight_magnitudes, strict=True)
    for layer, (g, w, size) in enumerate(pairs):
        assert g.shape == w.shape
        errors[f"dW{layer + 1}"] = relative_error(g, w, size)
    pairs = zip(got.bias_gradients, want.bias_gradients, want.bias_magnitudes, strict=True)
    for layer, (g, w, size) in enumerate(pairs):
        if w is not None:
            assert g is not None and g.shape == w.shape
            errors[f"db{layer + 1}"] = relative_error(g, w, size)
    errors["loss (backward)"] = relative_error(got.loss, want.loss, want.loss_magnitude)
    loss = reference.loss(arch, params, X, Y)
    errors["loss"] = relative_error(loss, want.loss, want.loss_magnitude)
    return errors


# ------------------------------------------------------------------ the formulas alone


def test_sigmoid_and_tanh_slopes_are_exact_at_any_input() -> None:
    from extended import EXTENDED, hidden_slope, sigmoid, sigmoid_slope

    z = np.concatenate([np.linspace(-745.0, 745.0, 14_901), [-1e-300, 0.0, 1e-300]])
    zx = z.astype(EXTENDED)
    assert relative_error(derivative("sigmoid", z), sigmoid_slope(zx)) <= PRECISION
    tanh_arch = Architecture("tanh")
    assert relative_error(derivative("tanh", z), hidden_slope(tanh_arch, zx)) <= PRECISION
    assert relative_error(stable_sigmoid(z), sigmoid(zx)) <= PRECISION


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_sigmoid_minus_label_is_exact_where_the_output_rounds_to_the_label(y: float) -> None:
    from extended import EXTENDED, sigmoid_minus

    z = np.linspace(-745.0, 745.0, 14_901)
    want = sigmoid_minus(z.astype(EXTENDED), EXTENDED(y))
    assert relative_error(sigmoid_error(z, y), want) <= PRECISION
    assert sigmoid_error(np.array([40.0]), 1.0)[0] < 0  # sigmoid(40) - 1 rounds to 0


def test_the_old_forms_really_lose_the_digits_these_tests_guard() -> None:
    """The comparison can fail: s * (1 - s) and A - 1 at z = 40 are off by 100 %."""
    from extended import EXTENDED, sigmoid_minus, sigmoid_slope

    z = np.array([40.0])
    s = stable_sigmoid(z)
    assert relative_error(s * (1 - s), sigmoid_slope(z.astype(EXTENDED))) == 1.0
    assert relative_error(s - 1.0, sigmoid_minus(z.astype(EXTENDED), EXTENDED(1))) == 1.0


# ------------------------------------------------------------------ whole networks


@pytest.mark.parametrize("hidden", ACTIVATIONS)
@pytest.mark.parametrize(("loss", "mse_half"), LOSSES, ids=["bce", "mse", "mse-half"])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("layout", ["row", "column"])
@pytest.mark.parametrize("labeling", LABELINGS)
def test_every_gradient_entry_is_exact_at_logits_of_700(
    hidden: str, loss: str, mse_half: bool, reduction: str, layout: str, labeling: str
) -> None:
    arch = Architecture(hidden, loss, reduction, layout, mse_half)
    # Two hidden layers: the first saturated deep (+-300), the second where s * (1 - s) and
    # 1 - tanh^2 lose digits but do not yet round to 0 (+-30).
    params, X, Y = saturated_network(arch, [3, 4, 3, 1], [300.0, 30.0, MAX_LOGIT], 8, labeling, 7)
    errors = worst_errors(arch, params, X, Y)
    assert max(errors.values()) <= PRECISION, errors


@pytest.mark.parametrize("hidden", ACTIVATIONS)
@pytest.mark.parametrize(("loss", "mse_half"), LOSSES, ids=["bce", "mse", "mse-half"])
def test_networks_without_biases_are_exact_too(hidden: str, loss: str, mse_half: bool) -> None:
    arch = Architecture(hidden, loss, "sum", "row", mse_half)
    params, X, Y = saturated_network(
        arch, [2, 3, 1], [200.0, MAX_LOGIT], 6, "right", 11, with_bias=False
    )
    errors = worst_errors(arch, params, X, Y)
    assert max(errors.values()) <= PRECISION, errors


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    hidden=st.sampled_from(ACTIVATIONS),
    loss=st.sampled_from(LOSSES),
    reduction=st.sampled_from(["sum", "mean"]),
    layout=st.sampled_from(["row", "column"]),
    with_bias=st.booleans(),
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    spans=st.lists(st.floats(0.5, 300.0), min_size=3, max_size=3),
    max_logit=st.floats(1.0, MAX_LOGIT),
    m=st.integers(1, 6),
    labeling=st.sampled_from(LABELINGS),
    seed=st.integers(0, 10_000),
)
def test_random_small_networks_are_exact(
    hidden, loss, reduction, layout, with_bias, sizes, spans, max_logit, m, labeling, seed
) -> None:
    arch = Architecture(hidden, loss[0], reduction, layout, loss[1])
    layer_sizes = [*sizes, 1]
    hidden_spans = spans[: len(layer_sizes) - 2]
    if m == 1:  # one sample spans no range: scale only
        with_bias = False
    params, X, Y = saturated_network(
        arch, layer_sizes, [*hidden_spans, max_logit], m, labeling, seed, with_bias
    )
    errors = worst_errors(arch, params, X, Y)
    assert max(errors.values()) <= PRECISION, errors


def test_the_old_reference_fails_these_networks() -> None:
    """The comparison has teeth: the reference as it was (A - Y formed from A, sigma' as
    s * (1 - s) of the activation), put in through the bug-mutation hooks, fails it.

    Hidden units at +-26 to +-38, so that they differ from sample to sample while
    s * (1 - s) keeps only a few digits on the positive side; every label 1 and every logit
    45 or more, where A rounds to 1 and A - 1 keeps none.
    """
    arch = Architecture("sigmoid")
    X = np.array([[1.0], [-1.0], [1.2], [-1.2]])
    params = DenseParams(
        [np.array([[30.0, -28.0, 26.0, -32.0]]), np.full((4, 1), 10.0)],
        [np.zeros(4), np.array([45.0])],
    )
    Y = np.ones((4, 1))
    bug = Bug("ND000", "output", "old-reference", "the reference before issue 13")
    old_delta = Mutation(bug, output=lambda arch, z, a, y: a - y)
    old_slope = Mutation(bug, hidden=lambda z, a: a * (1.0 - a))
    assert worst_errors(arch, params, X, Y, old_delta)["dW2"] > 0.5
    assert worst_errors(arch, params, X, Y, old_slope)["db1"] > 1e-6
    assert max(worst_errors(arch, params, X, Y).values()) <= PRECISION
