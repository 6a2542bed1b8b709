"""The step a followed loop applies against the gradients its gradient function returned:
only a forgotten update or one up the gradient is a slip; an optimizer's step is not."""

from __future__ import annotations

import numpy as np

from netdoctor.discover.applied import update_slips

GRADIENT = np.array([[0.3, -1.2], [0.05, 0.7]])


def test_a_parameter_left_as_it_was_is_unchanged() -> None:
    assert update_slips({"b1": GRADIENT}, {"b1": np.zeros_like(GRADIENT)}) == {"b1": "unchanged"}


def test_a_step_up_the_gradient_is_flipped() -> None:
    assert update_slips({"W1": GRADIENT}, {"W1": -0.5 * GRADIENT}) == {"W1": "flipped"}


def test_rates_momentum_and_adam_are_no_slips() -> None:
    adam_first_step = GRADIENT / (np.abs(GRADIENT) + 1e-8)  # m_hat / sqrt(v_hat) at step 1
    applied = {"a": 0.1 * GRADIENT, "b": adam_first_step, "c": GRADIENT}
    returned = {name: GRADIENT for name in applied}
    assert update_slips(returned, applied) == {}


def test_a_zero_gradient_left_alone_is_no_slip() -> None:
    zero = np.zeros_like(GRADIENT)
    assert update_slips({"b2": zero}, {"b2": zero}) == {}
