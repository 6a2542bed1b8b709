"""When a recording may end before the requested steps: its loss converged or froze.

A loss leaving a saddle (the XOR plateau at ln 2 that a correct network escapes) moves
a little, then more and more: it must never be taken for frozen, or a correct network
would be reported stuck at 0.5."""

from __future__ import annotations

import numpy as np

from netdoctor.settle import settled


def test_a_falling_loss_under_the_floor_has_converged() -> None:
    steps = np.arange(601)
    assert settled(steps, 1.0 / (1.0 + steps), 600) == "converged"


def test_a_loss_that_still_rises_now_and_then_has_not_converged() -> None:
    steps = np.arange(601)
    losses = 1.0 / (1.0 + steps)
    losses[550] = losses[549] * 1.01
    assert settled(steps, losses, 600) is None


def test_a_loss_at_a_fixed_point_is_frozen() -> None:
    steps = np.arange(401)
    losses = np.log(2) + 0.3 * np.exp(-steps / 10.0)
    assert settled(steps, losses, 400) == "frozen"


def test_a_loss_leaving_a_saddle_is_not_frozen() -> None:
    steps = np.arange(401)
    losses = np.log(2) - 1e-12 * np.exp(steps / 40.0)  # 1e-12 growing: still tiny at 400
    assert np.ptp(losses[200:]) < 1e-6 * np.log(2)
    assert settled(steps, losses, 400) is None


def test_no_verdict_before_step_200_or_with_nan() -> None:
    steps = np.arange(401)
    assert settled(steps[:101], np.full(101, 0.5), 100) is None
    losses = np.full(401, 0.5)
    losses[300] = np.nan
    assert settled(steps, losses, 400) is None
