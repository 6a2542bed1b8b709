"""The finite-difference oracle: true gradients of any loss(params), bounded in cost.

Central differences in float64 with a step of cbrt(eps) of the dtype the user computes
in (the step that balances truncation against rounding). An entry is *uncheckable*, not
failed, when its +h and -h evaluations flip a ReLU's on/off pattern (when the caller can
report patterns), or when its forward and backward one-sided differences disagree beyond
rounding noise: the estimate then depends on the step, which is what a kink looks like.

Cost: 1 + 2 calls per entry. When that exceeds `max_forward_calls`, the oracle estimates a
seeded sample of entries from every array (small arrays whole, large ones in proportion),
so the number of calls stays fixed whatever the parameter count. Every call is counted,
for the benchmarks.

Checking a claimed gradient needs less than estimating one: `directional_checks` compares
the claim with central differences along a few seeded random unit directions per array
(2 calls each, whatever the array's size, as torch.autograd.gradcheck's fast mode does),
so a right claim costs a constant number of calls, and only an array that disagrees needs
its entries estimated (`numeric_gradient(..., blocks=...)`, at the few entries a report
shows).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

import numpy as np

from netdoctor.tolerances import numeric_tolerance

Evaluation = tuple[float, np.ndarray | None] | float
Evaluate = Callable[[list[np.ndarray]], Evaluation]

KINK_RELATIVE = 1e-3  # one-sided slopes further apart than this (relatively) get a second look
NOISE_FACTOR = 50.0  # how many rounding-noise units one-sided slopes may differ by
# Entries estimated one by one in a block the directional checks found wrong: enough for
# its error, its best-fit factor and a worst entry, and no more (2-4 calls each).
REPORTED_ENTRIES = 24


@dataclass
class NumericGradient:
    """Estimates in the parameters' shapes; NaN where an entry was not estimated."""

    estimates: list[np.ndarray]
    estimated: list[np.ndarray]  # bool masks: entries the oracle evaluated
    uncheckable: list[np.ndarray]  # bool masks: kink crossings or step-dependent estimates
    forward_calls: int = 0
    exhaustive: bool = True

    def checkable(self, index: int) -> np.ndarray:
        return self.estimated[index] & ~self.uncheckable[index]


def tolerances(dtype: np.dtype | str) -> tuple[float, float]:
    """(agree, disagree) relative-error bands for a finite-difference truth.

    Looser than against the exact reference: a central difference carries truncation and
    rounding error, and a kink too small to detect still shifts an estimate a little.
    """
    bands = numeric_tolerance(np.dtype(dtype).itemsize)
    return bands.agree, bands.disagree


def relative_step(dtype: np.dtype | str) -> float:
    """cbrt(eps): optimal for central differences of a function computed in `dtype`."""
    return float(
        np.cbrt(np.finfo(np.dtype(dtype) if np.dtype(dtype).kind == "f" else np.float64).eps)
    )


class _Counter:
    """Calls the user's loss, counts the calls, and splits loss from activation pattern."""

    def __init__(self, evaluate: Evaluate) -> None:
        self.evaluate = evaluate
        self.calls = 0

    def __call__(self, arrays: list[np.ndarray]) -> tuple[float, np.ndarray | None]:
        self.calls += 1
        result = self.evaluate(arrays)
        if isinstance(result, tuple):
            value, pattern = result
        else:
            value, pattern = result, None
        return float(value), None if pattern is None else np.asarray(pattern)


def _flips(a: np.ndarray | None, b: np.ndarray | None, c: np.ndarray | None) -> bool:
    if a is None or b is None or c is None:
        return False
    return not (np.array_equal(a, b) and np.array_equal(a, c))


def _difference(f0: float, plus: float, minus: float, h: float) -> tuple[float, float]:
    """Central estimate, and the gap between the forward and backward one-sided slopes."""
    if not (np.isfinite(plus) and np.isfinite(minus) and np.isfinite(f0)):
        return float("nan"), float("inf")
    central = (plus - minus) / (2.0 * h)
    gap = abs((plus - f0) / h - (f0 - minus) / h)
    return central, gap


def _allowed(estimate: float, gap: float, noise: float) -> float:
    """The one-sided gap that smooth curvature and rounding explain without a second look."""
    return KINK_RELATIVE * (abs(estimate) + gap / 2) + NOISE_FACTOR * noise


def numeric_gradient(
    evaluate: Evaluate,
    params: Sequence[np.ndarray],
    *,
    dtype: np.dtype | str = np.float64,
    max_forward_calls: int = 300,
    seed: int = 0,
    blocks: Collection[int] | None = None,
    max_entries: int = REPORTED_ENTRIES,
    base_value: float | None = None,
) -> NumericGradient:
    """Finite-difference gradient of `evaluate` at `params` (list of arrays, any shapes).

    With `blocks`, only those arrays are estimated, each whole when it has at most
    `max_entries` entries (fewer when many blocks share `max_forward_calls`) and at a
    seeded sample of that many otherwise: the entries a report about a wrong block needs
    (its error, best-fit factor, worst entry), after the directional checks found it
    wrong. `base_value`, when given, is `evaluate` at
    `params` (a caller that already has it saves the call).
    """
    # C order, so that reshape(-1) below is a view that writes through.
    arrays = [np.array(p, dtype=np.float64, copy=True, order="C") for p in params]
    sizes = [a.size for a in arrays]
    total = int(sum(sizes))
    count = _Counter(evaluate)
    if base_value is None:
        f0, pattern0 = count([a.copy() for a in arrays])
    else:
        f0, pattern0 = base_value, None
    # Rounding noise grows with |f|: a large summed loss needs a larger step (cbrt scaling).
    step = (
        relative_step(dtype) * float(np.cbrt(max(1.0, abs(f0))))
        if np.isfinite(f0)
        else relative_step(dtype)
    )
    eps = float(np.finfo(np.dtype(dtype) if np.dtype(dtype).kind == "f" else np.float64).eps)
    noise_value = eps * max(abs(f0), 1.0) if np.isfinite(f0) else float("inf")
    estimates = [np.full(a.shape, np.nan) for a in arrays]
    estimated = [np.zeros(a.shape, dtype=bool) for a in arrays]
    uncheckable = [np.zeros(a.shape, dtype=bool) for a in arrays]
    rng = np.random.default_rng(seed)
    # Sampling keeps a quarter of the calls for second looks at suspicious entries.
    entry_budget = (max_forward_calls - 1) * 3 // 8
    if blocks is not None:
        # Many wrong blocks share the budget: the calls stay within max_forward_calls.
        max_entries = min(max_entries, max(1, entry_budget // max(1, len(blocks))))
        chosen = [
            (
                np.array([], dtype=int)
                if index not in blocks
                else np.arange(size)
                if size <= max_entries
                else np.sort(rng.choice(size, size=max_entries, replace=False))
            )
            for index, size in enumerate(sizes)
        ]
        exhaustive = all(len(c) == size for c, size in zip(chosen, sizes, strict=True))
    else:
        exhaustive = 1 + 2 * total <= max_forward_calls
        chosen = (
            [np.arange(size) for size in sizes] if exhaustive else _sample(sizes, entry_budget, rng)
        )
    calls_left = max_forward_calls - count.calls - 2 * sum(len(c) for c in chosen)

    def central_at(
        index: int, entry: int, h: float
    ) -> tuple[float, float, np.ndarray | None, np.ndarray | None]:
        flat = arrays[index].reshape(-1)
        original = flat[entry]
        flat[entry] = original + h
        plus, pattern_plus = count([a.copy() for a in arrays])
        flat[entry] = original - h
        minus, pattern_minus = count([a.copy() for a in arrays])
        flat[entry] = original
        return plus, minus, pattern_plus, pattern_minus

    for index, flat_entries in enumerate(chosen):
        for entry in flat_entries:
            original = float(arrays[index].reshape(-1)[entry])
            h = step * max(1.0, abs(original))
            plus, minus, pattern_plus, pattern_minus = central_at(index, int(entry), h)
            estimate, gap = _difference(f0, plus, minus, h)
            suspicious = not np.isfinite(estimate) or gap > _allowed(estimate, gap, noise_value / h)
            if suspicious and np.isfinite(estimate) and calls_left >= 2:
                # Curvature makes the one-sided slopes differ by ~h f''; halving h halves
                # that gap. A kink within reach keeps it: only then is the entry uncheckable.
                calls_left -= 2
                half = h / 2
                plus, minus, _, _ = central_at(index, int(entry), half)
                estimate_half, gap_half = _difference(f0, plus, minus, half)
                if gap_half <= 0.75 * gap + NOISE_FACTOR * noise_value / half:
                    estimate, suspicious = estimate_half, False
            position = np.unravel_index(int(entry), arrays[index].shape)
            estimates[index][position] = estimate
            estimated[index][position] = True
            kink = _flips(pattern0, pattern_plus, pattern_minus)
            uncheckable[index][position] = suspicious or kink
    result = NumericGradient(estimates, estimated, uncheckable, exhaustive=exhaustive)
    result.forward_calls = count.calls
    return result


def _sample(sizes: list[int], budget: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Entries to estimate per array: every array gets some, large arrays proportionally more."""
    total = sum(sizes)
    floor = min(4, max(1, budget // max(1, 2 * len(sizes))))
    counts = [min(size, floor) for size in sizes]
    remaining = budget - sum(counts)
    if remaining > 0:
        spare = [size - count for size, count in zip(sizes, counts, strict=True)]
        spare_total = sum(spare)
        for i, extra in enumerate(spare):
            counts[i] += min(extra, int(remaining * extra / spare_total)) if spare_total else 0
    del total
    return [
        np.sort(rng.choice(size, size=count, replace=False)) if count else np.array([], dtype=int)
        for size, count in zip(sizes, counts, strict=True)
    ]


# ------------------------------------------------------------------ directional checks

DIRECTIONS = 2  # random directions per parameter block and point (two points: four in all)
# A central difference carries the rounding error of its two evaluations over the step:
# about ROUNDING_UNITS eps of the loss in all (a loss summed in float64 from float32
# outputs rounds far less; a claim this allowance lets pass is wrong by less than the
# difference could show anyway).
ROUNDING_UNITS = 4.0


@dataclass(frozen=True)
class DirectionalCheck:
    """One block's claimed gradient against random directional derivatives of the loss.

    `factor` is the c in {1, 1/m} for which the claim equals c times the truth along every
    direction, to within the agree band of the dtype (None: neither fits, or a direction
    was not finite). `relative_error` is the worst direction's error of the claim against
    the truth itself (c = 1), `scaled_error` against the best c (`fit`). `clean`: no
    direction's one-sided slopes differed beyond curvature and rounding, so no kink moved
    an estimate (judged for a block that does not agree, the only one it matters for).
    """

    factor: float | None
    relative_error: float
    scaled_error: float
    clean: bool
    fit: float = 1.0


@dataclass
class _Direction:
    plus: float  # f(p + h v), as rounded to the user's dtype
    minus: float  # f(p - h v)
    h: float
    taken: np.ndarray  # the step from p - h v to p + h v, after rounding
    along: float  # v . taken, about 2 h

    @property
    def derivative(self) -> float:
        return (self.plus - self.minus) / self.along if self.along > 0 else float("nan")

    def projection(self, claim: np.ndarray) -> float:
        """The claim along the step actually taken: the same rounding as the estimate."""
        return float(np.dot(claim.reshape(-1), self.taken.reshape(-1))) / self.along


def _unit_direction(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal(shape)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def _rounded(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The values the user's code will see: rounded to its dtype, back in float64."""
    return values.astype(dtype).astype(np.float64) if dtype.itemsize < 8 else values


def directional_checks(
    evaluate: Evaluate,
    params: Sequence[np.ndarray],
    claimed: Sequence[np.ndarray | None],
    *,
    m: int,
    dtype: np.dtype | str = np.float64,
    seed: int = 0,
    directions: int = DIRECTIONS,
) -> tuple[list[DirectionalCheck | None], float | None, int]:
    """Per block, the claim's projections on random unit directions against central
    differences of `evaluate` along them: 2 calls per direction, whatever the block's size
    (torch.autograd.gradcheck's fast mode does the same).

    A wrong claim g = t + e passes a direction v only if <e, v> is within the tolerance,
    and for a random v, <e, v> is |e| / sqrt(n) times a standard normal: it is rarely that
    small, and never at every direction of both points. The error is measured against the
    size a projection of the claim has (|g| / sqrt(n)), so that a direction nearly
    orthogonal to the truth does not make rounding look large.

    A block gets None (check it entry by entry) when its claim is missing, not finite or
    of another shape. The directions come from `seed` alone: the same file and seed give
    the same verdicts. Returns the checks, `evaluate` at `params` when it was needed (else
    None) and the number of calls made.
    """
    kind = np.dtype(dtype) if np.dtype(dtype).kind == "f" else np.dtype(np.float64)
    arrays = [np.array(p, dtype=np.float64, copy=True, order="C") for p in params]
    count = _Counter(evaluate)
    rng = np.random.default_rng(seed)
    checks: list[DirectionalCheck | None] = []
    base: list[float] = []  # evaluate at params, once, when a block needs it
    loss_size: float | None = None  # |loss|, read off the first direction's evaluations
    for index, array in enumerate(arrays):
        # Every block draws its directions whether checked or not: a block's directions do
        # not depend on which other blocks were checked. A block with fewer entries than
        # directions needs no more directions than entries.
        vs = [_unit_direction(array.shape, rng) for _ in range(min(directions, array.size))]
        claim = claimed[index]
        if (
            claim is None
            or np.shape(claim) != array.shape
            or not vs
            or not bool(np.all(np.isfinite(np.asarray(claim, dtype=np.float64))))
        ):
            checks.append(None)
            continue
        measured: list[_Direction] = []
        for v in vs:
            direction = _measure(count, arrays, index, v, kind)
            if loss_size is None and np.isfinite(direction.plus + direction.minus):
                loss_size = abs(direction.plus + direction.minus) / 2
            measured.append(direction)
        check = _judge(np.asarray(claim, dtype=np.float64), measured, loss_size, kind, m)
        if check.factor is None:
            # A wrong block: whether a kink shaped its estimates decides how far they count.
            if not base:
                base.append(count([a.copy() for a in arrays])[0])
            check = replace(check, clean=_clean(measured, base[0], kind))
        checks.append(check)
    return checks, (base[0] if base else None), count.calls


def _step(values: np.ndarray, kind: np.dtype) -> float:
    """cbrt(eps), relative to the block's typical entry.

    Not scaled by the loss as a single entry's step is: along a unit direction spread over
    the block, truncation error grows with the loss as the derivative does, while the
    rounding of a loss summed over samples grows slower (measured on a float32 softplus
    network of 2,000 samples: a step of cbrt(eps) cbrt(|loss|) was 100 times further off
    than cbrt(eps)).
    """
    typical = float(np.sqrt(np.mean(values * values))) if values.size else 1.0
    return float(np.cbrt(float(np.finfo(kind).eps))) * max(1.0, typical)


def _measure(
    count: _Counter,
    arrays: list[np.ndarray],
    index: int,
    v: np.ndarray,
    kind: np.dtype,
) -> _Direction:
    """f(p + h v) and f(p - h v), and their central difference along the step actually
    taken: rounded to the user's dtype, p + h v is not exactly that."""
    base = arrays[index]
    h = _step(base, kind)
    values: list[float] = []
    taken = np.zeros_like(base)
    for sign in (1.0, -1.0):
        moved = _rounded(base + sign * h * v, kind)
        point = list(arrays)
        point[index] = moved
        values.append(count([a.copy() for a in point])[0])
        taken += sign * (moved - base)
    along = float(np.dot(v.reshape(-1), taken.reshape(-1)))
    return _Direction(values[0], values[1], h, taken, along)


def _judge(
    claim: np.ndarray,
    measured: list[_Direction],
    loss_size: float | None,
    kind: np.dtype,
    m: int,
) -> DirectionalCheck:
    """The claim against each direction's estimate, for c = 1 and c = 1/m.

    A direction's error is |<g, v> - c d| less the estimate's rounding allowance, over the
    largest of |<g, v>|, |c d| and |g| / sqrt(n); the block agrees for the c whose worst
    direction is within the numeric agree band (`tolerances`).
    """
    eps = float(np.finfo(kind).eps)
    agree, _ = tolerances(kind)
    rounding = ROUNDING_UNITS * eps * max(1.0, loss_size if loss_size is not None else 1.0)
    typical = float(np.linalg.norm(claim)) / np.sqrt(claim.size)
    errors = {1.0: 0.0, 1.0 / m: 0.0}
    finite = True
    for direction in measured:
        derivative = direction.derivative
        if not np.isfinite(derivative):
            finite = False
            continue
        projection = direction.projection(claim)
        allowance = rounding / direction.h
        for c in errors:
            size = max(typical, abs(projection), abs(c * derivative))
            difference = max(0.0, abs(projection - c * derivative) - abs(c) * allowance)
            errors[c] = max(errors[c], difference / size if size > 0 else 0.0)
    best = min(errors, key=lambda c: errors[c])
    factor = best if finite and errors[best] <= agree else None
    return DirectionalCheck(factor, errors[1.0], errors[best], clean=finite, fit=best)


def _clean(measured: list[_Direction], f0: float, kind: np.dtype) -> bool:
    """No direction's one-sided slopes differ beyond what curvature and rounding explain
    (`_allowed`, as for single entries): no kink moved an estimate."""
    if not np.isfinite(f0):
        return False
    noise = float(np.finfo(kind).eps) * max(abs(f0), 1.0)
    for direction in measured:
        if not np.isfinite(direction.derivative):
            return False
        gap = abs((direction.plus - f0) - (f0 - direction.minus)) / direction.h
        if gap > _allowed(direction.derivative, gap, noise / direction.h):
            return False
    return True
