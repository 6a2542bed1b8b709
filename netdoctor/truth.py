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
from netdoctor.activations import PIECEWISE_LINEAR
from netdoctor.compare import Comparison, compare
from netdoctor.identify import LossChoice, architecture, canonical_params
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
        if hidden in PIECEWISE_LINEAR and _at_exact_kink(arch, params, subject):
            return _without_kink_entries(subject, arch, params, truth)
        return truth
    return _numeric_truth(subject, values, loss, seed)


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


def _numeric_truth(
    subject: Subject, values: ParameterValues, loss: LossChoice, seed: int
) -> dict[str, np.ndarray]:
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

    arrays = [np.asarray(values[name], dtype=np.float64) for name in names]
    estimate = numeric.numeric_gradient(
        evaluate, arrays, dtype=np.dtype(subject.user_dtype), seed=seed
    )
    return {
        name: np.where(
            estimate.estimated[i] & ~estimate.uncheckable[i], estimate.estimates[i], np.nan
        )
        for i, name in enumerate(names)
    }


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
        for name, truth in point.truth.items():
            claimed = point.claimed.get(name)
            if np.isnan(truth).any():
                mask = ~np.isnan(truth)
                if not mask.any() and claimed is not None and np.shape(claimed) == truth.shape:
                    # Every entry sits on a kink: no evidence either way at this point.
                    point.comparisons[name] = Comparison(
                        "uncheckable", None, None, None, None, None, None
                    )
                    continue
                if claimed is None or np.shape(claimed) != truth.shape or not mask.any():
                    point.comparisons[name] = compare(
                        claimed,
                        np.nan_to_num(truth),
                        tolerance_at(subject, name, point),
                        noise_at(subject, name, point),
                    )
                    continue
                tolerance = (
                    numeric_tolerance(np.dtype(subject.user_dtype).itemsize)
                    if point.truth_kind == "numeric"
                    else tolerance_at(subject, name, point)
                )
                point.comparisons[name] = compare(
                    np.asarray(claimed, dtype=np.float64)[mask],
                    truth[mask],
                    tolerance,
                    noise_at(subject, name, point, mask),
                )
                continue
            point.comparisons[name] = compare(
                claimed, truth, tolerance_at(subject, name, point), noise_at(subject, name, point)
            )


def skip_unknown(claimed: Any, truth: np.ndarray) -> tuple[Any, np.ndarray]:
    """Drop entries whose truth is unknown (NaN: kinks), when the shapes allow it."""
    if not np.isnan(truth).any() or claimed is None or np.shape(claimed) != truth.shape:
        return claimed, np.nan_to_num(truth)
    known = ~np.isnan(truth)
    return np.asarray(claimed, dtype=np.float64)[known], truth[known]
