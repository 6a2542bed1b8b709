"""Which loss the truth is computed for, when the file does not say, and the points it is
computed at.

A file names its loss (a loss function, a loss its loop computes, `--loss`), or hints at
it; else cross-entropy is the default. A file whose gradients are a squared error's (the
classic blog script: `l2_delta = l2_error * nonlin(l2, deriv=True)`, no loss written
anywhere) is read as one when that truth fits every gradient, with the reference network
or, where the forward matches none (dropout's random mask), with finite differences of
the user's own forward pass.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from netdoctor.compare import best_scale, relative_error
from netdoctor.identify import LINEAR_SOURCE, SQUARED_SOURCE, LossChoice, linear_output
from netdoctor.options import CheckOptions
from netdoctor.subject import Subject
from netdoctor.tolerances import SCALED_FIT
from netdoctor.truth import PointResult, numeric_truth, term_magnitudes, true_gradients


def loss_choice(
    options: CheckOptions, user_loss: LossChoice | None, subject: Subject
) -> LossChoice:
    if options.loss:
        return LossChoice(options.loss, "sum", False, f"--loss {options.loss}")
    if user_loss is not None:
        return user_loss
    if subject.loss_hint:
        return LossChoice("bce", subject.loss_hint_reduction, False, subject.loss_hint)
    if subject.squared_hint and not targets_are_labels(subject.Y):
        source, reduction, half = subject.squared_hint
        return LossChoice(
            "mse", reduction, bool(half), f"{source}, for targets that are not labels"
        )
    return LossChoice("bce", "sum", False, "default")


def targets_are_labels(Y: np.ndarray) -> bool:
    """Targets of a classifier: two values at most (0/1, or 0.1/0.9 smoothed). A regression
    squashed into [0, 1] has many, and a squared error the file computes is its loss."""
    values = np.asarray(Y, dtype=np.float64)
    return np.unique(values[np.isfinite(values)]).size <= 2


def point_results(
    subject: Subject, claimed_at: list[Any], hidden: str | None, loss: LossChoice, seed: int
) -> list[PointResult]:
    """The claims at each point against the truth: the reference network's for `hidden`,
    else finite differences of the user's forward (with its directional checks)."""
    points = []
    for label, values, claimed in claimed_at:
        directional = {}
        if hidden is None:
            truth, directional = numeric_truth(subject, values, loss, seed, claimed.gradients)
        else:
            truth = true_gradients(subject, values, hidden, loss, seed)
        points.append(
            PointResult(
                label,
                values,
                claimed.gradients,
                claimed.mutated,
                truth,
                {},
                "reference" if hidden is not None else "numeric",
                term_magnitudes(subject, values, hidden, loss),
                directional,
            )
        )
    return points


def squared_when_it_fits(
    subject: Subject,
    claimed_at: list[Any],
    loss: LossChoice,
    points: list[PointResult],
    seed: int,
) -> tuple[LossChoice, list[PointResult]]:
    """With a numeric truth and no loss named: the squared error (with or without 1/2)
    when its finite differences clear more gradients than the default's (all of them, or
    the output layer's of a network with a bug in its hidden delta) and the outputs are
    probabilities; else the default."""
    best = _numeric_fitting(subject, points)
    if best == len(subject.structure.names) or not _probabilities(subject, points):
        return loss, points  # (outputs outside (0, 1) under 0/1 targets: ND207's to say)
    for half in (False, True):
        squared = LossChoice("mse", "sum", half, SQUARED_SOURCE)
        squared_points = point_results(subject, claimed_at, None, squared, seed)
        fitting = _numeric_fitting(subject, squared_points)
        if fitting > best:
            best, loss, points = fitting, squared, squared_points
    return loss, points


def _probabilities(subject: Subject, points: list[PointResult]) -> bool:
    """Whether the forward pass's outputs stay in [0, 1] at every point, and with the
    output layer's parameters 50 times as large: a sigmoid's do, a linear output's leave."""
    if subject.forward is None:
        return False
    last = subject.structure.n_layers - 1
    scaled = {s.name for s in subject.structure.slots if s.layer == last}
    values = [p.values for p in points]
    values += [{k: v * 50.0 if k in scaled else v for k, v in p.values.items()} for p in points]
    try:
        with np.errstate(all="ignore"):
            outputs = [np.asarray(subject.forward(v), dtype=np.float64) for v in values]
    except Exception:
        return False
    return all(np.all((output >= 0) & (output <= 1)) for output in outputs)


def _numeric_fitting(subject: Subject, points: list[PointResult]) -> int:
    """How many parameters' directional checks cleared their claim (up to the sum or mean
    convention) at every point."""
    return sum(
        all(
            (check := point.directional.get(name)) is not None and check.factor is not None
            for point in points
        )
        for name in subject.structure.names
    )


def against(
    subject: Subject,
    points: list[PointResult],
    hidden: str | None,
    loss: LossChoice,
    seed: int,
) -> list[PointResult]:
    """The same claims at the same points, with the truth of another loss."""
    return [
        PointResult(
            p.point,
            p.values,
            p.claimed,
            p.mutated,
            true_gradients(subject, p.values, hidden, loss, seed),
            {},
            p.truth_kind,
            term_magnitudes(subject, p.values, hidden, loss),
        )
        for p in points
    ]


def output_layer_fits(
    subject: Subject, claimed_at: Any, hidden: str | None, loss: LossChoice, seed: int
) -> bool:
    """Whether the user's output-layer gradients are the truth's (up to one factor, a sign
    slip included) when their forward pass returns logits: the delta `sigmoid(z) - y` of a
    file that squashes them later, not the `z - y` of one that takes them for
    probabilities."""
    _, values, claimed = claimed_at
    last = subject.structure.n_layers - 1
    names = [s.name for s in subject.structure.slots if s.layer == last]
    losses = [loss] if loss.source != "default" else [loss, LossChoice("mse", "sum", False, "")]
    return any(
        all(
            _fits_up_to_a_factor(claimed.gradients.get(name), truth.get(name), values.get(name))
            for name in names
        )
        for truth in (true_gradients(subject, values, hidden, each, seed) for each in losses)
    )


def regression_loss(
    subject: Subject,
    claimed_at: Any,
    hidden: str,
    loss: LossChoice,
    points: list[Any],
    seed: int,
) -> LossChoice | None:
    """Squared error on a linear output unit, when the forward pass returns its output
    unsquashed, the loss is squared error (the file's, or the default's reading of an
    output or targets outside [0, 1]) and the output layer's gradients are that network's
    (up to one factor): a regression, checked against its own reference network, so its
    hidden-layer slips are named like a classifier's. None otherwise."""
    if loss.loss == "mse":
        regression = replace(loss, linear_output=True)
    elif loss.source == "default" and linear_output(subject, points):
        regression = LossChoice("mse", "sum", False, LINEAR_SOURCE, linear_output=True)
    else:
        return None
    return regression if output_layer_fits(subject, claimed_at, hidden, regression, seed) else None


def _fits_up_to_a_factor(user: Any, known: Any, weights: Any = None) -> bool:
    """`user` is c x `known`, or c x `known` plus an L2 penalty's d x `weights` (d > 0)."""
    if user is None or known is None or np.size(user) != np.size(known):
        return False
    user = np.asarray(user, dtype=np.float64).reshape(np.shape(known))
    scale = best_scale(user, known)  # a sign slip is still the logits' gradient (ND105)
    if scale is not None and scale != 0 and relative_error(user, scale * known)[0] <= SCALED_FIT:
        return True
    if weights is None or np.size(weights) != np.size(known) or np.size(known) < 3:
        return False
    basis = np.stack([np.ravel(known), np.ravel(np.asarray(weights, dtype=np.float64))], axis=1)
    (c, d), *_ = np.linalg.lstsq(basis, np.ravel(user), rcond=None)
    fitted = (basis @ np.array([c, d])).reshape(np.shape(known))
    return bool(c != 0 and d > 0 and relative_error(user, fitted)[0] <= SCALED_FIT)
