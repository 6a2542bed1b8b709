"""The stale-weights step read off a gradient: the step and the scale a user's code used
are recovered whatever they are, and a gradient that is the truth's, scaled, or wrong in
another way, gives no step (no stale mutant to accuse)."""

from __future__ import annotations

import numpy as np
import pytest

from netdoctor import reference
from netdoctor.mutants import MutantSpec, build
from netdoctor.stale_fit import fitted_stale_step

ARCH = reference.Architecture(hidden_activation="tanh", loss="bce", reduction="sum")


def _network(seed: int = 0) -> tuple[reference.DenseParams, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = reference.DenseParams(
        weights=[rng.normal(size=(3, 5)), rng.normal(size=(5, 1))],
        biases=[rng.normal(size=(5,)), rng.normal(size=(1,))],
    )
    X = rng.normal(size=(12, 3))
    Y = (rng.random((12, 1)) > 0.5).astype(float)
    return params, X, Y


@pytest.mark.parametrize(("step", "scale"), [(0.05, 1.0), (0.3 * 0.1 / 12, 0.1 / 12), (2.0, 0.5)])
def test_the_step_of_a_stale_update_is_recovered(step: float, scale: float) -> None:
    """Momentum's (1 - beta), a mean over the batch and the rate all fold into the step."""
    params, X, Y = _network()
    stale = build(ARCH, params, X, Y, MutantSpec((), None, step)).weight_gradients[0]
    found = fitted_stale_step(ARCH, params, X, Y, scale * stale)
    assert found == pytest.approx(step, rel=1e-6)


def test_a_right_gradient_scaled_has_no_step() -> None:
    params, X, Y = _network(1)
    truth = build(ARCH, params, X, Y, MutantSpec((), None)).weight_gradients[0]
    assert fitted_stale_step(ARCH, params, X, Y, truth / 12) is None


def test_a_gradient_wrong_another_way_has_no_step() -> None:
    params, X, Y = _network(2)
    truth = build(ARCH, params, X, Y, MutantSpec((), None)).weight_gradients[0]
    wrong = truth.copy()
    wrong[0, 0] += 0.5 * float(np.max(np.abs(truth)))
    assert fitted_stale_step(ARCH, params, X, Y, wrong) is None
