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
from netdoctor.compare import TINY, Tolerance, relative_error
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.mutants import Mutant
from netdoctor.reference import Architecture, DenseParams
from netdoctor.stale_fit import fitted_stale_step
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import MUTANT_FIT, numeric_tolerance


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
    # the factor every user gradient carries against the winner's (squared error without
    # its 2, momentum's 1 - beta): its intermediates are looked for that many times over
    factor: float = 1.0
    # the same factor as fitted, conventions included: 1/m when the user averages what the
    # winner sums (how training with correct gradients must be replayed to compare)
    raw_factor: float | None = None


def _aligned(user: Any, target: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The user's gradient and the target as matching finite arrays (NaN targets left out)."""
    if user is None:
        return None
    user = np.asarray(user, dtype=np.float64)
    if user.shape != target.shape:
        if user.size != target.size:
            return None
        user = user.reshape(target.shape)
    if not (np.all(np.isfinite(user)) and np.all(np.isfinite(target))):
        return None
    known = ~np.isnan(target)
    return user[known], target[known]


def _residual(user: Any, target: np.ndarray, m: int, shared: float | None = None) -> float:
    """Smallest relative error of user against the target summed or averaged over samples,
    or times the factor every parameter shares (`shared`)."""
    pair = _aligned(user, target)
    if pair is None:
        return float("inf")
    user, target = pair
    factors = (1.0, 1.0 / m) if shared is None else (1.0, 1.0 / m, shared)
    return min(relative_error(user, c * target)[0] for c in factors)


def _largest(values: Any) -> float:
    array = np.asarray(values, dtype=np.float64)
    finite = array[np.isfinite(array)]
    return float(np.max(np.abs(finite))) if finite.size else 0.0


def _both_nil(user: Any, target: np.ndarray, largest: float) -> bool:
    """Whether the user's gradient and the mutant's are both rounding noise beside the
    largest gradient of the network (`1e-18` for a bias whose samples' deltas cancel
    exactly): their relative error is noise too, and says nothing either way."""
    if user is None or largest <= 0.0:
        return False
    floor = 1e-12 * largest
    return _largest(user) <= floor and _largest(target) <= floor


def _unconventional(shared: float | None, m: int) -> float:
    """The shared factor, or 1 when it is the sum's or the mean's (the places a bug is
    looked for are the per-sample deltas, which neither convention scales)."""
    if shared is None or any(abs(shared - c) <= 1e-6 * c for c in (1.0, 1.0 / m)):
        return 1.0
    return shared


def _shared_factor(claimed: dict[str, Any], targets: dict[str, np.ndarray]) -> float | None:
    """The one positive factor that best relates every gradient of the user's to the
    mutant's: a step that scales them all alike (momentum's `(1 - beta) * g` from a zero
    velocity, a rate folded into the gradients) is a convention, as it is for the truth.
    A negative factor is a sign slip, never a convention."""
    products = squares = 0.0
    for name, target in targets.items():
        pair = _aligned(claimed.get(name), target)
        if pair is None:
            continue
        user, known = pair
        products += float(np.sum(user * known))
        squares += float(np.sum(known * known))
    if squares < TINY or products <= 0:
        return None
    return products / squares


def diagnose(
    subject: Subject,
    points: Sequence[EvaluatedPoint],
    hidden: str | None,
    loss: LossChoice,
    tolerance_of: Callable[[str, EvaluatedPoint], Tolerance],
    decay: float | None = None,
) -> Diagnosis:
    """`decay`: the L2 penalty's k the truth was given (`penalty.with_decay`); every
    mutant's weight gradients take it too, or an L2 network's bug is explained nowhere."""
    diagnosis = Diagnosis()
    names = subject.structure.names
    m = subject.X.shape[0]
    # A gradient the truth explains up to the factor all share (the same at every point: a
    # rate does not change) is not wrong, or a mutant that is the truth up to a factor
    # would "explain" a step that only scales them all.
    truth_factor = (
        _shared_factor(points[0].claimed, {n: points[0].truth[n] for n in names})
        if points
        else None
    )
    wrong = [
        name
        for name in names
        if any(
            p.comparisons[name].verdict == "disagrees"
            and _residual(p.claimed.get(name), p.truth[name], m, truth_factor)
            > MUTANT_FIT * tolerance_of(name, p).agree
            for p in points
        )
    ]
    if not wrong:
        return diagnosis
    if hidden is None:  # finite-difference truth: no mutants, but minus it is still telling
        _sign_flipped(diagnosis, wrong, points, m, tolerance_of)
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
    candidates = _candidates(subject, points, arch, loss, decay or 0.0)
    best: tuple[int, int, int] | None = None
    best_explained: dict[str, float] = {}
    for build in candidates:
        # One candidate at a time, across the points; a candidate that cannot win (it makes
        # a right gradient wrong, or explains no wrong one) is dropped at the first point
        # that shows it, and only the best one's arrays are kept.
        built: list[Mutant] = []
        explained: dict[str, float] = {name: 0.0 for name in names}
        shared: float | None = None
        for point, make in zip(points, build, strict=True):
            mutant = make()
            shapes = subject.structure.from_canonical(
                mutant.weight_gradients, mutant.bias_gradients
            )
            if decay:
                shapes = _penalised(subject, shapes, point.values, decay)
            if not built:  # one factor for every point: the learning rate does not change
                shared = _shared_factor(point.claimed, {n: shapes[n] for n in names})
            largest = max((_largest(shapes[n]) for n in names), default=0.0)
            for name in list(explained):
                tight = MUTANT_FIT * tolerance_of(name, point).agree
                residual = _residual(point.claimed.get(name), shapes[name], m, shared)
                if _both_nil(point.claimed.get(name), shapes[name], largest):
                    residual = 0.0  # (biases of data symmetric about 0: both sums cancel)
                if residual > tight:
                    del explained[name]
                else:
                    explained[name] = max(explained[name], residual)
            built.append(mutant)
            if any(name not in explained for name in right) or not any(
                name in explained for name in wrong
            ):
                break
        else:
            explains_wrong = sum(1 for name in wrong if name in explained)
            # Every parameter must be consistent with the mutant, right ones included.
            score = (len(explained), explains_wrong, -len(built[0].bugs))
            if best is None or score > best:
                best, best_explained = score, explained
                diagnosis.mutant = built[0]
                diagnosis.point_mutants = built
                diagnosis.factor = _unconventional(shared, m)
                diagnosis.raw_factor = shared
    if diagnosis.mutant is not None:
        diagnosis.explained = {n: r for n, r in best_explained.items() if n in wrong}
        diagnosis.truth_residuals = {
            name: max(_residual(p.claimed.get(name), p.truth[name], m) for p in points)
            for name in diagnosis.explained
        }
    _sign_flipped(
        diagnosis, [n for n in wrong if n not in diagnosis.explained], points, m, tolerance_of
    )
    return diagnosis


def _penalised(
    subject: Subject, gradients: dict[str, Any], values: dict[str, Any], k: float
) -> dict[str, Any]:
    penalised = dict(gradients)
    for slot in subject.structure.slots:
        if slot.kind == "weight" and slot.name in penalised:
            gradient = np.asarray(penalised[slot.name], dtype=np.float64)
            value = np.asarray(values[slot.name], dtype=np.float64).reshape(gradient.shape)
            penalised[slot.name] = gradient + k * value
    return penalised


def _agree(tolerance: Tolerance, point: EvaluatedPoint) -> float:
    """The agree band, at least a finite-difference truth's own (its estimates are off by
    more than a dtype's rounding)."""
    if getattr(point, "truth_kind", "reference") == "numeric":
        return max(tolerance.agree, numeric_tolerance(8).agree)
    return tolerance.agree


def _sign_flipped(
    diagnosis: Diagnosis,
    wrong: list[str],
    points: Sequence[EvaluatedPoint],
    m: int,
    tolerance_of: Callable[[str, EvaluatedPoint], Tolerance],
) -> None:
    """The wrong gradients that are minus the truth at every point: summed, averaged, or
    times any positive factor (momentum's first step is (1 - beta) times the gradient; a
    step scaled so still climbs the loss)."""
    for name in wrong:
        flipped = max(
            _residual(
                -np.asarray(p.claimed[name], dtype=np.float64),
                p.truth[name],
                m,
                _shared_factor(
                    {name: -np.asarray(p.claimed[name], dtype=np.float64)}, {name: p.truth[name]}
                ),
            )
            if p.claimed.get(name) is not None
            else float("inf")
            for p in points
        )
        if flipped <= MUTANT_FIT * max(_agree(tolerance_of(name, p), p) for p in points):
            diagnosis.sign_flipped[name] = flipped


def _candidates(
    subject: Subject,
    points: Sequence[EvaluatedPoint],
    arch: Architecture,
    loss: LossChoice,
    decay: float = 0.0,
) -> list[list[Callable[[], Mutant]]]:
    """For each candidate bug, in tie-breaking order, a builder of its mutant at each point.

    Code that runs one sample at a time gets every mutant built up front (its networks are
    small); a batch network's mutants are built on demand from one forward pass per point.
    """

    def keep(mutant: Mutant | mutant_lib.MutantSpec) -> bool:
        # A file that names no loss is not accused of using the squared-error delta.
        return loss.source != "default" or "ND104" not in mutant.codes

    params = [canonical_params(subject, point.values) for point in points]
    if subject.per_sample:
        found = [
            [
                mutant
                for mutant in mutant_lib.mutants_per_sample(
                    arch, p, subject.X, subject.Y, subject.learning_rate, decay
                )
                if keep(mutant)
            ]
            for p in params
        ]
        return [
            [lambda mutant=per_point[index]: mutant for per_point in found]
            for index in range(len(found[0]))
        ]
    m = subject.X.shape[0]
    specs = [
        spec
        for spec in mutant_lib.plan(
            arch,
            len(params[0].weights),
            m,
            subject.learning_rate,
            [np.shape(w) for w in params[0].weights],
            decay,
            _stale_steps(subject, points[0], arch, params[0]),
        )
        if keep(spec)
    ]
    passes: list[Any] = [None] * len(params)

    def builder(index: int, spec: mutant_lib.MutantSpec) -> Callable[[], Mutant]:
        def make() -> Mutant:
            if passes[index] is None:
                passes[index] = mutant_lib.shared_forward(arch, params[index], subject.X)
            return mutant_lib.build(arch, params[index], subject.X, subject.Y, spec, passes[index])

        return make

    return [[builder(index, spec) for index in range(len(params))] for spec in specs]


def _stale_steps(
    subject: Subject, point: EvaluatedPoint, arch: Architecture, params: DenseParams
) -> tuple[float, ...]:
    """The stale-weights step the user's gradient shows, when it shows one: a step made
    with momentum's (1 - beta), a batch's size, or a rate the file does not name."""
    if len(params.weights) < 2:
        return ()
    try:
        claimed, _ = subject.structure.canonical(point.claimed)
        step = fitted_stale_step(arch, params, subject.X, subject.Y, claimed[-2])
    except Exception:  # a claim missing or misshapen: the listed steps alone
        return ()
    return () if step is None else (step,)
