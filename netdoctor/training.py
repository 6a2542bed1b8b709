"""Watch the training: record the user's own run, replay it with the true gradients, and
turn both into ND3xx findings linked to the gradient findings that cause them."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor import dynamics, record, reference
from netdoctor.activations import ACTIVATIONS, base
from netdoctor.discover.common import UserCodeError
from netdoctor.evidence import TrainingEvidence
from netdoctor.floats import every_error_raises
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.load import read_source
from netdoctor.options import CheckOptions
from netdoctor.probes import first_non_finite_line
from netdoctor.progress import report_progress
from netdoctor.quiet import quiet_user_output
from netdoctor.rate_line import rate_line
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import RECORDING_SHARE, REPLAY_FITS
from netdoctor.verify import Verification

# How a recording ends when its verdict was clear before the requested steps (`settle.py`).
SETTLED = ("converged", "frozen")


@dataclass
class TrainingResult:
    evidence: TrainingEvidence | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    curves: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # the parameters the recorded run ended with, and after how many applied steps: the
    # report draws the decision boundary there as well as at the start
    trained: ParameterValues | None = None
    trained_steps: int = 0


def watch(subject: Subject, verification: Verification, options: CheckOptions) -> TrainingResult:
    result = TrainingResult()
    hidden, loss = verification.hidden, verification.loss
    if hidden is None or base(hidden) not in ACTIVATIONS or loss is None:
        result.notes.append(
            "training was not recorded: the forward pass matches no reference network"
        )
        return result
    if loss.linear_output:  # the training rules read a sigmoid's outputs (0.5, ln 2)
        result.notes.append("training was not recorded: a regression's linear output")
        return result
    assert hidden is not None
    learning_rate, source = record.learning_rate_of(subject)
    weight_names = tuple(s.name for s in subject.structure.slots if s.kind == "weight")
    # One budget for both: the recording may use its share, the replay ends by the end.
    began = time.monotonic()
    deadline = began + options.train_seconds
    with quiet_user_output():
        recording = record.record(
            subject,
            hidden,
            loss,
            record.user_step(subject, learning_rate),
            learning_rate,
            source,
            options.train_steps,
            began + RECORDING_SHARE * options.train_seconds,
            progress=report_progress,
            settle=lambda so_far, at: dynamics.verdict_clear(so_far, weight_names, at),
        )
    operation = _first_bad_operation(subject, recording)
    replay = _replay(subject, verification, recording, hidden, learning_rate, deadline)
    if recording.steps:
        lines = tuple(subject.parameter_lines.get(name) for name in weight_names)
        result.evidence = TrainingEvidence(
            recording,
            weight_names,
            replay,
            operation,
            lines,
            _negative_bias_lines(subject),
            _rate_line(subject, learning_rate),
        )
        result.summary = dynamics.summary(recording, replay)
    result.curves = {
        "steps": [s.step for s in recording.steps],
        "loss": [dynamics.finite_or_none(s.loss) for s in recording.steps],
        "output_std": [dynamics.finite_or_none(s.output_std) for s in recording.steps],
        "dead_fraction": [max(s.dead_fraction, default=0.0) for s in recording.steps],
        "replay_loss": [dynamics.finite_or_none(v) for v in replay.losses] if replay else [],
        # what the report's panels need: which activation (dead-ReLU or saturation panel),
        # how many samples (a spread of one output means nothing), the every-output-0.5 loss
        "hidden_activation": hidden,
        "saturated_fraction": [max(s.saturated_fraction, default=0.0) for s in recording.steps],
        "samples": int(np.asarray(subject.X).shape[0]),
        "coin_flip_loss": dynamics.finite_or_none(_coin_flip_loss(subject, hidden, loss)),
    }
    if recording.final_values is not None:
        result.trained = recording.final_values
        # a step that made inf/NaN is counted in steps_run but not applied
        result.trained_steps = recording.steps_run - (recording.stopped == "non-finite")
    if recording.error:
        result.notes.append(
            f"your training step raised at step {recording.steps_run}: {recording.error}"
        )
    return result


def _coin_flip_loss(subject: Subject, hidden: str, loss: LossChoice) -> float:
    """The loss with every output 0.5, as the recording measures loss: ln 2 for BCE."""
    arch = architecture(hidden, loss, reduction="mean")
    Y = np.asarray(subject.Y, dtype=np.float64)
    return reference.loss_from_output(arch, np.full(Y.size, 0.5), Y)


def _first_bad_operation(subject: Subject, recording: record.Recording) -> tuple[int, str] | None:
    """The step that produced inf/NaN, re-run: the first line whose value is inf or NaN
    (a loss on the way passed over), else the first numpy error raised. An overflow whose
    result is finite (`1 / (1 + np.exp(-x))` at x = -800 is 0) is not where NaN starts."""
    if recording.values_before_non_finite is None:
        return None
    values = recording.values_before_non_finite
    line = first_non_finite_line(subject, "claimed", (values,), gradients_only=True)
    if line is not None and subject.path:
        try:
            lines = read_source(subject.path)[0].splitlines()
        except Exception:
            lines = []
        if 0 < line <= len(lines):
            return line, lines[line - 1].strip()
    try:
        with every_error_raises():
            subject.claimed(recording.values_before_non_finite)
    except UserCodeError as error:
        if isinstance(error.error, FloatingPointError) and error.frames:
            line, _, text = error.frames[-1]
            return line, text.strip()
    except Exception:
        return None
    return None


def _replay(
    subject: Subject,
    verification: Verification,
    recording: record.Recording,
    hidden: str,
    learning_rate: float,
    deadline: float,
) -> dynamics.Replay | None:
    loss = verification.loss
    if loss is None or recording.steps_run == 0:
        return None
    assert verification.evidence is not None
    evidence = verification.evidence
    reductions = set(evidence.reductions().values())
    reduction = "mean" if reductions == {"mean"} and evidence.m > 1 else "sum"
    explained_by = evidence.diagnosis.raw_factor
    if not reductions and explained_by is not None and evidence.m > 1:
        # every gradient wrong, each a known bug's: the user's reduction is the one their
        # gradients carry against that bug's (averaged ones replayed averaged)
        if abs(explained_by * evidence.m - 1.0) <= 1e-6:
            reduction = "mean"
    factor = 1.0
    shared = evidence.shared_factor()
    if shared is not None and reduction == "sum":
        factor = shared
    params = canonical_params(subject, subject.initial)
    steps = [s.step for s in recording.steps]
    # The replay takes as many steps as the recording (a run that broke at step k is
    # replayed to k). A run that ended because its verdict was clear goes on, up to the
    # requested steps, until the replay's own loss settles too: the rules compare where
    # correct gradients get (a plateau the true gradients leave, a stuck run they fit).
    budget, at_least = recording.steps_run, None
    if recording.stopped in SETTLED:
        budget, at_least = recording.steps_requested, recording.steps_run
    losses, final, taken = dynamics.replay(
        hidden,
        loss.loss,
        loss.mse_half,
        params,
        subject.X,
        subject.Y,
        learning_rate,
        budget,
        reduction,
        steps,
        factor,
        at_least,
        deadline,
        verification.decay or 0.0,
    )
    result = dynamics.Replay(losses, steps, final, taken)
    missing = [i for i, b in enumerate(params.biases) if b is None]
    if missing and final > REPLAY_FITS:
        biased = type(params)(
            params.weights,
            [
                np.zeros(w.shape[1]) if b is None else b
                for w, b in zip(params.weights, params.biases, strict=True)
            ],
        )
        _, with_biases, _ = dynamics.replay(
            hidden,
            loss.loss,
            loss.mse_half,
            biased,
            subject.X,
            subject.Y,
            learning_rate,
            budget,
            reduction,
            [],
            factor,
            at_least,
            deadline,
            verification.decay or 0.0,
        )
        result.with_biases_added = True
        result.biases_added_final_loss = with_biases
    return result


def _rate_line(subject: Subject, learning_rate: float | None) -> int | None:
    try:
        _, tree = read_source(subject.path)
    except Exception:  # the file is gone or no longer parses: no line to give
        return None
    return rate_line(tree, learning_rate)


def _negative_bias_lines(subject: Subject) -> tuple[int | None, ...]:
    """Per hidden layer, the line of its biases when every one starts below zero."""
    found: list[int | None] = []
    for layer in range(subject.structure.n_layers - 1):
        biases = [s.name for s in subject.structure.slots if s.kind == "bias" and s.layer == layer]
        values = [np.asarray(subject.initial[name], dtype=np.float64) for name in biases]
        negative = bool(values) and all(v.size and np.all(v < 0) for v in values)
        found.append(subject.parameter_lines.get(biases[0]) if negative else None)
    return tuple(found)
