"""Differential diagnosis: which known bug reproduces the user's wrong gradients.

A rule fires only when its mutant matches the user's gradient to a tight tolerance at
every evaluation point while the truth does not; its evidence carries both residuals.
Among mutants, the one that explains the most parameters wins, and on a tie the one
with fewer bugs (a single bug before a pair).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from netdoctor import mutants as mutant_lib
from netdoctor.compare import Tolerance, relative_error
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.mutants import Mutant
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import MUTANT_FIT


class EvaluatedPoint(Protocol):
    point: str
    values: ParameterValues
    claimed: dict[str, Any]
    truth: dict[str, np.ndarray]
    comparisons: dict[str, Any]


@dataclass
class Diagnosis:
    mutant: Mutant | None = None
    explained: dict[str, float] = field(default_factory=dict)  # parameter -> mutant residual
    truth_residuals: dict[str, float] = field(default_factory=dict)
    sign_flipped: dict[str, float] = field(default_factory=dict)
    point_mutants: list[Mutant] = field(default_factory=list)  # the winner at each point


def _residual(user: Any, target: np.ndarray, m: int) -> float:
    """Smallest relative error of user against the target summed or averaged over samples."""
    if user is None:
        return float("inf")
    user = np.asarray(user, dtype=np.float64)
    if user.shape != target.shape:
        if user.size != target.size:
            return float("inf")
        user = user.reshape(target.shape)
    if not (np.all(np.isfinite(user)) and np.all(np.isfinite(target))):
        return float("inf")
    known = ~np.isnan(target)
    return min(relative_error(user[known], c * target[known])[0] for c in (1.0, 1.0 / m))


def diagnose(
    subject: Subject,
    points: Sequence[EvaluatedPoint],
    hidden: str | None,
    loss: LossChoice,
    tolerance_of: Callable[[str, EvaluatedPoint], Tolerance],
) -> Diagnosis:
    diagnosis = Diagnosis()
    names = subject.structure.names
    m = subject.X.shape[0]
    wrong = [
        name
        for name in names
        if any(
            p.comparisons[name].verdict == "disagrees"
            and _residual(p.claimed.get(name), p.truth[name], m)
            > MUTANT_FIT * tolerance_of(name, p).agree
            for p in points
        )
    ]
    if not wrong or hidden is None:
        return diagnosis
    # Right up to the sum/mean convention at every point (a shape, a NaN or a kink is no
    # evidence either way).
    right = [
        name
        for name in names
        if name not in wrong
        and all(p.comparisons[name].verdict in ("agrees", "disagrees") for p in points)
    ]
    arch = architecture(hidden, loss, reduction="sum")
    per_point: list[list[Mutant]] = []
    per_point_user_shapes: list[list[dict[str, np.ndarray]]] = []
    for point in points:
        params = canonical_params(subject, point.values)
        make = mutant_lib.mutants_per_sample if subject.per_sample else mutant_lib.mutants
        found = make(arch, params, subject.X, subject.Y, subject.learning_rate)
        if loss.source == "default":
            # A file that names no loss is not accused of using the squared-error delta.
            found = [f for f in found if "ND104" not in f.codes]
        per_point.append(found)
        per_point_user_shapes.append(
            [
                subject.structure.from_canonical(mutant.weight_gradients, mutant.bias_gradients)
                for mutant in found
            ]
        )
    best: tuple[int, int, int] | None = None
    best_explained: dict[str, float] = {}
    for index in range(len(per_point[0])):
        explained: dict[str, float] = {}
        for name in names:
            residuals = []
            for point, shapes in zip(points, per_point_user_shapes, strict=True):
                tight = MUTANT_FIT * tolerance_of(name, point).agree
                residual = _residual(point.claimed.get(name), shapes[index][name], m)
                if residual > tight:
                    residuals = []
                    break
                residuals.append(residual)
            if residuals:
                explained[name] = max(residuals)
        explains_wrong = sum(1 for name in wrong if name in explained)
        if explains_wrong == 0 or any(name not in explained for name in right):
            continue  # a mutant that makes a right gradient wrong is not the bug
        # Every parameter must be consistent with the mutant, right ones included.
        score = (len(explained), explains_wrong, -len(per_point[0][index].bugs))
        if best is None or score > best:
            best, best_explained = score, explained
            diagnosis.mutant = per_point[0][index]
            diagnosis.point_mutants = [found[index] for found in per_point]
    if diagnosis.mutant is not None:
        diagnosis.explained = {n: r for n, r in best_explained.items() if n in wrong}
        diagnosis.truth_residuals = {
            name: max(_residual(p.claimed.get(name), p.truth[name], m) for p in points)
            for name in diagnosis.explained
        }
    for name in wrong:
        if name in diagnosis.explained:
            continue
        flipped = max(
            _residual(-np.asarray(p.claimed[name], dtype=np.float64), p.truth[name], m)
            if p.claimed.get(name) is not None
            else float("inf")
            for p in points
        )
        if flipped <= MUTANT_FIT * max(tolerance_of(name, p).agree for p in points):
            diagnosis.sign_flipped[name] = flipped
    return diagnosis
