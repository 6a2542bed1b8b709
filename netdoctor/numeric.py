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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from netdoctor.tolerances import numeric_tolerance

Evaluation = tuple[float, np.ndarray | None] | float
Evaluate = Callable[[list[np.ndarray]], Evaluation]

KINK_RELATIVE = 1e-3  # one-sided slopes further apart than this (relatively) get a second look
NOISE_FACTOR = 50.0  # how many rounding-noise units one-sided slopes may differ by


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
) -> NumericGradient:
    """Finite-difference gradient of `evaluate` at `params` (list of arrays, any shapes)."""
    # C order, so that reshape(-1) below is a view that writes through.
    arrays = [np.array(p, dtype=np.float64, copy=True, order="C") for p in params]
    sizes = [a.size for a in arrays]
    total = int(sum(sizes))
    count = _Counter(evaluate)
    f0, pattern0 = count([a.copy() for a in arrays])
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
    exhaustive = 1 + 2 * total <= max_forward_calls
    rng = np.random.default_rng(seed)
    # Sampling keeps a quarter of the calls for second looks at suspicious entries.
    entry_budget = (max_forward_calls - 1) * 3 // 8
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
