"""The truth a user's gradients are compared with, and the comparison at each point.

Two evaluation points: the user's own parameters (what they run) and a fresh,
non-degenerate random point of the same shapes (zero or symmetric weights hide
hidden-layer bugs from any checker). The truth is the exact reference backprop when the
architecture is known, finite differences of the user's own forward otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from netdoctor import numeric, reference, rounding
from netdoctor.activations import PIECEWISE_LINEAR, base
from netdoctor.compare import Comparison, compare, update_keeps_shape
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.numeric_decay import describe, fitted_decay
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import (
    ROUNDING_TERMS,
    Tolerance,
    is_convention,
    numeric_tolerance,
    scale_precision,
    tolerance_for,
)


@dataclass
class PointResult:
    point: str
    values: ParameterValues
    claimed: dict[str, Any]
    mutated: list[str]
    truth: dict[str, np.ndarray]
    comparisons: dict[str, Comparison]
    truth_kind: str
    # Per parameter, the magnitude of the terms forming each entry of the exact truth
    # (`rounding.py`); empty for a numeric truth.
    magnitudes: dict[str, np.ndarray] = field(default_factory=dict)
    # A numeric truth's random directional derivatives, per parameter checked that way
    # (`numeric.directional_checks`); its truth array is then NaN where not estimated.
    directional: dict[str, numeric.DirectionalCheck] = field(default_factory=dict)


def fresh_point(subject: Subject, seed: int) -> ParameterValues:
    """Random, non-degenerate values of the user's shapes and dtypes."""
    structure = subject.structure
    rng = np.random.default_rng(seed + 12345)
    params = reference.random_params(list(structure.layer_sizes), rng=rng)
    biases = [
        params.biases[layer] if structure.has_bias(layer) else None
        for layer in range(structure.n_layers)
    ]
    for layer, bias in enumerate(biases):
        slot = structure.bias_slot(layer)
        if bias is not None and slot is not None and slot.shape == ():
            biases[layer] = np.full_like(bias, rng.normal(0.0, 0.5))
    user_values = structure.from_canonical(params.weights, biases)
    return subject.cast_like_user(user_values)


def all_fit(subject: Subject, points: list[PointResult]) -> bool:
    return len(fitting_parameters(subject, points)) == len(subject.structure.slots)


def fitting_parameters(subject: Subject, points: list[PointResult]) -> list[str]:
    """Parameters whose claimed gradient equals the truth summed or averaged over samples."""
    return [
        slot.name
        for slot in subject.structure.slots
        if all(fits(subject, point, slot.name) for point in points)
    ]


def fits(subject: Subject, point: PointResult, name: str) -> bool:
    claimed = point.claimed.get(name)
    if claimed is None:
        return False
    tolerance = tolerance_at(subject, name, point)
    known = known_entries(claimed, point.truth[name])
    claimed, true_value = skip_unknown(claimed, point.truth[name])
    comparison = compare(claimed, true_value, tolerance, noise_at(subject, name, point, known))
    m, precision = subject.X.shape[0], scale_precision(subject.user_dtype)
    return agrees_up_to_convention(comparison, m, precision, tolerance.disagree)


def agrees_up_to_convention(comparison: Comparison, m: int, precision: float, fit: float) -> bool:
    """Agrees, or is the truth times 1 or 1/m (summed or averaged) to within `fit`."""
    if comparison.verdict == "agrees":
        return True
    if comparison.scale is None or comparison.scaled_error is None:
        return False
    return comparison.scaled_error <= fit and is_convention(comparison.scale, m, precision)


def true_gradients(
    subject: Subject, values: ParameterValues, hidden: str | None, loss: LossChoice, seed: int
) -> dict[str, np.ndarray]:
    """True gradients of the summed loss, in the user's shapes."""
    if hidden is not None:
        arch = architecture(hidden, loss, reduction="sum")
        params = canonical_params(subject, values)
        backward = reference.backward(arch, params, subject.X, subject.Y)
        truth = subject.structure.from_canonical(backward.weight_gradients, backward.bias_gradients)
        if base(hidden) in PIECEWISE_LINEAR and _at_exact_kink(arch, params, subject):
            return _without_kink_entries(subject, arch, params, truth)
        return truth
    # No claims to check along directions: every entry the oracle's budget allows.
    names = subject.structure.names
    estimate = numeric.numeric_gradient(
        _user_loss(subject, values, loss),
        [np.asarray(values[name], dtype=np.float64) for name in names],
        dtype=np.dtype(subject.user_dtype),
        seed=seed,
    )
    return {
        name: np.where(estimate.checkable(i), estimate.estimates[i], np.nan)
        for i, name in enumerate(names)
    }


def term_magnitudes(
    subject: Subject, values: ParameterValues, hidden: str | None, loss: LossChoice
) -> dict[str, np.ndarray]:
    """For the exact truth, the magnitude of the terms that form each entry, in the user's
    shapes (`rounding.py`); empty for a numeric truth."""
    if hidden is None:
        return {}
    arch = architecture(hidden, loss, reduction="sum")
    weights, biases = rounding.term_magnitudes(
        arch, canonical_params(subject, values), subject.X, subject.Y
    )
    return subject.structure.from_canonical(weights, biases)


def noise_at(
    subject: Subject, name: str, point: PointResult, known: np.ndarray | None = None
) -> np.ndarray | None:
    """How far rounding alone moves each entry of a correct gradient of `name` (the
    entries `known` only, when given): ROUNDING_TERMS eps of the user's dtype times the
    terms' magnitudes. None without an exact truth."""
    magnitude = point.magnitudes.get(name)
    if magnitude is None:
        return None
    eps = float(np.finfo(np.dtype(subject.user_dtype)).eps)
    noise = ROUNDING_TERMS * eps * np.asarray(magnitude, dtype=np.float64)
    return noise if known is None else noise[known]


def known_entries(claimed: Any, truth: np.ndarray) -> np.ndarray | None:
    """The mask `skip_unknown` applies, or None when it keeps every entry."""
    if not np.isnan(truth).any() or claimed is None or np.shape(claimed) != truth.shape:
        return None
    return ~np.isnan(truth)


def _at_exact_kink(
    arch: reference.Architecture, params: reference.DenseParams, subject: Subject
) -> bool:
    """Whether some hidden pre-activation sits on the ReLU's kink (integer data, zero weights)."""
    passed = reference.forward(arch, params, subject.X)
    resolution = 1e-5 if subject.user_dtype in ("float32", "float16") else 1e-12
    return any(
        bool(np.any(np.abs(z) <= resolution * max(1.0, float(np.max(np.abs(z), initial=0)))))
        for z in passed.pre_activations[:-1]
    )


def _without_kink_entries(
    subject: Subject,
    arch: reference.Architecture,
    params: reference.DenseParams,
    truth: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """NaN where the answer depends on the subgradient chosen at z = 0: both are right.

    `(z > 0)` and `(z >= 0)` are both valid ReLU derivatives; an entry they disagree on is
    no evidence about the user's code.
    """
    other = reference.backward(replace(arch, kink_derivative=1.0), params, subject.X, subject.Y)
    alternative = subject.structure.from_canonical(other.weight_gradients, other.bias_gradients)
    masked = {}
    for name, value in truth.items():
        value = np.asarray(value, dtype=np.float64)
        other_value = np.asarray(alternative[name], dtype=np.float64)
        differs = ~np.isclose(value, other_value, rtol=1e-9, atol=1e-12)
        masked[name] = np.where(differs, np.nan, value)
    return masked


def numeric_truth(
    subject: Subject,
    values: ParameterValues,
    loss: LossChoice,
    seed: int,
    claimed: dict[str, Any],
) -> tuple[dict[str, np.ndarray], dict[str, numeric.DirectionalCheck]]:
    """Finite differences of the user's own forward pass, in a cost that does not grow
    with the parameter count: a few random directional derivatives per parameter decide
    which claims are right; only the others are estimated entry by entry, at the entries
    a report shows. Returns the truth (NaN where not estimated) and the directional
    checks of the parameters they cleared or found wrong."""
    names = subject.structure.names
    evaluate = _user_loss(subject, values, loss)
    arrays = [np.asarray(values[name], dtype=np.float64) for name in names]
    claims = [
        claim_in_shape(claimed.get(name), array) for name, array in zip(names, arrays, strict=True)
    ]
    dtype = np.dtype(subject.user_dtype)
    checks, base_value, _ = numeric.directional_checks(
        evaluate, arrays, claims, m=subject.X.shape[0], dtype=dtype, seed=seed
    )
    unsettled = {i for i, check in enumerate(checks) if check is None or check.factor is None}
    truth = {name: np.full(array.shape, np.nan) for name, array in zip(names, arrays, strict=True)}
    if unsettled:
        estimate = numeric.numeric_gradient(
            evaluate, arrays, dtype=dtype, seed=seed, blocks=unsettled, base_value=base_value
        )
        for i in unsettled:
            truth[names[i]] = np.where(estimate.checkable(i), estimate.estimates[i], np.nan)
        weights = [
            i for i, name in enumerate(names) if subject.structure.slot(name).kind == "weight"
        ]
        decay = fitted_decay(
            evaluate,
            arrays,
            claims,
            checks,
            [truth[name] for name in names],
            weights,
            m=subject.X.shape[0],
            dtype=dtype,
            seed=seed,
        )
        if decay is not None:  # `+ wd * W` in every weight's gradient: the truth takes it
            checks = decay.checks
            for i in weights:
                truth[names[i]] = truth[names[i]] + decay.k * arrays[i]
            note = (
                f"your weight gradients carry an L2 penalty ({describe(decay.k, decay.c)}); "
                "the finite differences were given the same penalty"
            )
            if note not in subject.notes:
                subject.notes.append(note)
    directional = {
        name: check for name, check in zip(names, checks, strict=True) if check is not None
    }
    return truth, directional


def claim_in_shape(claim: Any, array: np.ndarray) -> np.ndarray | None:
    """The claimed gradient in its parameter's shape, when it has it (or a shape the update
    keeps, as `compare` accepts); None otherwise."""
    if claim is None:
        return None
    try:
        value = np.asarray(claim, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if value.shape == array.shape:
        return value
    if value.size == array.size and update_keeps_shape(array.shape, value.shape):
        return value.reshape(array.shape)
    return None


def _user_loss(subject: Subject, values: ParameterValues, loss: LossChoice) -> numeric.Evaluate:
    """The summed loss of the user's own forward pass at given parameter arrays."""
    assert subject.forward is not None
    names = subject.structure.names
    arch = reference.Architecture(loss=loss.loss, reduction="sum", mse_half=loss.mse_half)
    template = {name: values[name] for name in names}

    def evaluate(arrays: list[np.ndarray]) -> tuple[float, None]:
        point = dict(template)
        for name, array in zip(names, arrays, strict=True):
            point[name] = array
        output = subject.forward(subject.cast_like_user(point))  # type: ignore[misc]
        return reference.loss_from_output(arch, output, subject.Y), None

    return evaluate


def tolerance_at(subject: Subject, name: str, point: PointResult) -> Tolerance:
    noise = 0.0
    if subject.learning_rate and subject.style in ("update function", "class", "script"):
        eps = float(np.finfo(np.dtype(subject.user_dtype)).eps)
        scale = float(np.max(np.abs(np.asarray(point.values[name], dtype=np.float64)), initial=0))
        truth_scale = float(np.max(np.abs(point.truth[name]), initial=0))
        if truth_scale > 0:
            noise = (
                eps
                * (scale + subject.learning_rate * truth_scale)
                / (subject.learning_rate * truth_scale)
            )
    return tolerance_for(subject.user_dtype, noise)


def compare_points(subject: Subject, points: list[PointResult], loss: LossChoice) -> None:
    for point in points:
        for name in point.truth:
            comparison = _compare_entries(subject, point, name)
            check = point.directional.get(name)
            if check is not None:
                comparison = _with_directions(subject, check, comparison, point.claimed[name])
            point.comparisons[name] = comparison


def _with_directions(
    subject: Subject, check: numeric.DirectionalCheck, entries: Comparison, claimed: Any
) -> Comparison:
    """The verdict of a numeric truth's directional derivatives, where they decide.

    A claim they cleared is right (c = 1) or right up to the mean (c = 1/m), with their
    error. A claim they found clearly wrong along a clean direction stays wrong when the
    entries estimated one by one happen to miss the wrong ones (a bug in a few entries).
    """
    user_norm = float(np.linalg.norm(np.asarray(claimed, dtype=np.float64)))
    if check.factor is not None:
        verdict = "agrees" if check.factor == 1.0 else "disagrees"
        return Comparison(
            verdict,
            check.relative_error,
            check.factor,
            check.scaled_error,
            None,
            user_norm,
            user_norm / check.factor,
        )
    disagree = numeric_tolerance(np.dtype(subject.user_dtype).itemsize).disagree
    m, precision = subject.X.shape[0], scale_precision(subject.user_dtype)
    entries_fit = entries.verdict == "uncertain" or agrees_up_to_convention(
        entries, m, precision, disagree
    )
    if check.clean and check.scaled_error > disagree and entries_fit:
        return Comparison(
            "disagrees",
            check.relative_error,
            check.fit,
            check.scaled_error,
            None,
            user_norm,
            entries.truth_norm,
        )
    return entries


def _compare_entries(subject: Subject, point: PointResult, name: str) -> Comparison:
    """The claim against the truth's known entries (all of them for an exact truth)."""
    truth = point.truth[name]
    claimed = point.claimed.get(name)
    if not np.isnan(truth).any():
        return compare(
            claimed, truth, tolerance_at(subject, name, point), noise_at(subject, name, point)
        )
    mask = ~np.isnan(truth)
    if point.truth_kind == "numeric":
        in_shape = claim_in_shape(claimed, truth)
    elif claimed is not None and np.shape(claimed) == truth.shape:
        in_shape = np.asarray(claimed, dtype=np.float64)
    else:
        in_shape = None
    if in_shape is not None and not mask.any():
        # Every entry sits on a kink (or none was estimated): no evidence either way here.
        return Comparison("uncheckable", None, None, None, None, None, None)
    if in_shape is None:
        return compare(
            claimed,
            np.nan_to_num(truth),
            tolerance_at(subject, name, point),
            noise_at(subject, name, point),
        )
    tolerance = (
        numeric_tolerance(np.dtype(subject.user_dtype).itemsize)
        if point.truth_kind == "numeric"
        else tolerance_at(subject, name, point)
    )
    return compare(in_shape[mask], truth[mask], tolerance, noise_at(subject, name, point, mask))


def skip_unknown(claimed: Any, truth: np.ndarray) -> tuple[Any, np.ndarray]:
    """Drop entries whose truth is unknown (NaN: kinks), when the shapes allow it."""
    if not np.isnan(truth).any() or claimed is None or np.shape(claimed) != truth.shape:
        return claimed, np.nan_to_num(truth)
    known = ~np.isnan(truth)
    return np.asarray(claimed, dtype=np.float64)[known], truth[known]
