"""Facts about a recorded training run, for the training rules (ND301-ND308) to read,
and the replay of the same start with the true gradients.

Pure functions of a Recording; thresholds are in `tolerances.py`. The rules decide what
to report; this module only measures (when units died, whether outputs are stuck, how
large the updates were).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.descent import Descent
from netdoctor.identify import LossChoice, architecture
from netdoctor.record import Recording
from netdoctor.settle import is_checkpoint, settled
from netdoctor.tolerances import (
    DEAD_ERROR,
    EXPLODING,
    EXPLOSION_RATIO,
    GRADIENT_RATIO_MARGIN,
    LN2,
    MAX_RECORDS,
    PLATEAU,
    SATURATED_LAYER,
    STUCK_LOSS,
    STUCK_MEAN,
    STUCK_SPREAD,
    TINY_RATIO,
    VANISHING,
    WARM_UP,
)


@dataclass
class Replay:
    losses: list[float]
    steps: list[int]
    final_loss: float
    steps_run: int = 0
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
    at_least: int | None = None,
    deadline: float | None = None,
    decay: float = 0.0,
) -> tuple[list[float], float, int]:
    """Gradient descent with the true gradients: mean losses at `record_steps`, the last,
    and the number of steps taken.

    `factor`: the one factor the user's gradients carry (0.5 for squared error without its
    2): the replay takes the same effective step, so the comparison is fair. `at_least`:
    after that many steps the replay ends at the first checkpoint where its own loss has
    settled (`settle.py`), else it runs `steps`. `deadline` (time.monotonic()) ends it
    whatever the count: the recording and the replay share one time budget. `decay`: the L2
    penalty (k of k * W, beside the summed gradient) the user's weight gradients carry: the
    replay descends the same penalised loss, so where it gets compares with the user's run."""
    learning_rate = learning_rate * factor
    arch = architecture(hidden, LossChoice(loss, reduction, mse_half, "replay"), reduction)
    mean_arch = dataclasses.replace(arch, reduction="mean")
    wanted = set(record_steps)
    losses: list[float] = []
    every_loss: list[float] = []
    value = float("nan")
    taken = 0
    with np.errstate(all="ignore"):
        descent = Descent(arch, params, X, Y, decay)
        for index in range(steps):
            if deadline is not None and time.monotonic() > deadline:
                break
            if (
                at_least is not None
                and index >= at_least
                and is_checkpoint(index - 1)
                and settled(np.arange(index), np.array(every_loss), index - 1)
            ):
                break
            value = descent.step(learning_rate) / (len(X) if reduction == "sum" else 1.0)
            every_loss.append(float(value))
            taken = index + 1
            if index in wanted:
                losses.append(float(value))
            if not np.isfinite(value):
                break
        final = reference.loss(mean_arch, descent.params(), X, Y)
    return losses, float(final), taken


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
        result["replay_steps_run"] = replay_result.steps_run
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
    """The loss ends half again above where it started, or rose in most recorded steps, or
    jumped up and stayed a fifth above its start the whole second half (one step too large
    drove every output to a rail, where it froze)."""
    finite = finite_losses(recording)
    if finite.size < 3 or recording.first_non_finite_step is not None:
        return False
    stayed_up = float(np.min(finite[finite.size // 2 :])) > finite[0] * 1.2
    rising = (finite[-1] > finite[0] * 1.5 or stayed_up) and finite[-1] > 0.05
    return bool(rising or (rising_fraction(finite) > 0.4 and finite[-1] > finite[0]))


def median_update_ratio(recording: Recording, weight_names: tuple[str, ...]) -> float:
    """The median over recorded steps of the largest update-to-weight ratio."""
    ratios = [max(update_ratio(s, n) for n in weight_names) for s in recording.steps]
    return float(np.median(ratios)) if ratios else 0.0


def too_small(recording: Recording, weight_names: tuple[str, ...]) -> bool:
    """Updates a 1e-5 of the weights (median) and the loss moved by under 1 %."""
    finite = finite_losses(recording)
    if finite.size == 0 or not weight_names:
        return False
    moved = abs(finite[0] - finite[-1]) / max(abs(finite[0]), 1e-12)
    median = median_update_ratio(recording, weight_names)
    return 0 < median < TINY_RATIO and moved < 0.01


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


def verdict_clear(recording: Recording, weight_names: tuple[str, ...], at: int) -> str | None:
    """Why the recording may end at step `at`, or None to go on.

    Settled losses are not enough: some rules read the whole run (the median update, the
    share of rising steps, the last tenth for stuck outputs). The rest of a settled run
    repeats its last state, so the run is extended with copies of its last record to the
    requested length and every such reading must agree with the run so far."""
    records = recording.steps
    if not is_checkpoint(at):
        return None
    reason = settled(np.array([s.step for s in records]), np.array([s.loss for s in records]), at)
    if reason is None or (reason == "converged" and _may_yet_change(records[-1], weight_names)):
        return None
    extended = _extended(recording)
    if _readings(recording, weight_names) != _readings(extended, weight_names):
        return None
    return reason


def _may_yet_change(last: Any, weight_names: tuple[str, ...]) -> bool:
    """A converged run's weights keep growing: saturation (ND304) or a gradient ratio
    (ND305) close to its threshold may still cross it."""
    if max(last.near_saturated, default=0.0) > SATURATED_LAYER:
        return True
    if len(weight_names) < 2:
        return False
    first = last.gradient_norms.get(weight_names[0], 0.0)
    final = last.gradient_norms.get(weight_names[-1], 0.0)
    if not (first > 0 and final > 0):
        return False
    ratio = first / final
    return bool(
        ratio < VANISHING * GRADIENT_RATIO_MARGIN or ratio > EXPLODING / GRADIENT_RATIO_MARGIN
    )


def _extended(recording: Recording) -> Recording:
    """The recording run on to its requested length, every later record a copy of its last."""
    last = recording.steps[-1]
    every = max(1, recording.steps_requested // MAX_RECORDS)  # as `record` keeps them
    later = [
        i
        for i in range(last.step + 1, recording.steps_requested)
        if i % every == 0 or i == recording.steps_requested - 1
    ]
    return dataclasses.replace(
        recording,
        steps=recording.steps + [dataclasses.replace(last, step=i) for i in later],
        steps_run=recording.steps_requested,
    )


def _readings(recording: Recording, weight_names: tuple[str, ...]) -> tuple[object, ...]:
    """What the training rules read from the whole run (ND301-ND303, ND308)."""
    finite = finite_losses(recording)
    died = deaths(recording, weight_names)
    return (
        stuck_since(recording),
        plateaued(finite),
        loss_rises(recording),
        too_small(recording, weight_names),
        None if died is None else (died.layer, died.step, died.at_end, died.explosion),
    )
