"""Verify a Subject's gradients: the truth at two points, compared, and explained.

Decides the loss the gradients are checked against (the user's own, the one named, or the
reading that fits more of them), compares each gradient with the truth, and tries the
known bugs (mutants) on the ones that disagree. The result is the gradient part of the
Evidence; the rules turn it into findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.diagnose import Diagnosis, diagnose
from netdoctor.evidence import FRESH_POINT, USER_POINT, GradientEvidence
from netdoctor.findings import Location
from netdoctor.fingerprint import fingerprint_by_gradients
from netdoctor.identify import (
    LINEAR_SOURCE,
    LOGITS_SOURCE,
    SQUARED_SOURCE,
    LossChoice,
    architecture,
    canonical_params,
    identify_activation,
    identify_loss,
    linear_output,
    loop_loss_of_reference,
    refuse_mixed_activations,
    targets_beyond_unit,
    without_logits_reading,
)
from netdoctor.loss_readings import (
    against,
    loss_choice,
    output_layer_fits,
    point_results,
    regression_loss,
    squared_when_it_fits,
)
from netdoctor.options import CheckOptions
from netdoctor.own_loss import own_loss_truth
from netdoctor.penalty import decay_beside_a_bug, penalise_the_truth, weight_decay
from netdoctor.report import GradientCheck
from netdoctor.structure import StructureError
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import numeric_tolerance, scale_precision
from netdoctor.truth import (
    PointResult,
    all_fit,
    compare_points,
    fitting_parameters,
    fresh_point,
    tolerance_at,
)
from netdoctor.verdicts import bias_update_crash, parameter_verdicts, scaled_together


@dataclass
class Verification:
    checks: list[GradientCheck] = field(default_factory=list)
    identity: dict[str, Any] = field(default_factory=dict)
    points: list[PointResult] = field(default_factory=list)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    loss: LossChoice | None = None  # the loss the truth was computed for
    hidden: str | None = None  # the identified hidden activation, when the truth is exact
    evidence: GradientEvidence | None = None
    decay: float | None = None  # the L2 penalty's k the user's weight gradients carry


OWN_LOSS_SOURCE = "your loss function, which is neither cross-entropy nor squared error"
OWN_LOSS_NOTE = (
    "your loss function is neither cross-entropy nor squared error (a weighted or custom "
    "loss): your gradients were checked against random directional derivatives of that loss "
    "itself, through your forward pass"
)


WEIGHTS_CAPTURED = (
    "your forward pass gives the same output whatever values netdoctor gives the arrays it "
    "took for your weights: either they are not your weights, or your layers hold weights "
    "of their own where netdoctor cannot give them other values (captured by "
    "functools.partial, a default argument or a closure). Hand the layers their weights "
    "as arguments, or point netdoctor at your code with --gradients NAME and --forward NAME"
)


def _ignores_the_weights(subject: Subject, points: list[ParameterValues]) -> bool:
    """Whether the user's forward gives one output at two different sets of weights: its
    layers hold arrays of their own (`partial(dense, W1, b1)`), so neither its gradients
    nor a numeric truth from it say anything of the weights netdoctor puts in."""
    if subject.forward is None or len(points) < 2:
        return False
    try:
        outputs = [np.asarray(subject.forward(point), dtype=np.float64) for point in points]
    except Exception:
        return False
    return all(np.array_equal(outputs[0], other) for other in outputs[1:])


def verify(subject: Subject, options: CheckOptions | None = None) -> Verification:
    options = options or CheckOptions()
    result = Verification()
    points = [(USER_POINT, subject.initial), (FRESH_POINT, fresh_point(subject, options.seed))]
    values_only = [values for _, values in points]
    hidden, hidden_source = identify_activation(subject, values_only)
    if hidden is None and _ignores_the_weights(subject, values_only):
        raise StructureError(WEIGHTS_CAPTURED)
    user_loss = identify_loss(subject, values_only)
    loss = loss_choice(options, user_loss, subject)
    claimed_at = []
    for label, values in points:
        claimed = subject.claimed(values)
        claimed_at.append((label, values, claimed))
    squashed_in_the_loss = user_loss is not None and user_loss.from_forward
    if (
        hidden_source == LOGITS_SOURCE
        and not squashed_in_the_loss  # `BCEWithLogits`: the sigmoid is the loss's
        and (
            targets_beyond_unit(subject)  # a regression's targets: no sigmoid reaches them
            or not output_layer_fits(subject, claimed_at[0], hidden, loss, options.seed)
        )
    ):
        without_logits_reading(subject)
        linear_hidden, hidden = hidden, None
        hidden_source = "your forward pass matches no reference architecture"
        # read against the outputs as written: a linear output's squared error (a
        # regression's `loss = np.mean((yhat - t) ** 2)`), with its own reference network
        loss = loss_choice(options, identify_loss(subject, values_only), subject)
        fits = regression_loss(
            subject, claimed_at[0], linear_hidden, loss, values_only, options.seed
        )
        if fits is not None:
            hidden, loss = linear_hidden, fits
            hidden_source = f"your forward pass: {linear_hidden} hidden units, a linear output"
    if hidden is None and subject.forward is None:
        refuse_mixed_activations(subject, claimed_at[0][1])  # no truth fits tanh, then ReLU
        hidden, hidden_source, loss = fingerprint_by_gradients(subject, claimed_at, loss)
        if user_loss is None and not options.loss:  # `G, l = step(...)`: the loss it returns
            loss = loop_loss_of_reference(subject, values_only, hidden) or loss
    if hidden is None and loss.source == "default" and linear_output(subject, values_only):
        loss = LossChoice("mse", "sum", False, LINEAR_SOURCE)
    truth_kind = "reference" if hidden is not None else "numeric"
    result.points = point_results(subject, claimed_at, hidden, loss, options.seed)
    if hidden is None and loss.source == "default":  # the squared error, when it fits
        loss, result.points = squared_when_it_fits(
            subject, claimed_at, loss, result.points, options.seed
        )
    decay = weight_decay(subject, result.points) if truth_kind == "reference" else None
    if (
        loss.source == "default"
        and hidden is not None
        and not all_fit(subject, result.points)
        and decay is None
    ):  # squared error when its truth fits, or fits but for an L2 penalty on the weights
        for half in (False, True):
            squared = LossChoice("mse", "sum", half, SQUARED_SOURCE)
            squared_points = against(subject, result.points, hidden, squared, options.seed)
            squared_decay = weight_decay(subject, squared_points)
            if all_fit(subject, squared_points) or squared_decay:
                loss, result.points, decay = squared, squared_points, squared_decay
                break
    if decay is not None:  # an L2 penalty in the weight gradients: the truth takes it too
        penalise_the_truth(result.points, subject, decay)
        result.decay = decay[0]
    if (
        user_loss is None
        and not options.loss
        and decay is None  # (a cross-entropy plus an L2 penalty is one the truth knows)
        and not all_fit(subject, result.points)
        and own_loss_truth(subject, result.points, options.seed)
    ):  # a weighted cross-entropy of its own: its gradients are the truth's measure
        truth_kind, loss = "numeric", replace(loss, source=OWN_LOSS_SOURCE)
        subject.notes.append(OWN_LOSS_NOTE)
    compare_points(subject, result.points, loss)
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
        lambda name, point: tolerance_at(subject, name, point),  # type: ignore[arg-type]
        decay[0] if decay is not None else None,
    )
    if decay is None and truth_kind == "reference" and result.diagnosis.point_mutants:
        beside = decay_beside_a_bug(subject, result.points, result.diagnosis.point_mutants)
        if beside is not None:  # an L2 penalty the bug hid from the truth's own fit
            _penalise(subject, result, beside, hidden, loss)
    has_errors = any(
        c.verdict in ("disagrees", "not-finite")
        for p in result.points
        for c in p.comparisons.values()
    )
    if loss.source == "default" and has_errors and truth_kind == "reference":
        # No loss named: a squared-error network with the same bug is the simpler story.
        for half in (False, True):
            squared = LossChoice("mse", "sum", half, SQUARED_SOURCE)
            squared_points = against(subject, result.points, hidden, squared, options.seed)
            compare_points(subject, squared_points, squared)
            candidate = diagnose(
                subject,
                squared_points,
                hidden,
                squared,
                lambda name, point: tolerance_at(subject, name, point),  # type: ignore[arg-type]
            )
            current = result.diagnosis.mutant
            # ND113's delta (A - Y under squared error) is cross-entropy's own gradient: in a
            # file that names no loss, it is the default's right answer, never a bug.
            explains_more = (
                candidate.mutant is not None
                and "ND113" not in candidate.mutant.codes
                and (current is None or len(candidate.mutant.bugs) < len(current.bugs))
            )
            # No known bug either way: the reading under which more of the gradients are
            # right (a squared-error network with one wrong layer) is the simpler story.
            fits_more = (
                candidate.mutant is None
                and current is None
                and len(fitting_parameters(subject, squared_points))
                > len(fitting_parameters(subject, result.points))
            )
            if explains_more or fits_more:
                loss, result.points, result.diagnosis = squared, squared_points, candidate
                result.checks = _gradient_checks(subject, result.points)
                result.identity["loss"] = loss.describe()
                result.identity["loss_source"] = loss.source
                break
    result.loss = loss
    result.hidden = hidden if truth_kind == "reference" else None
    together = scaled_together(result.points, subject.structure.names, _precision(subject, result))
    if result.diagnosis is not None and result.diagnosis.explained:
        together = None  # a known bug's mutant explains them (ND104's a(1 - a) at one sample)
    result.evidence = _gradient_evidence(subject, result, clipped=together is not None)
    result.checks = _with_conventions(result.checks, result.evidence, result.points)
    if together is not None:  # clipped: the table says agrees, and why
        names = set(subject.structure.names)
        result.checks = _agreeing(result.checks, result.points, names, "scaled together")
        factors = ", ".join(f"{factor:.3g}" for factor in together)
        subject.notes.append(
            f"your step scales every gradient by one factor that differs from point to point "
            f"({factors}): clipping or normalising the whole gradient. Each gradient points "
            "where the truth does."
        )
    return result


def _with_conventions(
    checks: list[GradientCheck], evidence: GradientEvidence, points: list[PointResult]
) -> list[GradientCheck]:
    """A gradient right up to the factor every gradient shares agrees, by convention: the
    table, the JSON and `netdoctor.testing` say so, with the factor and the error against
    that many times the truth."""
    factor = evidence.convention_factor()
    if factor is None or abs(factor - 1.0) <= evidence.precision:
        return checks
    m = evidence.m
    named = "mean" if abs(factor - 1.0 / m) <= evidence.precision / m else f"x{factor:.4g}"
    factors = evidence.factors_of_right_gradients()
    by_convention = {
        name
        for name, value in factors.items()
        if abs(value - factor) <= evidence.precision * factor
    }
    return _agreeing(checks, points, by_convention, named)


def _agreeing(
    checks: list[GradientCheck], points: list[PointResult], names: set[str], convention: str
) -> list[GradientCheck]:
    """The checks of `names` that disagree, said to agree by `convention`, each with its
    error against the scaled truth."""
    scaled_error = {
        (p.point, name): comparison.scaled_error
        for p in points
        for name, comparison in p.comparisons.items()
    }
    return [
        replace(
            check,
            verdict="agrees",
            convention=convention,
            relative_error=_finite_or_none(scaled_error.get((check.point, check.parameter))),
        )
        if check.verdict == "disagrees" and check.parameter in names
        else check
        for check in checks
    ]


def _precision(subject: Subject, result: Verification) -> float:
    """How exactly the gradients can show a factor: the dtype's precision, or against a
    finite-difference truth its disagree band (a float32 estimate of a small entry is off
    by a few 1e-3, and a mean read as exactly 1/m to four digits is still a mean)."""
    precision = scale_precision(subject.user_dtype)
    if any(p.truth_kind == "numeric" for p in result.points):
        itemsize = np.dtype(subject.user_dtype).itemsize
        precision = max(precision, numeric_tolerance(itemsize).disagree)
    return precision


def _gradient_evidence(
    subject: Subject, result: Verification, clipped: bool = False
) -> GradientEvidence:
    assert result.loss is not None
    precision = _precision(subject, result)
    return GradientEvidence(
        m=subject.X.shape[0],
        loss=result.loss,
        hidden=result.hidden,
        verdicts=parameter_verdicts(
            subject,
            result.points,
            result.diagnosis,
            precision,
            _layer_deltas(subject, result),
            clipped,
        ),
        diagnosis=result.diagnosis,
        mutated=tuple(sorted({name for p in result.points for name in p.mutated})),
        location=_location(subject),
        labels_shape=tuple(subject.user_Y_shape) if subject.user_Y_shape is not None else None,
        data_failures=tuple(subject.data_failures),
        bias_update_crash=bias_update_crash(subject),
        never_updated=tuple(subject.never_updated.items()),
        per_sample=subject.per_sample,
        own_run_raised=subject.own_run_raised,
        returned=subject.returned_gradients,
        label_broadcasts=tuple((b.line, b.text, b.left, b.right) for b in subject.label_broadcasts),
        precision=precision,
    )


def _layer_deltas(
    subject: Subject, result: Verification
) -> Callable[[PointResult], list[np.ndarray]] | None:
    """The reference's per-sample deltas of each layer at a point (summed convention)."""
    if result.hidden is None or result.loss is None:
        return None
    arch = architecture(result.hidden, result.loss, reduction="sum")

    def deltas(point: PointResult) -> list[np.ndarray]:
        params = canonical_params(subject, point.values)
        with np.errstate(all="ignore"):
            return reference.backward(arch, params, subject.X, subject.Y).deltas

    return deltas


_LOCATION_ROLES = ("gradients", "update", "training loop")


def _location(subject: Subject) -> Location | None:
    """The code that computes the gradients: a helper the step calls (`sigmoid`) never is."""
    ranked = [f for f in subject.functions if f.role not in ("loss", "called by the step")]
    main = next(
        (f for role in _LOCATION_ROLES for f in reversed(ranked) if f.role == role),
        ranked[-1] if ranked else None,
    )
    if main is None:
        return None
    return Location(path="", line=main.line, source=main.name)


def _penalise(
    subject: Subject, result: Any, decay: tuple[float, float], hidden: str | None, loss: Any
) -> None:
    """The truth and every mutant given the L2 penalty `decay` found beside a bug; compared
    and diagnosed again."""
    penalise_the_truth(result.points, subject, decay)
    result.decay = decay[0]
    compare_points(subject, result.points, loss)
    result.checks = _gradient_checks(subject, result.points)
    result.diagnosis = diagnose(
        subject,
        result.points,
        hidden,
        loss,
        lambda name, point: tolerance_at(subject, name, point),  # type: ignore[arg-type]
        decay[0],
    )


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
