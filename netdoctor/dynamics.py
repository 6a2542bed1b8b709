"""Facts about a recorded training run, for the training rules (ND301-ND308) to read,
and the replay of the same start with the true gradients.

Pure functions of a Recording; thresholds are in `tolerances.py`. The rules decide what
to report; this module only measures (when units died, whether outputs are stuck, how
large the updates were).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.record import Recording
from netdoctor.tolerances import (
    DEAD_ERROR,
    EXPLOSION_RATIO,
    LN2,
    PLATEAU,
    STUCK_LOSS,
    STUCK_MEAN,
    STUCK_SPREAD,
    WARM_UP,
)


@dataclass
class Replay:
    losses: list[float]
    steps: list[int]
    final_loss: float
    with_biases_added: bool = False
    biases_added_final_loss: float | None = None


def replay(
    hidden: str,
    loss: str,
    mse_half: bool,
    params: reference.DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float,
    steps: int,
    reduction: str,
    record_steps: list[int],
    factor: float = 1.0,
) -> tuple[list[float], float]:
    """Gradient descent with the true gradients: mean losses at `record_steps`, and the last.

    `factor`: the one factor the user's gradients carry (0.5 for squared error without its
    2): the replay takes the same effective step, so the comparison is fair."""
    learning_rate = learning_rate * factor
    arch = reference.Architecture(hidden, loss, reduction, "row", mse_half)
    mean_arch = reference.Architecture(hidden, loss, "mean", "row", mse_half)
    weights = [np.array(w, dtype=np.float64) for w in params.weights]
    biases = [None if b is None else np.array(b, dtype=np.float64) for b in params.biases]
    wanted = set(record_steps)
    losses: list[float] = []
    value = float("nan")
    with np.errstate(all="ignore"):
        for index in range(steps):
            current = reference.DenseParams(weights, biases)
            grads = reference.backward(arch, current, X, Y)
            value = grads.loss / (len(X) if reduction == "sum" else 1.0)  # the mean loss
            if index in wanted:
                losses.append(float(value))
            weights = [
                w - learning_rate * g for w, g in zip(weights, grads.weight_gradients, strict=True)
            ]
            biases = [
                None if b is None else b - learning_rate * g  # type: ignore[operator]
                for b, g in zip(biases, grads.bias_gradients, strict=True)
            ]
            if not np.isfinite(value):
                break
        final = reference.loss(mean_arch, reference.DenseParams(weights, biases), X, Y)
    return losses, float(final)


def update_ratio(record: Any, name: str) -> float:
    """How large the step's update was, relative to the weights' norm."""
    weight = record.weight_norms.get(name, 0.0)
    return record.update_norms.get(name, 0.0) / weight if weight > 0 else float("inf")


def summary(recording: Recording, replay_result: Replay | None) -> dict[str, Any]:
    """The run in figures, for the report's training section (finite values or None)."""
    losses = recording.losses()
    last = recording.steps[-1]
    result: dict[str, Any] = {
        "steps_run": recording.steps_run,
        "stopped": recording.stopped,
        "learning_rate": recording.learning_rate,
        "learning_rate_source": recording.learning_rate_source,
        "initial_loss": finite_or_none(losses[0]),
        "final_loss": finite_or_none(losses[-1]),
        "final_output_mean": finite_or_none(last.output_mean),
        "final_output_std": finite_or_none(last.output_std),
    }
    if replay_result is not None:
        result["replay_final_loss"] = finite_or_none(replay_result.final_loss)
        if replay_result.with_biases_added:
            result["replay_with_biases_final_loss"] = finite_or_none(
                replay_result.biases_added_final_loss
            )
    return result


def finite_or_none(value: float | None) -> float | None:
    """A number for JSON: NaN and inf (a run that diverged) become None."""
    return float(value) if value is not None and np.isfinite(value) else None


def explosions(recording: Recording, weight_names: tuple[str, ...]) -> list[tuple[int, float]]:
    """(step, update-to-weight ratio) of every recorded update larger than the weights."""
    found = []
    for record in recording.steps:
        ratio = max(update_ratio(record, n) for n in weight_names)
        if ratio > EXPLOSION_RATIO:
            found.append((record.step, ratio))
    return found


@dataclass(frozen=True)
class Deaths:
    """The first recorded step at which most of a layer's ReLUs were dead."""

    layer: int  # 1-based
    fraction: float
    step: int
    at_initialisation: float  # the worst layer's dead fraction before training
    at_end: float
    explosion: tuple[int, float] | None  # the last explosion before it


def deaths(recording: Recording, weight_names: tuple[str, ...]) -> Deaths | None:
    initial = max(recording.initial_dead, default=0.0)
    found = explosions(recording, weight_names)
    for record in recording.steps:
        worst = max(record.dead_fraction, default=0.0)
        if worst > DEAD_ERROR and worst > initial:
            before = [e for e in found if e[0] < record.step]
            return Deaths(
                record.dead_fraction.index(worst) + 1,
                worst,
                record.step,
                initial,
                max(recording.steps[-1].dead_fraction, default=0.0),
                before[-1] if before else None,
            )
    return None


def stuck_since(recording: Recording) -> int | None:
    """The step from which outputs sat at 0.5 and the loss at ln 2 to the end, if they do."""
    steps = recording.steps
    tail = steps[max(0, len(steps) - max(5, len(steps) // 10)) :]
    if not (recording.steps_run > WARM_UP and len(tail) >= 5 and all(is_stuck(s) for s in tail)):
        return None
    since = len(steps) - 1
    while since > 0 and is_stuck(steps[since - 1]):
        since -= 1
    return steps[since].step


def is_stuck(record: Any) -> bool:
    return bool(
        record.output_std < STUCK_SPREAD
        and abs(record.output_mean - 0.5) < STUCK_MEAN
        and abs(record.loss - LN2) < STUCK_LOSS
    )


def plateaued(losses: np.ndarray) -> bool:
    """The loss moved under 1 % over the second half of the run, either way."""
    half = losses[len(losses) // 2 :]
    if half.size < 2 or not np.isfinite(half[0]) or half[0] <= 0:
        return False
    return bool(abs(half[0] - half[-1]) / half[0] < PLATEAU)


def finite_losses(recording: Recording) -> np.ndarray:
    losses = recording.losses()
    return losses[np.isfinite(losses)]


def loss_rises(recording: Recording) -> bool:
    """The loss ends half again above where it started, or rose in most recorded steps."""
    finite = finite_losses(recording)
    if finite.size < 3 or recording.first_non_finite_step is not None:
        return False
    rising = finite[-1] > finite[0] * 1.5 and finite[-1] > 0.05
    return bool(rising or (rising_fraction(finite) > 0.4 and finite[-1] > finite[0]))


def rising_fraction(finite: np.ndarray) -> float:
    return float(np.mean(np.diff(finite) > 0))


def replay_descends(recording: Recording, replay_result: Replay | None) -> bool:
    """Correct gradients from the same start end below half the user's first loss."""
    finite = finite_losses(recording)
    return bool(
        finite.size
        and replay_result is not None
        and np.isfinite(replay_result.final_loss)
        and replay_result.final_loss < 0.5 * finite[0]
    )
