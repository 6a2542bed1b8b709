"""What each parameter's gradient is: right, a convention, or which kind of wrong.

Pure math on the comparisons at both points (no user code, no messages): the first kind
that fits wins, in the order of `evidence.VERDICT_KINDS`. Rules turn verdicts into
findings; this module only decides which one a gradient is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from netdoctor.compare import best_scale, compare
from netdoctor.diagnose import Diagnosis
from netdoctor.evidence import BiasUpdateCrash, ParameterVerdict
from netdoctor.subject import Subject
from netdoctor.tolerances import SCALED_FIT, is_convention
from netdoctor.truth import (
    PointResult,
    agrees_up_to_convention,
    known_entries,
    noise_at,
    skip_unknown,
    tolerance_at,
)

# The true per-sample deltas of every layer at a point (row layout, summed convention),
# when the truth is the reference network.
LayerDeltas = Callable[[PointResult], list[np.ndarray]]


def parameter_verdicts(
    subject: Subject,
    points: list[PointResult],
    diagnosis: Diagnosis,
    precision: float,
    deltas: LayerDeltas | None = None,
    clipped: bool = False,
) -> tuple[ParameterVerdict, ...]:
    """`clipped`: every gradient scaled together, by a factor that differs from point to
    point (`scaled_together`): each one agrees."""
    if clipped:
        return tuple(
            ParameterVerdict(slot.name, "agrees", tuple(slot.shape), tuple(slot.shape))
            for slot in subject.structure.slots
        )
    return tuple(
        _verdict(subject, slot, points, diagnosis, precision, deltas)
        for slot in subject.structure.slots
    )


def scaled_together(
    points: list[PointResult], names: list[str], precision: float
) -> list[float] | None:
    """The factor every gradient shares at each point, when it is one factor per point but
    not the same at every point: the step clips or normalises the whole gradient
    (`grads = [g * max_norm / norm for g in grads]`). Each gradient points where the truth
    does, and no bug scales every layer's gradient alike. None otherwise."""
    if len(names) < 2:
        return None
    tight = max(precision, 1e-6)
    shared: list[float] = []
    for point in points:
        scales = []
        for name in names:
            c = point.comparisons[name]
            if c.verdict == "agrees":
                scales.append(1.0)
            elif (
                c.verdict == "disagrees"
                and c.scale is not None
                and c.scale > 0
                and c.scaled_error is not None
                and c.scaled_error <= max(SCALED_FIT, precision)
            ):
                scales.append(c.scale)
            else:
                return None
        if not np.allclose(scales, scales[0], rtol=tight, atol=0):
            return None
        shared.append(float(scales[0]))
    if len(shared) < 2 or np.allclose(shared, shared[0], rtol=max(precision, 1e-3), atol=0):
        return None
    return shared


def _verdict(
    subject: Subject,
    slot: Any,
    points: list[PointResult],
    diagnosis: Diagnosis,
    precision: float,
    deltas: LayerDeltas | None,
) -> ParameterVerdict:
    name, m = slot.name, subject.X.shape[0]
    claimed = points[0].claimed.get(name)
    per_point = [(p.point, p.comparisons[name]) for p in points]
    agrees_somewhere = any(c.verdict == "agrees" for _, c in per_point)

    def verdict(kind: str, **fields: Any) -> ParameterVerdict:
        shape = tuple(np.shape(claimed)) if claimed is not None else None
        return ParameterVerdict(
            name,
            kind,
            fields.pop("shape", shape),
            tuple(slot.shape),
            agrees_somewhere=agrees_somewhere,
            **fields,
        )

    not_reduced = _bias_not_reduced(slot, points, m)
    if not_reduced is not None:
        shape, axis = not_reduced
        return verdict("not-reduced", shape=shape, summed_axis=axis)
    if deltas is not None and _bias_over_the_wrong_axis(slot, points, m, deltas):
        return verdict("wrong-axis")
    if _bias_summed_over_everything(slot, points, m):
        return verdict("summed-all")
    if deltas is not None and _bias_of_one_sample(slot, points, m, deltas):
        return verdict("one-sample")
    if any(c.verdict in ("shape", "transposed") for _, c in per_point):
        return verdict("shape")
    if any(c.verdict == "missing" for _, c in per_point):
        return verdict("missing")
    if any(c.verdict == "not-finite" for _, c in per_point):
        label = next(label for label, c in per_point if c.verdict == "not-finite")
        return verdict("not-finite", point=label)
    disagreeing = [(label, c) for label, c in per_point if c.verdict == "disagrees"]
    if not disagreeing:
        uncheckable = all(c.verdict == "uncheckable" for _, c in per_point)
        if all(_vanished(c) for _, c in per_point):
            # 0 = c x 0 for any c: saturated units (inputs in the thousands) give no
            # gradient to compare, and no reduction to read (it is no "sum")
            return replace(verdict("uncheckable"), agrees_somewhere=False)
        return verdict("uncheckable" if uncheckable else "agrees")
    if name in diagnosis.explained:
        return verdict("explained")
    if name in diagnosis.sign_flipped:
        return verdict("sign-flipped")
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
        if scale < 0:  # minus the truth, at whatever size the step has: it climbs the loss
            diagnosis.sign_flipped.setdefault(
                name, max(float(c.scaled_error) for _, c in disagreeing)
            )
            return verdict("sign-flipped")
        if is_convention(scale, m, precision):
            mean = abs(scale - 1.0 / m) <= precision / m and m > 1
            return verdict("mean" if mean else "sum", scale=scale)
        if scale == 0 and slot.kind == "bias" and claimed is not None and not np.any(claimed):
            return verdict("zero-bias", scale=0.0)  # `np.zeros((h, 1))` where db1 belongs
        return verdict("scaled", scale=scale)
    if _square_transposed(subject, name, points, precision):
        return verdict("square-transposed")
    if _square_transposed(subject, name, points, precision, reshaped=True):
        return verdict("reshaped-transposed")
    worst_label, worst = max(disagreeing, key=lambda pair: pair[1].relative_error or 0.0)
    return verdict(
        "disagrees",
        point=worst_label,
        relative_error=worst.relative_error,
        scale=worst.scale,
        worst_index=tuple(worst.worst_index or ()),
        point_errors={label: c.relative_error for label, c in per_point},
    )


def _bias_not_reduced(
    slot: Any, points: list[PointResult], m: int
) -> tuple[tuple[int, ...], int] | None:
    """A bias gradient with one entry per sample, whose sum over them is right: its shape
    and the samples' axis. Right up to the mean's 1/m, or to a factor the other gradients
    carry (a step read off an update whose rate was not found)."""
    if slot.kind != "bias" or m <= 1:
        return None
    shape: tuple[int, ...] = ()
    axis = 0
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
        others = {c.scale for c in point.comparisons.values() if c.scale and c.scale > 0}
        factors = (1.0, m, *(1.0 / scale for scale in others))
        if min(float(np.max(np.abs(reduced * c - truth))) for c in factors) > 1e-6 * scale:
            return None
    return shape, axis


def _bias_over_the_wrong_axis(
    slot: Any, points: list[PointResult], m: int, deltas: LayerDeltas
) -> bool:
    """A bias gradient summed over the units instead of the samples (`np.sum(dZ1, axis=1)`
    in row layout): one entry per sample, each the sum of that sample's deltas, up to one
    positive factor (1, 1/m, or a step's such as momentum's (1 - beta))."""
    if slot.kind != "bias" or m <= 1:
        return False
    for point in points:
        claimed = one_per_sample(point.claimed.get(slot.name), m)
        if claimed is None:
            return False
        layer_deltas = deltas(point)
        if slot.layer >= len(layer_deltas) or layer_deltas[slot.layer].shape[1] <= 1:
            return False
        per_sample = layer_deltas[slot.layer].sum(axis=1)
        values = np.asarray(claimed, dtype=np.float64).reshape(-1)
        scale = float(np.max(np.abs(per_sample), initial=0.0))
        if scale == 0.0 or not np.all(np.isfinite(values)):
            return False
        factor = best_scale(values, per_sample)
        if (
            factor is None
            or factor <= 0
            or float(np.max(np.abs(values - factor * per_sample))) > (1e-6 * factor * scale)
        ):
            return False
    return True


def _bias_of_one_sample(slot: Any, points: list[PointResult], m: int, deltas: LayerDeltas) -> bool:
    """A bias gradient that is one sample's delta (`deltas[0][0]`, `dZ1[0]`), the same
    sample at every point, up to one positive factor: not summed over the batch."""
    if slot.kind != "bias" or m <= 1:
        return False
    if int(np.prod(slot.shape)) == 1:
        return _one_number_of_one_sample(slot, points, m, deltas)
    rows = set(range(m))  # the samples whose delta it is, at every point
    for point in points:
        claimed = point.claimed.get(slot.name)
        layer_deltas = deltas(point)
        if claimed is None or slot.layer >= len(layer_deltas):
            return False
        values = np.asarray(claimed, dtype=np.float64).reshape(-1)
        delta = layer_deltas[slot.layer]
        if values.size < 2 or delta.shape != (m, values.size) or not np.all(np.isfinite(values)):
            return False  # (one unit: one sample's number and the sum are alike up to a factor)
        if _proportional(values, delta.sum(axis=0)):
            return False
        # (one output unit: samples on the same side of every kink have proportional rows)
        rows &= {k for k in range(m) if _proportional(values, delta[k])}
        if not rows:
            return False
    return True


def _vanished(comparison: Any) -> bool:
    """Both gradients below anything a float64 network computes from data (1e-30)."""
    return all(
        norm is not None and norm < 1e-30 for norm in (comparison.user_norm, comparison.truth_norm)
    )


def _one_number_of_one_sample(
    slot: Any, points: list[PointResult], m: int, deltas: LayerDeltas
) -> bool:
    """A one-unit bias's gradient that is one sample's delta (`grad_b = error` of the last
    sample, where the weights' gradients are summed): one number, so told from the sum
    by the factor: the same at every point for that sample's delta, different at each for
    the sum."""
    ratios: list[np.ndarray] = []
    sums: list[float] = []
    for point in points:
        claimed = point.claimed.get(slot.name)
        layer_deltas = deltas(point)
        if claimed is None or slot.layer >= len(layer_deltas) or np.size(claimed) != 1:
            return False
        value = float(np.asarray(claimed, dtype=np.float64).reshape(-1)[0])
        delta = layer_deltas[slot.layer]
        if delta.shape != (m, 1) or not np.isfinite(value) or not np.all(delta != 0):
            return False
        ratios.append(value / delta[:, 0])
        sums.append(value / float(delta.sum()) if delta.sum() != 0 else np.nan)
    if len(points) < 2 or np.allclose(sums, sums[0], rtol=1e-6):
        return False
    table = np.array(ratios)  # points x samples
    steady = np.all(np.isclose(table, table[0], rtol=1e-9, atol=0), axis=0)
    return bool(np.any(table[0][steady] > 0))


def _proportional(values: np.ndarray, row: np.ndarray) -> bool:
    scale = float(np.max(np.abs(row), initial=0.0))
    factor = best_scale(values, row)
    return (
        scale > 0
        and factor is not None
        and factor > 0
        and float(np.max(np.abs(values - factor * row))) <= 1e-6 * factor * scale
    )


def one_per_sample(claimed: Any, m: int) -> np.ndarray | None:
    """One entry per sample; an (m, units) claim whose rows repeat one number is that too:
    `b1 = b1 - lr * db1` with db1 of shape (m, 1) broadcasts the bias to (m, units)."""
    if claimed is None:
        return None
    array = np.asarray(claimed, dtype=np.float64)
    if array.size == m:
        return array
    if array.ndim != 2 or m not in array.shape or array.shape[0] == array.shape[1]:
        return None
    units_axis = 1 if array.shape[0] == m else 0
    first = np.take(array, [0], axis=units_axis)
    # read off an update (`(b - b_after) / lr`) at a point whose bias is not 0, the rows
    # differ in their last bits: equal to 9 digits of the largest entry is one number
    tolerance = 1e-9 * float(np.nanmax(np.abs(array), initial=0.0))
    if not np.allclose(array, first, rtol=1e-12, atol=tolerance, equal_nan=True):
        return None
    return first.reshape(-1)


def _bias_summed_over_everything(slot: Any, points: list[PointResult], m: int) -> bool:
    """`db = np.sum(dZ) / m` for a layer of several units: no axis, so one number, the sum
    over samples and units, is every unit's gradient (a 1-unit layer is unharmed)."""
    size = int(np.prod(slot.shape))
    if slot.kind != "bias" or size <= 1:
        return False
    factors: list[float] = []  # 1 or 1/m, or one factor at every point (a rate not found)
    for point in points:
        claimed, truth = point.claimed.get(slot.name), point.truth.get(slot.name)
        if claimed is None or truth is None or np.size(claimed) not in (1, size):
            return False
        values = np.asarray(claimed, dtype=np.float64).reshape(-1)
        if not np.all(np.isfinite(values)):
            return False
        if not np.all(np.isfinite(truth)):
            continue  # a kink's or a finite difference's unknown entry: the other points tell
        total = float(np.sum(truth))
        if total == 0.0:
            return False
        factor = float(np.mean(values)) / total
        factors.append(factor)
        if factor <= 0 or float(np.max(np.abs(values - factor * total))) > 1e-6 * abs(
            factor * total
        ):
            return False
        if np.allclose(np.reshape(truth, -1), total / size, rtol=1e-6):
            return False  # every unit's own gradient is the same: nothing to tell
    if not factors:
        return False
    # (to 1e-3: at a point where a unit sits on its kink, z = 0, the file's subgradient and
    # the reference's may differ, and the total with them; every unit's number being one
    # and the same is what tells)
    conventional = all(min(abs(f - 1.0), abs(f * m - 1.0)) <= 1e-3 for f in factors)
    return conventional or bool(np.allclose(factors, factors[0], rtol=1e-3))


def _square_transposed(
    subject: Subject, name: str, points: list[PointResult], precision: float, reshaped: bool = False
) -> bool:
    """A square weight's gradient that is the transpose of the truth (up to the sum/mean
    convention): `dZ.T @ X` where `X.T @ dZ` belongs, which numpy cannot catch. With
    `reshaped`, any weight's gradient that is the transpose forced into the weight's shape
    (`np.dot(X, dZ1.T).reshape(W1.shape)`, which makes the update run)."""
    m = subject.X.shape[0]
    for point in points:
        claimed = point.claimed.get(name)
        shape = np.shape(claimed)
        if claimed is None or len(shape) != 2 or (shape[0] == shape[1]) == reshaped:
            return False
        if shape != np.shape(point.truth[name]):
            return False
        untransposed = np.asarray(claimed).reshape(shape[::-1]).T
        known = known_entries(untransposed, point.truth[name])
        claimed_t, truth = skip_unknown(untransposed, point.truth[name])
        noise = noise_at(subject, name, point, known)
        comparison = compare(claimed_t, truth, tolerance_at(subject, name, point), noise)
        if agrees_up_to_convention(comparison, m, precision, max(SCALED_FIT, precision)):
            continue
        if reshaped or not _transposed_beside_a_penalty(claimed, point, name, m, precision):
            return False
    return True


def _transposed_beside_a_penalty(
    claimed: Any, point: PointResult, name: str, m: int, precision: float
) -> bool:
    """`dw1 = np.dot(X, dZ1.T) / m + lambd / m * w1`: the transposed data term beside an L2
    term that is not transposed. Against a truth that carries the penalty (T + k W), the
    claim is c (T + k W).T + c k (W - W.T): a factor c of the convention's (1 or 1/m) on
    the truth's transpose, and any multiple of the weight's antisymmetric part."""
    truth = np.asarray(point.truth[name], dtype=np.float64)
    weight = np.asarray(point.values.get(name), dtype=np.float64)
    user = np.asarray(claimed, dtype=np.float64)
    if weight.shape != truth.shape or not (
        np.all(np.isfinite(truth)) and np.all(np.isfinite(user))
    ):
        return False
    basis = np.stack([truth.T.ravel(), (weight - weight.T).ravel()], axis=1)
    coefficients = np.linalg.lstsq(basis, user.ravel(), rcond=None)[0]
    factor = float(coefficients[0])
    fitted = (basis @ coefficients).reshape(user.shape)
    error = float(np.max(np.abs(user - fitted))) / max(float(np.max(np.abs(user))), 1e-300)
    return error <= max(SCALED_FIT, precision) and is_convention(factor, m, precision)


# The worker phrases a failure with the user's own arrays as "your arrays ...: <numpy's
# message> ... line N in FUNCTION: SOURCE"; an in-place bias update that cannot broadcast
# reads as numpy's "non-broadcastable output operand".
_FAILED_LINE = re.compile(r"non-broadcastable output operand.*?line (\d+) in [\w.<>]+: (.*)", re.S)


def bias_update_crash(subject: Subject) -> BiasUpdateCrash | None:
    """`b -= lr * db` with db of shape (m, n) cannot be done in place: ND108 seen as a crash."""
    for failure in subject.data_failures:
        if not failure.startswith("your arrays"):
            continue
        match = _FAILED_LINE.search(failure)
        if match is None:
            continue
        line, text = int(match.group(1)), match.group(2).strip()
        biases = [s.name for s in subject.structure.slots if s.kind == "bias"]
        named = [b for b in biases if b.split(".")[-1] in text]
        if named:
            return BiasUpdateCrash(named[0], line, text)
    return None
