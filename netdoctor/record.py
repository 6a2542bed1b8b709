"""The flight recorder: the user's own training, observed step by step.

Each step applies the user's update (their update function or method, or gradient
descent with their gradients and their learning rate) from their initialisation on their
data, for a bounded number of steps and seconds. Per step it keeps what the dynamics
rules need: loss, the outputs' mean and spread, per-parameter gradient and update norms,
the fraction of dead ReLUs and saturated sigmoid/tanh units per layer, and the first step
at which anything became inf or NaN. The replay runs the same schedule with the true
gradients. Nothing here decides; `dynamics.py` does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.activations import derivative
from netdoctor.floats import all_finite
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import (
    DEAD_ACTIVE_FRACTION,
    DEFAULT_LEARNING_RATE,
    MAX_RECORDS,
    NEAR_SATURATION_SLOPE,
    RECORD_EVERY_STEP,
    SATURATION_SLOPE,
)


@dataclass
class StepRecord:
    step: int
    loss: float
    output_mean: float
    output_std: float
    gradient_norms: dict[str, float]
    update_norms: dict[str, float]
    weight_norms: dict[str, float]
    dead_fraction: list[float]  # per hidden layer (ReLU-like layers; 0 otherwise)
    saturated_fraction: list[float]  # per hidden layer (sigmoid/tanh; 0 otherwise)
    # the same with a slope 100 times larger: units a converging run may yet saturate
    near_saturated: list[float] = field(default_factory=list)


@dataclass
class Recording:
    learning_rate: float
    learning_rate_source: str
    hidden: str
    steps_requested: int
    steps: list[StepRecord] = field(default_factory=list)
    steps_run: int = 0
    # completed, converged, frozen (the verdict was clear before max_steps: `settle.py`),
    # time budget, non-finite, interrupted, user code raised
    stopped: str = "completed"
    first_non_finite_step: int | None = None
    initial_dead: list[float] = field(default_factory=list)
    initial_symmetric: list[bool] = field(default_factory=list)
    error: str | None = None
    values_before_non_finite: ParameterValues | None = None  # to replay the step that broke
    final_values: ParameterValues | None = None

    def losses(self) -> np.ndarray:
        return np.array([s.loss for s in self.steps], dtype=np.float64)


def learning_rate_of(subject: Subject) -> tuple[float, str]:
    if subject.file_learning_rate:
        return float(subject.file_learning_rate), "your file's learning rate"
    if subject.learning_rate:
        return float(subject.learning_rate), (
            "the rate your training step uses (--lr sets another)"
        )
    return DEFAULT_LEARNING_RATE, f"default {DEFAULT_LEARNING_RATE} (none found in your file)"


@dataclass(frozen=True)
class LayerHealth:
    """Per hidden layer: the fraction of dead ReLUs, of saturated sigmoid/tanh units, and
    of units within 100 times of saturation (which a converging run may yet saturate)."""

    dead: list[float]
    saturated: list[float]
    near_saturated: list[float]


# "Inactive on every sample" means nothing for a step that sees one sample (a per-sample
# loop's first `x`): half the units of a healthy layer are off on any single input. XOR's
# four samples are the smallest whole dataset a check sees.
MIN_SAMPLES_FOR_DEAD = 4


def layer_health(hidden: str, pre_activations: list[np.ndarray]) -> LayerHealth:
    """Dead, saturated and nearly saturated fractions per hidden layer, from
    pre-activations (m, n); one derivative per layer for both slope limits."""
    health = LayerHealth([], [], [])
    for z in pre_activations:
        dead = saturated = near = 0.0
        # A leaky unit below zero on every sample still passes its slope's share of the
        # gradient and can come back: not dead (leaky ReLU is the usual cure for ND301).
        if hidden == "relu" and z.shape[0] >= MIN_SAMPLES_FOR_DEAD:
            active = (z > 0).mean(axis=0)
            dead = float(np.mean(active < DEAD_ACTIVE_FRACTION))
        elif hidden in ("sigmoid", "tanh"):
            slope = derivative(hidden, z) / (0.25 if hidden == "sigmoid" else 1.0)
            every_sample = 1.0 - DEAD_ACTIVE_FRACTION
            saturated = float(np.mean((slope < SATURATION_SLOPE).mean(axis=0) >= every_sample))
            near = float(np.mean((slope < NEAR_SATURATION_SLOPE).mean(axis=0) >= every_sample))
        health.dead.append(dead)
        health.saturated.append(saturated)
        health.near_saturated.append(near)
    return health


def symmetric_layers(subject: Subject, values: ParameterValues) -> list[bool]:
    """Whether each hidden layer's units are identical (same incoming weights and bias)."""
    weights, biases = subject.structure.canonical(values)
    result = []
    for w, b in zip(weights[:-1], biases[:-1], strict=True):
        columns = np.asarray(w, dtype=np.float64)
        if b is not None:
            columns = np.vstack([columns, np.asarray(b, dtype=np.float64).reshape(1, -1)])
        result.append(bool(columns.shape[1] > 1 and np.allclose(columns, columns[:, :1])))
    return result


def _record_step(
    recording: Recording,
    subject: Subject,
    arch: reference.Architecture,
    hidden: str,
    index: int,
    values: ParameterValues,
    new: ParameterValues,
    gradients: dict[str, Any],
) -> bool:
    """Append the record of one step; False when the loss before it is already not finite.
    One errstate for the whole record (its norms took one each: a quarter of its time)."""
    with np.errstate(all="ignore"):
        passed = reference.forward(arch, canonical_params(subject, values), subject.X)
        loss_value = reference.loss_from_logits(arch, passed.pre_activations[-1], subject.Y)
        output = passed.activations[-1]
        health = layer_health(hidden, passed.pre_activations[:-1])
        names = subject.structure.names
        recording.steps.append(
            StepRecord(
                step=index,
                loss=float(loss_value),
                output_mean=float(output.mean()),
                output_std=float(output.std()),
                gradient_norms={k: _norm(v) for k, v in gradients.items()},
                update_norms={
                    n: _norm(
                        np.asarray(new[n], dtype=np.float64)
                        - np.asarray(values[n], dtype=np.float64)
                    )
                    for n in names
                },
                weight_norms={n: _norm(values[n]) for n in names},
                dead_fraction=health.dead,
                saturated_fraction=health.saturated,
                near_saturated=health.near_saturated,
            )
        )
    return bool(np.isfinite(loss_value))


def _norm(value: Any) -> float:
    """The 2-norm; inf for weights that have blown up (the NaN rule reports those). Under
    the caller's np.errstate: an overflow here is no news."""
    array = np.asarray(value, dtype=np.float64)
    return float(np.sqrt(np.sum(array * array))) if array.size else 0.0


Step = Callable[[ParameterValues], tuple[ParameterValues, dict[str, Any]]]
# (the recording so far, the step just recorded) -> why it may end there, or None
Settle = Callable[["Recording", int], str | None]


def user_step(subject: Subject, learning_rate: float) -> Step:
    """One step of the user's training: new values and the gradients it used. A Subject
    whose code runs in another process brings its own (`remote.py`: steps run ahead)."""
    if subject.training_steps is not None:
        return subject.training_steps(learning_rate)  # type: ignore[no-any-return]
    claim = subject.training_claimed or subject.claimed

    def step(values: ParameterValues) -> tuple[ParameterValues, dict[str, Any]]:
        claimed = claim(values).gradients
        return gradient_step(subject, values, claimed, learning_rate), claimed

    return step


def gradient_step(
    subject: Subject, values: ParameterValues, claimed: dict[str, Any], learning_rate: float
) -> ParameterValues:
    """`values` moved down the claimed gradients at `learning_rate`, in the user's types;
    a parameter without a gradient of its size stays."""
    new = {}
    for slot in subject.structure.slots:
        gradient = claimed.get(slot.name)
        value = np.asarray(values[slot.name], dtype=np.float64)
        if gradient is None or np.size(gradient) != value.size:
            new[slot.name] = values[slot.name]
            continue
        updated = value - learning_rate * np.asarray(gradient, dtype=np.float64).reshape(
            value.shape
        )
        new[slot.name] = updated
    return subject.cast_like_user(new)


def record(
    subject: Subject,
    hidden: str,
    loss: LossChoice,
    step: Step,
    learning_rate: float,
    learning_rate_source: str,
    max_steps: int,
    deadline: float,
    start: ParameterValues | None = None,
    progress: Callable[[int, int], None] | None = None,
    settle: Settle | None = None,
) -> Recording:
    """Run `step` from `start` (the user's initial values) and record every step, until
    `max_steps`, the `deadline` (time.monotonic()), inf/NaN, or `settle` says the verdict
    is clear (its reason becomes `stopped`)."""
    values = dict(start if start is not None else subject.initial)
    recording = Recording(learning_rate, learning_rate_source, hidden, max_steps)
    arch = architecture(hidden, loss, reduction="mean")
    first = reference.forward(arch, canonical_params(subject, values), subject.X)
    recording.initial_dead = layer_health(hidden, first.pre_activations[:-1]).dead
    recording.initial_symmetric = symmetric_layers(subject, values)
    every = max(1, max_steps // MAX_RECORDS)
    try:
        for index in range(max_steps):
            if time.monotonic() > deadline:
                recording.stopped = "time budget"
                break
            with np.errstate(all="ignore"):
                new, gradients = step(values)
                finite = all(all_finite(v) for v in new.values())
            wanted = index < RECORD_EVERY_STEP or index % every == 0 or index == max_steps - 1
            if wanted or not finite:
                finite = (
                    _record_step(recording, subject, arch, hidden, index, values, new, gradients)
                    and finite
                )
            recording.steps_run = index + 1
            if progress is not None and index % 50 == 0:
                progress(index, max_steps)
            if not finite:
                recording.first_non_finite_step = index
                recording.values_before_non_finite = dict(values)
                recording.stopped = "non-finite"
                break
            values = new
            reason = settle(recording, index) if settle is not None and wanted else None
            if reason is not None:
                recording.stopped = reason
                break
    except KeyboardInterrupt:
        recording.stopped = "interrupted"
    except Exception as error:  # the user's code raised mid-training: the record so far stands
        recording.stopped = "user code raised"
        recording.error = f"{type(error).__name__}: {error}"
    recording.final_values = values
    return recording
