"""An L2 penalty in the user's weight gradients (`dW1 = X.T @ dZ1 / m + lambd / m * W1`,
the cost carrying `lambd / (2 m) * sum(W ** 2)`): each weight's gradient is the plain one
plus one common multiple of the weight itself, the biases' are plain. That is a choice of
loss, not a bug: the truth takes the same penalty, and the report says so. Pure math on
the points' claims, truths and values."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from netdoctor.numeric_decay import describe
from netdoctor.subject import Subject
from netdoctor.tolerances import scale_precision
from netdoctor.truth import PointResult


def weight_decay(subject: Subject, points: list[PointResult]) -> tuple[float, float] | None:
    """(k, c) with claimed = c * (truth + k * W) for the weights that carry the penalty at
    every point and claimed = c * truth for a bias at least (c = 1 for summed gradients, 1/m
    for averaged), k > 0; None when no such k fits, or the gradients fit without one.

    The k is the one most weights fit: a weight whose penalty has the wrong sign
    (`- lambd / m * W1` beside `+ lambd / m * W2`) must not hide the penalty the others
    carry, or every weight reads as wrong; it stays wrong against the penalised truth."""
    # a parameter the step never updates has no claim to fit (ND108 says so)
    slots = [s for s in subject.structure.slots if s.name not in subject.never_updated]
    weights = [s.name for s in slots if s.kind == "weight"]
    biases = [s.name for s in slots if s.kind == "bias"]
    precision = 10 * scale_precision(subject.user_dtype)
    m = subject.X.shape[0]
    for c in dict.fromkeys((1.0, 1.0 / m, *_bias_factor(points, biases))):
        # one right bias shows the reduction: the others may carry the bug (a hidden delta
        # wrong beside the penalty)
        if biases and not any(_fits(points, [b], c, 0.0, precision) for b in biases):
            continue
        best: tuple[int, float] | None = None
        for k in _candidate_rates(points, weights, c, precision):
            carried = sum(_fits(points, [name], c, k, precision) for name in weights)
            if carried and (best is None or carried > best[0]):
                best = (carried, k)
        if best is not None:
            return best[1], c
    return None


def _bias_factor(points: list[PointResult], biases: list[str]) -> list[float]:
    """The one positive factor the biases' claims are of their truths (2/m for a mean
    squared error without the 1/2, checked against the summed half one); none without
    biases."""
    pairs = [pair for point in points for name in biases if (pair := _pair(point, name))]
    if not pairs:
        return []
    claimed = np.concatenate([c.ravel() for c, _ in pairs])
    truth = np.concatenate([t.ravel() for _, t in pairs])
    norm = float(np.dot(truth, truth))
    factor = float(np.dot(claimed, truth)) / norm if norm > 0 else 0.0
    return [factor] if factor > 0 and np.isfinite(factor) else []


def _candidate_rates(
    points: list[PointResult], weights: list[str], c: float, precision: float
) -> list[float]:
    """The k of every weight's own fit (claimed / c - truth = k * W), positive, for the
    weights that do not fit without it (lambda = 1e-4 matters when the data term is small)."""
    rates: list[float] = []
    for name in weights:
        residuals, values = _weights(points, [name], c)
        if residuals is None or values is None:
            continue
        norm = float(np.dot(values, values))
        if norm == 0.0:
            continue
        k = float(np.dot(residuals, values)) / norm
        if k > 0 and not _fits(points, [name], c, 0.0, precision):
            rates.append(k)  # a penalty that matters: the weight does not fit without it
    return rates


def with_decay(points: list[PointResult], subject: Subject, k: float) -> None:
    """Each point's weight truths with the penalty's k * W added."""
    for point in points:
        for slot in subject.structure.slots:
            if slot.kind == "weight" and slot.name in point.truth:
                truth = np.asarray(point.truth[slot.name], dtype=np.float64)
                value = np.asarray(point.values[slot.name], dtype=np.float64).reshape(truth.shape)
                point.truth[slot.name] = truth + k * value


def penalise_the_truth(
    points: list[PointResult], subject: Subject, decay: tuple[float, float]
) -> None:
    """The penalty `decay` (k, c) given to the truth (`with_decay`), and a note saying so."""
    with_decay(points, subject, decay[0])
    subject.notes.append(
        f"your weight gradients carry an L2 penalty ({describe(*decay)}); the truth was "
        "given the same penalty"
    )


def _weights(
    points: list[PointResult], names: list[str], c: float
) -> tuple[np.ndarray | None, np.ndarray | None]:
    residuals, values = [], []
    for point in points:
        for name in names:
            pair = _pair(point, name)
            if pair is None:
                return None, None
            claimed, truth = pair
            residuals.append((claimed / c - truth).ravel())
            values.append(np.asarray(point.values[name], dtype=np.float64).ravel())
    if not residuals:
        return None, None
    return np.concatenate(residuals), np.concatenate(values)


def _pair(point: PointResult, name: str) -> tuple[np.ndarray, np.ndarray] | None:
    claimed: Any = point.claimed.get(name)
    truth = point.truth.get(name)
    if claimed is None or truth is None:
        return None
    claimed = np.asarray(claimed, dtype=np.float64)
    truth = np.asarray(truth, dtype=np.float64)
    if claimed.shape != truth.shape or not (
        np.all(np.isfinite(claimed)) and np.all(np.isfinite(truth))
    ):
        return None
    return claimed, truth


def _fits(
    points: list[PointResult], names: list[str], c: float, k: float, precision: float
) -> bool:
    """Every claim is c * (truth + k * W) to the precision (k = 0: the plain truth)."""
    for point in points:
        for name in names:
            pair = _pair(point, name)
            if pair is None:
                return False
            claimed, truth = pair
            expected = truth + k * np.asarray(point.values[name], dtype=np.float64).reshape(
                truth.shape
            )
            scale = max(float(np.linalg.norm(expected)), 1e-300)
            if float(np.linalg.norm(claimed / c - expected)) > precision * scale:
                return False
    return True


def decay_beside_a_bug(
    subject: Subject, points: list[PointResult], mutants: list[Any]
) -> tuple[float, float] | None:
    """(k, c) of an L2 penalty fitted against the winning mutant's gradients, one per
    point: a bug that reaches every layer (ND113's output delta) leaves no gradient for the
    truth's own fit (`weight_decay`), so an L2 network's bug was explained in its biases
    only and its weights read as ND100."""
    if not mutants or len(mutants) != len(points):
        return None
    beside = []
    for point, mutant in zip(points, mutants, strict=True):
        shapes = subject.structure.from_canonical(mutant.weight_gradients, mutant.bias_gradients)
        beside.append(replace(point, truth={**point.truth, **shapes}))
    return weight_decay(subject, beside)
