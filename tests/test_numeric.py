"""The oracle's own promises: kinks are uncheckable, cost is bounded, float32 works."""

from __future__ import annotations

import numpy as np

from netdoctor import numeric


def test_smooth_function_matches_its_derivative() -> None:
    x = np.array([[0.3, -1.2], [2.0, 0.1]])
    result = numeric.numeric_gradient(lambda a: float(np.sum(np.sin(a[0]) * 3)), [x])
    np.testing.assert_allclose(result.estimates[0], 3 * np.cos(x), rtol=1e-8)
    assert not result.uncheckable[0].any()
    assert result.forward_calls == 1 + 2 * x.size


def test_entry_at_a_kink_is_uncheckable_not_wrong() -> None:
    x = np.array([0.0, 1.0, -1.0])
    result = numeric.numeric_gradient(lambda a: float(np.sum(np.maximum(a[0], 0.0))), [x])
    assert result.uncheckable[0].tolist() == [True, False, False]
    np.testing.assert_allclose(result.estimates[0][1:], [1.0, 0.0], atol=1e-9)


def test_pattern_flip_marks_a_kink_even_when_slopes_look_alike() -> None:
    x = np.array([1e-9, 1.0])

    def evaluate(a: list[np.ndarray]) -> tuple[float, np.ndarray]:
        return float(np.sum(a[0] ** 2)), a[0] > 0

    result = numeric.numeric_gradient(evaluate, [x])
    assert result.uncheckable[0].tolist() == [True, False]


def test_forward_calls_stay_bounded_for_a_million_parameters() -> None:
    big = np.random.default_rng(0).normal(size=(1000, 1000))
    small = np.ones(3)
    result = numeric.numeric_gradient(
        lambda a: float(np.sum(a[0] ** 2) + np.sum(a[1] ** 3)), [big, small], max_forward_calls=300
    )
    assert result.forward_calls <= 300
    assert not result.exhaustive
    assert result.estimated[1].all()  # every array is sampled, small ones fully
    mask = result.checkable(0)
    assert mask.sum() > 50
    # Norm-wise, as netdoctor compares: an f of 1e6 leaves ~1e-7 of rounding in each slope.
    np.testing.assert_allclose(
        result.estimates[0][mask], 2 * big[mask], atol=1e-5 * np.max(np.abs(2 * big[mask]))
    )


def test_float32_function_is_estimated_within_the_float32_band() -> None:
    x = np.array([0.5, -0.25, 1.5], dtype=np.float32)

    def evaluate(a: list[np.ndarray]) -> float:
        value = a[0].astype(np.float32)
        return float(np.sum(np.tanh(value) * np.float32(2.0), dtype=np.float32))

    result = numeric.numeric_gradient(evaluate, [x], dtype=np.float32)
    truth = 2 * (1 - np.tanh(x.astype(np.float64)) ** 2)
    agree, _ = numeric.tolerances(np.float32)
    error = np.max(np.abs(result.estimates[0] - truth)) / np.max(np.abs(truth))
    assert error < agree


def test_same_seed_same_sample() -> None:
    big = np.arange(10_000, dtype=float)
    a = numeric.numeric_gradient(lambda v: float(np.sum(v[0])), [big], seed=7)
    b = numeric.numeric_gradient(lambda v: float(np.sum(v[0])), [big], seed=7)
    assert np.array_equal(a.estimated[0], b.estimated[0])
