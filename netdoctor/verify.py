"""Verify a Subject's gradients against the truth and turn verdicts into findings.

Two evaluation points: the user's own parameters (what they run) and a fresh,
non-degenerate random point of the same shapes (zero or symmetric weights hide
hidden-layer bugs from any checker). The truth is the exact reference backprop when the
architecture is known, finite differences of the user's own forward otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor import numeric, probes, reference
from netdoctor.activations import ACTIVATIONS, PIECEWISE_LINEAR
from netdoctor.compare import Comparison, Tolerance, compare, tolerance_for
from netdoctor.diagnose import Diagnosis, diagnose
from netdoctor.findings import Finding, Location, new_finding
from netdoctor.identify import (
    LossChoice,
    _doubled_forward,
    architecture,
    canonical_params,
    double_activation,
    dtype_tolerance,
    identify_activation,
    identify_loss,
)
from netdoctor.locate import locate
from netdoctor.report import GradientCheck
from netdoctor.subject import ParameterValues, Subject
from netdoctor.trace import first_line_building, trace_call

USER_POINT = "your parameters"
FRESH_POINT = "a fresh random point"
CONVENTION_TOLERANCE = 1e-6  # a shared factor of 1 or 1/m, to this relative precision
SCALED_FIT = 1e-5  # a gradient is "c x the truth" when c explains it to this precision
SQUARED_SOURCE = "squared-error gradients, and the file names no loss"


@dataclass
class VerifyOptions:
    loss: str | None = None  # "bce" or "mse" forced by the user
    seed: int = 0


@dataclass
class PointResult:
    point: str
    values: ParameterValues
    claimed: dict[str, Any]
    mutated: list[str]
    truth: dict[str, np.ndarray]
    comparisons: dict[str, Comparison]
    truth_kind: str


@dataclass
class Verification:
    findings: list[Finding] = field(default_factory=list)
    checks: list[GradientCheck] = field(default_factory=list)
    identity: dict[str, Any] = field(default_factory=dict)
    points: list[PointResult] = field(default_factory=list)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    loss: LossChoice | None = None  # the loss the truth was computed for
    hidden: str | None = None  # the identified hidden activation, when the truth is exact


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


def verify(subject: Subject, options: VerifyOptions | None = None) -> Verification:
    options = options or VerifyOptions()
    result = Verification()
    points = [(USER_POINT, subject.initial), (FRESH_POINT, fresh_point(subject, options.seed))]
    values_only = [values for _, values in points]
    hidden, hidden_source = identify_activation(subject, values_only)
    user_loss = identify_loss(subject, values_only)
    loss = _loss_choice(options, user_loss, subject)
    claimed_at = []
    for label, values in points:
        claimed = subject.claimed(values)
        claimed_at.append((label, values, claimed))
    if hidden is None and subject.forward is None:
        hidden, hidden_source, loss = _fingerprint_by_gradients(subject, claimed_at, loss)
    truth_kind = "reference" if hidden is not None else "numeric"
    for label, values, claimed in claimed_at:
        truth = _truth(subject, values, hidden, loss, options.seed)
        result.points.append(
            PointResult(label, values, claimed.gradients, claimed.mutated, truth, {}, truth_kind)
        )
    if loss.source == "default" and hidden is not None and not _all_fit(subject, result.points):
        for half in (False, True):
            squared = LossChoice("mse", "sum", half, SQUARED_SOURCE)
            squared_points = _against(subject, result.points, hidden, squared, options.seed)
            if _all_fit(subject, squared_points):
                loss, result.points = squared, squared_points
                break
    _compare_points(subject, result.points, loss)
    result.identity = {
        "hidden_activation": hidden or "unrecognised",
        "hidden_activation_source": hidden_source,
        "loss": loss.describe(),
        "loss_source": loss.source,
        "truth": "exact reference backprop" if truth_kind == "reference" else "finite differences",
    }
    result.checks = _gradient_checks(subject, result.points)
    result.diagnosis = diagnose(
        subject,
        result.points,
        hidden if truth_kind == "reference" else None,
        loss,
        lambda name, point: _tolerance(subject, name, point),  # type: ignore[arg-type]
    )
    has_errors = any(
        c.verdict in ("disagrees", "not-finite")
        for p in result.points
        for c in p.comparisons.values()
    )
    if loss.source == "default" and has_errors and truth_kind == "reference":
        # No loss named: a squared-error network with the same bug is the simpler story.
        for half in (False, True):
            squared = LossChoice("mse", "sum", half, SQUARED_SOURCE)
            squared_points = _against(subject, result.points, hidden, squared, options.seed)
            _compare_points(subject, squared_points, squared)
            candidate = diagnose(
                subject,
                squared_points,
                hidden,
                squared,
                lambda name, point: _tolerance(subject, name, point),  # type: ignore[arg-type]
            )
            current = result.diagnosis.mutant
            explains_more = candidate.mutant is not None and (
                current is None or len(candidate.mutant.bugs) < len(current.bugs)
            )
            # No known bug either way: the reading under which more of the gradients are
            # right (a squared-error network with one wrong layer) is the simpler story.
            fits_more = (
                candidate.mutant is None
                and current is None
                and len(_fitting_parameters(subject, squared_points))
                > len(_fitting_parameters(subject, result.points))
            )
            if explains_more or fits_more:
                loss, result.points, result.diagnosis = squared, squared_points, candidate
                result.checks = _gradient_checks(subject, result.points)
                result.identity["loss"] = loss.describe()
                result.identity["loss_source"] = loss.source
                break
    result.loss = loss
    result.hidden = hidden if truth_kind == "reference" else None
    findings = _findings(subject, result.points, loss, result.diagnosis)
    result.findings = locate(
        findings,
        subject,
        subject.initial,
        result.points[0].claimed,
        result.diagnosis,
        hidden if truth_kind == "reference" else None,
        loss,
    )
    result.findings += _probe_findings(
        subject, result.points[1].values, hidden, loss, result.findings
    )
    result.findings = _merge_saturated_nan(result.findings)
    if hidden is None and subject.forward is not None:
        result.findings += _double_activation_findings(subject, values_only)
    return result


def _merge_saturated_nan(findings: list[Finding]) -> list[Finding]:
    """NaN gradients at the user's point + the ND103 probe: one story, told once.

    When the saturation probe shows the unsimplified BCE derivative and the user's own
    parameters already saturate an output, the NaN gradients there are ND103's doing: an
    error now, not a warning about the future.
    """
    unsimplified = next((f for f in findings if f.code == "ND103"), None)
    nan = [
        f
        for f in findings
        if f.code == "ND100" and "NaN or inf" in f.message and f.evidence.get("point") == USER_POINT
    ]
    if unsimplified is None or not nan:
        return findings
    names = sorted(str(f.evidence.get("parameter")) for f in nan)
    upgraded = new_finding(
        "ND103",
        "error",
        f"at your own parameters an output is already saturated to exactly 0 or 1, and your "
        f"gradients of {', '.join(names)} are NaN or inf there while the true ones are finite. "
        + unsimplified.message[:1].upper()
        + unsimplified.message[1:],
        unsimplified.fix,
        {**unsimplified.evidence, "nan_at_your_parameters": names},
        location=unsimplified.location,
    )
    return [upgraded if f is unsimplified else f for f in findings if f not in nan]


def _double_activation_findings(subject: Subject, points: list[ParameterValues]) -> list[Finding]:
    """ND202: the forward equals a reference with one activation applied twice."""
    try:
        found = double_activation(subject, points)
    except Exception:
        return []
    if found is None:
        return []
    place, activation, hidden = found
    forward = next((f for f in subject.functions if f.role == "forward"), None)
    line = forward.line if forward else None
    try:  # the line that applies the activation the second time
        run = subject.forward
        trace = trace_call(lambda: run(subject.initial), subject.path)  # type: ignore[misc]
        doubled = _doubled_forward(subject, subject.initial, hidden, place)
        single = _doubled_forward(subject, subject.initial, hidden, "none")
        built = first_line_building(
            trace,
            doubled,
            single,
            subject.X.shape[0],
            in_function=forward.name.split(".")[-1] if forward else None,
        )
        line = built.line if built is not None else line
    except Exception:
        pass
    where = "output" if place == "output" else "hidden layer"
    return [
        _finding(
            "ND202",
            "error",
            f"your forward pass applies {activation} twice to the {where}: it equals the "
            f"reference network with {activation}({activation}(z)) there. "
            + (
                "The outputs can only range over (0.5, 0.73), so a 0 label is never reached."
                if place == "output"
                else "The layer's range and slope are not what its derivative assumes."
            ),
            f"Apply {activation} once: compute the activation from z, and do not pass an "
            "already activated value through it again.",
            Location("", line, None) if line else None,
            {"place": place, "activation": activation},
        )
    ]


def _probe_findings(
    subject: Subject,
    start: ParameterValues,
    hidden: str | None,
    loss: LossChoice,
    existing: list[Finding],
) -> list[Finding]:
    """Saturation probes and data rules; a probe that crashes is a note, never a crash."""
    findings: list[Finding] = []
    already_unsimplified = any(f.code == "ND103" for f in existing)
    for probe in (
        lambda: (
            probes.unsimplified_bce(subject, start, hidden, loss)
            if not already_unsimplified
            else []
        ),
        lambda: probes.unguarded_log(subject, start, hidden),
        lambda: probes.exp_overflow(subject, start, hidden),
        lambda: probes.structure_and_data(subject, loss, start),
    ):
        try:
            findings += probe()
        except Exception as error:  # a crashing rule is a result, not a crashed check
            subject.notes.append(f"a probe could not run: {type(error).__name__}: {error}")
    return findings


def _against(
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
            _truth(subject, p.values, hidden, loss, seed),
            {},
            p.truth_kind,
        )
        for p in points
    ]


def _loss_choice(
    options: VerifyOptions, user_loss: LossChoice | None, subject: Subject
) -> LossChoice:
    if options.loss:
        return LossChoice(options.loss, "sum", False, f"--loss {options.loss}")
    if user_loss is not None:
        return user_loss
    if subject.loss_hint:
        return LossChoice("bce", "sum", False, subject.loss_hint)
    return LossChoice("bce", "sum", False, "default")


def _fingerprint_by_gradients(
    subject: Subject, claimed_at: list[Any], loss: LossChoice
) -> tuple[str, str, LossChoice]:
    """Without a forward pass, the activation whose exact gradients the user's reproduce.

    The output layer's gradients depend on the hidden activation only through its values,
    so a bug in the hidden delta still leaves them telling: the candidate that explains
    the most parameters wins. When none explains any, the exercise's sigmoid is assumed.
    """
    losses = [loss]
    if loss.source == "default":
        losses += [LossChoice("mse", "sum", half, SQUARED_SOURCE) for half in (False, True)]
    best: tuple[int, str, LossChoice] | None = None
    for candidate_loss in losses:
        for hidden in ACTIVATIONS:
            points = [
                PointResult(
                    label,
                    values,
                    claimed.gradients,
                    [],
                    _truth(subject, values, hidden, candidate_loss, 0),
                    {},
                    "reference",
                )
                for label, values, claimed in claimed_at
            ]
            fitting = _fitting_parameters(subject, points)
            if len(fitting) == len(subject.structure.slots):
                return (
                    hidden,
                    "your gradients (the file has no separate forward pass)",
                    (candidate_loss),
                )
            if fitting and (best is None or len(fitting) > best[0]):
                best = (len(fitting), hidden, candidate_loss)
    if best is not None and best[2].loss == loss.loss:
        return (
            best[1],
            "the gradients of yours that are right (the file has no separate forward pass)",
            best[2],
        )
    return "sigmoid", "assumed: the exercise's sigmoid (no forward pass to compare)", loss


def _all_fit(subject: Subject, points: list[PointResult]) -> bool:
    return len(_fitting_parameters(subject, points)) == len(subject.structure.slots)


def _fitting_parameters(subject: Subject, points: list[PointResult]) -> list[str]:
    """Parameters whose claimed gradient equals the truth summed or averaged over samples."""
    return [
        slot.name
        for slot in subject.structure.slots
        if all(_fits(subject, point, slot.name) for point in points)
    ]


def _fits(subject: Subject, point: PointResult, name: str) -> bool:
    claimed = point.claimed.get(name)
    if claimed is None:
        return False
    tolerance = _tolerance(subject, name, point)
    claimed, true_value = _skip_unknown(claimed, point.truth[name])
    comparison = compare(claimed, true_value, tolerance)
    m, precision = subject.X.shape[0], _scale_precision(subject)
    return _agrees_up_to_convention(comparison, m, precision, tolerance.disagree)


def _agrees_up_to_convention(comparison: Comparison, m: int, precision: float, fit: float) -> bool:
    """Agrees, or is the truth times 1 or 1/m (summed or averaged) to within `fit`."""
    if comparison.verdict == "agrees":
        return True
    if comparison.scale is None or comparison.scaled_error is None:
        return False
    return comparison.scaled_error <= fit and _is_convention(comparison.scale, m, precision)


def _truth(
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
    from dataclasses import replace

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


def _tolerance(subject: Subject, name: str, point: PointResult) -> Tolerance:
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


def _compare_points(subject: Subject, points: list[PointResult], loss: LossChoice) -> None:
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
                        claimed, np.nan_to_num(truth), _tolerance(subject, name, point)
                    )
                    continue
                tolerance = (
                    numeric_tolerance(subject.user_dtype)
                    if point.truth_kind == "numeric"
                    else _tolerance(subject, name, point)
                )
                point.comparisons[name] = compare(
                    np.asarray(claimed, dtype=np.float64)[mask], truth[mask], tolerance
                )
                continue
            point.comparisons[name] = compare(claimed, truth, _tolerance(subject, name, point))


def _skip_unknown(claimed: Any, truth: np.ndarray) -> tuple[Any, np.ndarray]:
    """Drop entries whose truth is unknown (NaN: kinks), when the shapes allow it."""
    if not np.isnan(truth).any() or claimed is None or np.shape(claimed) != truth.shape:
        return claimed, np.nan_to_num(truth)
    known = ~np.isnan(truth)
    return np.asarray(claimed, dtype=np.float64)[known], truth[known]


def numeric_tolerance(dtype: str) -> Tolerance:
    agree, disagree = numeric.tolerances(np.dtype(dtype))
    return Tolerance(agree, disagree)


def _is_convention(scale: float, m: int, precision: float = CONVENTION_TOLERANCE) -> bool:
    conventions = [1.0, 1.0 / m]
    return any(abs(scale - c) <= precision * max(1.0, abs(c)) for c in conventions)


def _scale_precision(subject: Subject) -> float:
    """How exactly a float32 network's gradients can show a factor: sums over samples in
    single precision carry relative errors near 1e-6, so its factors are read to 1e-3."""
    return max(CONVENTION_TOLERANCE, dtype_tolerance(subject.user_dtype))


def _gradient_checks(subject: Subject, points: list[PointResult]) -> list[GradientCheck]:
    checks = []
    for point in points:
        for slot in subject.structure.slots:
            comparison = point.comparisons[slot.name]
            claimed = point.claimed.get(slot.name)
            checks.append(
                GradientCheck(
                    parameter=slot.name,
                    point=point.point,
                    truth=point.truth_kind,
                    verdict=comparison.verdict,
                    relative_error=_finite_or_none(comparison.relative_error),
                    scale=_finite_or_none(comparison.scale),
                    shape=list(np.shape(claimed)) if claimed is not None else None,
                    expected_shape=list(slot.shape),
                    worst_index=list(comparison.worst_index) if comparison.worst_index else None,
                    user_norm=_finite_or_none(comparison.user_norm),
                    truth_norm=_finite_or_none(comparison.truth_norm),
                )
            )
    return checks


def _finite_or_none(value: float | None) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return float(value)


def _location(subject: Subject) -> Location | None:
    main = next((f for f in reversed(subject.functions) if f.role != "loss"), None)
    if main is None:
        return None
    return Location(path="", line=main.line, source=main.name)


def _findings(
    subject: Subject, points: list[PointResult], loss: LossChoice, diagnosis: Diagnosis
) -> list[Finding]:
    findings: list[Finding] = []
    m = subject.X.shape[0]
    precision = _scale_precision(subject)
    location = _location(subject)
    reductions: dict[str, str] = {}
    for slot in subject.structure.slots:
        name = slot.name
        per_point = [(p.point, p.comparisons[name]) for p in points]
        shape_problem = next(
            ((label, c) for label, c in per_point if c.verdict in ("shape", "transposed")), None
        )
        not_reduced = _bias_not_reduced(slot, points, m)
        if not_reduced is not None:
            findings.append(not_reduced)
            continue
        if shape_problem is not None:
            findings.append(
                _shape_finding(slot.name, slot.shape, points[0].claimed.get(name), location)
            )
            continue
        if any(c.verdict == "missing" for _, c in per_point):
            findings.append(
                _finding(
                    "ND100",
                    "error",
                    f"your code returns no gradient for {name}.",
                    "Return a gradient for every parameter, with the parameter's shape.",
                    location,
                    {"parameter": name},
                )
            )
            continue
        if any(c.verdict == "not-finite" for _, c in per_point):
            label = next(label for label, c in per_point if c.verdict == "not-finite")
            findings.append(
                _finding(
                    "ND100",
                    "error",
                    f"the gradient of {name} contains NaN or inf at {label}, where the true "
                    "gradient is finite.",
                    "Look for a division by an output that reaches 0 or 1, or a log of 0; "
                    "for a sigmoid output with BCE use dZ = A - Y.",
                    location,
                    {"parameter": name, "point": label},
                )
            )
            continue
        disagreeing = [(label, c) for label, c in per_point if c.verdict == "disagrees"]
        if not disagreeing or name in diagnosis.explained or name in diagnosis.sign_flipped:
            continue
        scales = [
            c.scale
            for _, c in disagreeing
            if c.scale is not None
            and c.scaled_error is not None
            and c.scaled_error <= max(SCALED_FIT, precision)
        ]
        if (
            scales
            and len(scales) == len(disagreeing)
            and np.allclose(scales, scales[0], rtol=precision)
        ):
            scale = float(scales[0])
            if _is_convention(scale, m, precision):
                mean = abs(scale - 1.0 / m) <= precision / m and m > 1
                reductions[name] = "mean" if mean else "sum"
                continue
            findings.append(_scale_finding(name, scale, m, location))
            continue
        if _square_transposed(subject, name, points, precision):
            findings.append(_square_transposed_finding(name, slot.shape, location))
            continue
        worst_label, worst = max(disagreeing, key=lambda pair: pair[1].relative_error or 0.0)
        findings.append(
            _finding(
                "ND100",
                "error",
                f"the gradient of {name} disagrees with the true gradient: relative error "
                f"{worst.relative_error:.2e} at {worst_label}"
                + (f" (best fit: {worst.scale:.3g} x the truth)" if worst.scale is not None else "")
                + ".",
                "Re-derive this gradient from the delta of the layer after it; "
                "`netdoctor explain ND100` shows the standard formulas.",
                location,
                {
                    "parameter": name,
                    "point": worst_label,
                    "relative_error": worst.relative_error,
                    "scale": worst.scale,
                    "worst_index": list(worst.worst_index or ()),
                    "points": {label: c.relative_error for label, c in per_point},
                },
            )
        )
    for slot in subject.structure.slots:
        if any(c.verdict == "agrees" for c in (p.comparisons[slot.name] for p in points)):
            reductions.setdefault(slot.name, "sum")
    findings += _reduction_findings(reductions, m, location)
    findings += _diagnosis_findings(diagnosis, location)
    mutated = sorted({name for p in points for name in p.mutated})
    if mutated:
        findings.append(
            _finding(
                "ND112",
                "error",
                "computing the gradients changed the arrays it was handed: "
                + ", ".join(mutated)
                + ". Whatever reads them afterwards (your training loop's weights, a cached "
                "forward value, the next backward pass) sees the changed values.",
                "Compute new arrays (`W1 - lr * dW1`, `(z > 0).astype(float)`) instead of "
                "modifying inputs in place inside the gradient computation.",
                location,
                {"mutated": mutated},
            )
        )
    if loss.loss == "mse":
        findings.append(
            _finding(
                "ND203",
                "info",
                f"checked against {loss.describe()}: {loss.source}. For 0/1 targets "
                "binary cross-entropy (dZ = A - Y) learns faster from confident mistakes.",
                "If you meant BCE, use the output delta dZ2 = A2 - Y; pass --loss bce to check "
                "against BCE.",
                None,
                {"loss": loss.describe(), "source": loss.source},
            )
        )
    if (
        subject.data_failures
        and subject.user_Y_shape is not None
        and len(subject.user_Y_shape) == 1
    ):
        findings.append(_label_broadcast_finding(subject))
    elif subject.data_failures and not any(f.code == "ND108" for f in findings):
        findings += _bias_update_crash(subject)
    return findings


FIXES = {
    "ND103": "Compute the output delta directly, dZ = A - Y: it is dL/dA * sigma'(Z) simplified, "
    "and it never divides by A or 1 - A.",
    "ND101": "Call the derivative helper with the pre-activation z, not with sigmoid(z). With "
    "binary cross-entropy and a sigmoid output, the output delta is simply dZ = A - Y.",
    "ND102": "Feed the activation-form derivative the activation: a * (1 - a) with a = "
    "sigmoid(z), or write sigmoid(z) * (1 - sigmoid(z)) for z.",
    "ND104": "With binary cross-entropy and a sigmoid output, the output delta is dZ = A - Y; "
    "drop the A * (1 - A) factor (it belongs to squared error, and vanishes at saturation).",
    "ND109": "Use the derivative of the activation the forward pass applies to this layer.",
    "ND110": "Multiply the back-propagated error by the hidden activation's derivative: "
    "dZ1 = (dZ2 @ W2.T) * act'(Z1).",
    "ND111": "Compute every delta before updating any weight in the step (keep the old W2 "
    "for dZ1, then update).",
}


def _diagnosis_findings(diagnosis: Diagnosis, location: Location | None) -> list[Finding]:
    findings: list[Finding] = []
    if diagnosis.mutant is not None:
        explained = sorted(diagnosis.explained)
        for bug in diagnosis.mutant.bugs:
            others = [b.code for b in diagnosis.mutant.bugs if b is not bug]
            message = (
                f"{bug.description}. Your gradients of {', '.join(explained)} equal the "
                f"true ones with exactly this mistake put in (relative residual "
                f"{max(diagnosis.explained.values()):.1e}; against the truth "
                f"{max(diagnosis.truth_residuals.values()):.2g})"
                + (f", together with {', '.join(others)}." if others else ".")
            )
            findings.append(
                _finding(
                    bug.code,
                    bug.severity,
                    message,
                    FIXES[bug.code],
                    location,
                    {
                        "bug": bug.key,
                        "place": bug.place,
                        "parameters": explained,
                        "mutant_residual": max(diagnosis.explained.values()),
                        "truth_residual": max(diagnosis.truth_residuals.values()),
                        "with": others,
                    },
                )
            )
    for name, residual in sorted(diagnosis.sign_flipped.items()):
        findings.append(
            _finding(
                "ND105",
                "error",
                f"the gradient of {name} is minus the true gradient (residual {residual:.1e}): "
                "an update with it climbs the loss instead of descending it.",
                "Check the sign: with dZ = A - Y the update is W -= lr * dW; if you wrote "
                "dZ = Y - A, the update must add.",
                location,
                {"parameter": name, "residual": residual},
            )
        )
    return findings


def _reduction_findings(
    reductions: dict[str, str], m: int, location: Location | None
) -> list[Finding]:
    kinds = set(reductions.values())
    if m <= 1 or not kinds:
        return []
    if kinds == {"mean"}:
        return [
            _finding(
                "ND106",
                "info",
                f"your gradients are the mean over the {m} samples (1/m times the summed "
                "gradient). That is a convention, not a bug: the learning rate absorbs it.",
                "Nothing to fix. The classic exercise asks for summed gradients; divide by m "
                "in the update instead if you need to match it.",
                location,
                {"reduction": "mean", "m": m},
            )
        ]
    if kinds == {"sum", "mean"}:
        means = sorted(n for n, k in reductions.items() if k == "mean")
        sums = sorted(n for n, k in reductions.items() if k == "sum")
        return [
            _finding(
                "ND106",
                "error",
                f"mixed reductions: {', '.join(means)} averaged over the {m} samples but "
                f"{', '.join(sums)} summed. Those parameters learn at rates {m}x apart.",
                "Divide every gradient by m, or none of them.",
                location,
                {"mean": means, "sum": sums, "m": m},
            )
        ]
    return []


def _bias_not_reduced(slot: Any, points: list[PointResult], m: int) -> Finding | None:
    """ND108: a bias gradient with one entry per sample, whose sum over them is right."""
    if slot.kind != "bias" or m <= 1:
        return None
    for point in points:
        claimed = point.claimed.get(slot.name)
        shape = tuple(np.shape(claimed)) if claimed is not None else ()
        truth = np.asarray(point.truth[slot.name], dtype=np.float64).reshape(-1)
        if m not in shape or np.size(claimed) != m * truth.size:
            return None
        values = np.asarray(claimed, dtype=np.float64)
        axis = shape.index(m)
        reduced = values.sum(axis=axis).reshape(-1)
        if reduced.size != truth.size:
            return None
        scale = float(np.max(np.abs(truth), initial=0.0)) or 1.0
        if min(float(np.max(np.abs(reduced * c - truth))) for c in (1.0, m)) > 1e-6 * scale:
            return None
    return _finding(
        "ND108",
        "error",
        f"the gradient of {slot.name} has shape {shape}, one row per sample: the bias "
        f"gradient was not summed over the {m} samples (its sum over them is right). "
        f"An update with it broadcasts {slot.name} to shape {shape}.",
        f"Sum the delta over the samples: d{slot.name} = np.sum(dZ, axis={axis}, keepdims=True).",
        None,
        {"parameter": slot.name, "shape": list(shape), "expected_shape": list(slot.shape)},
    )


FAILED_LINE = re.compile(r"non-broadcastable output operand.*?line (\d+) in [\w.<>]+: (.*)", re.S)


def _bias_update_crash(subject: Subject) -> list[Finding]:
    """ND108 seen as a crash: `b -= lr * db` with db of shape (m, n) cannot be done in place."""
    for failure in subject.data_failures:
        if not failure.startswith("your arrays"):
            continue
        match = FAILED_LINE.search(failure)
        if match is None:
            continue
        line, text = int(match.group(1)), match.group(2).strip()
        biases = [s.name for s in subject.structure.slots if s.kind == "bias"]
        named = [b for b in biases if b.split(".")[-1] in text]
        if named:
            return [
                _finding(
                    "ND108",
                    "error",
                    f"`{text}` fails on a batch of samples (non-broadcastable output operand): "
                    f"the gradient of {named[0]} has one row per sample instead of being summed "
                    "over them. Your code only runs one sample at a time.",
                    "Sum the delta over the samples: db = np.sum(dZ, axis=0, keepdims=True).",
                    Location("", line, None),
                    {"parameter": named[0], "line": line},
                )
            ]
    return []


def _scale_finding(name: str, scale: float, m: int, location: Location | None) -> Finding:
    return _finding(
        "ND106",
        "error",
        f"the gradient of {name} is {scale:.4g} times the true (summed) gradient, which is "
        f"neither the sum (1) nor the mean (1/{m}).",
        "Look for a stray factor (2, 0.5, m) in this gradient; every parameter should use the "
        "same reduction.",
        location,
        {"parameter": name, "scale": scale, "m": m},
    )


def _shape_finding(
    name: str, shape: tuple[int, ...], claimed: Any, location: Location | None
) -> Finding:
    claimed_shape = tuple(np.shape(claimed))
    transposed = len(claimed_shape) == 2 and claimed_shape == tuple(shape)[::-1]
    what = "the transpose of" if transposed else "a different shape from"
    return _finding(
        "ND107",
        "error",
        f"the gradient of {name} has shape {claimed_shape}, {what} the parameter's {tuple(shape)}.",
        f"A gradient has its parameter's shape: for W of shape {tuple(shape)} "
        + (
            "swap the operands of the matrix product (X.T @ dZ, not dZ.T @ X)."
            if transposed
            else "check which axes you multiply and sum over."
        ),
        location,
        {"parameter": name, "shape": list(claimed_shape), "expected_shape": list(shape)},
    )


def _square_transposed(
    subject: Subject, name: str, points: list[PointResult], precision: float
) -> bool:
    """A square weight's gradient that is the transpose of the truth (up to the sum/mean
    convention): `dZ.T @ X` where `X.T @ dZ` belongs, which numpy cannot catch."""
    m = subject.X.shape[0]
    for point in points:
        claimed = point.claimed.get(name)
        if claimed is None or np.ndim(claimed) != 2 or np.shape(claimed)[0] != np.shape(claimed)[1]:
            return False
        claimed_t, truth = _skip_unknown(np.asarray(claimed).T, point.truth[name])
        comparison = compare(claimed_t, truth, _tolerance(subject, name, point))
        if not _agrees_up_to_convention(comparison, m, precision, max(SCALED_FIT, precision)):
            return False
    return True


def _square_transposed_finding(
    name: str, shape: tuple[int, ...], location: Location | None
) -> Finding:
    return _finding(
        "ND107",
        "error",
        f"the gradient of {name} is the transpose of the true gradient. {name} is square "
        f"{tuple(shape)}, so the shapes agree and numpy raised nothing.",
        "Swap the operands of the matrix product: X.T @ dZ (inputs first), not dZ.T @ X.",
        location,
        {"parameter": name, "shape": list(shape), "transposed": True},
    )


def _label_broadcast_finding(subject: Subject) -> Finding:
    shape = subject.user_Y_shape or ()
    return _finding(
        "ND206",
        "error",
        f"your labels have shape {shape}, and your code fails or misbehaves with them, while "
        f"labels of shape ({shape[0] if shape else 'm'}, 1) work: A - Y with A of shape (m, 1) and "
        "Y of shape (m,) broadcasts to (m, m). "
        + (subject.data_failures[0] if subject.data_failures else ""),
        "Make the labels a column: y = y.reshape(-1, 1).",
        None,
        {"labels_shape": list(shape), "failures": subject.data_failures[:3]},
    )


def _finding(
    code: str,
    severity: str,
    message: str,
    fix: str,
    location: Location | None,
    evidence: dict[str, Any],
) -> Finding:
    return new_finding(code, severity, message, fix, evidence, location=location)
