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


# ------------------------------------------------------------------ directional checks


def _quadratic_sines(a: list[np.ndarray]) -> float:
    return float(np.sum(np.sin(a[0]) * 3) + np.sum(a[1] ** 2))


def _true_gradients(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    return [3 * np.cos(x), 2 * y]


def test_directions_clear_a_right_claim_in_calls_independent_of_size() -> None:
    rng = np.random.default_rng(1)
    for size in (10, 1_000_000):
        x, y = rng.normal(size=(size,)), rng.normal(size=(3, 2))
        checks, _, calls = numeric.directional_checks(
            _quadratic_sines, [x, y], _true_gradients(x, y), m=5
        )
        assert [c.factor if c else None for c in checks] == [1.0, 1.0]
        assert calls == 2 * numeric.DIRECTIONS * 2  # no base point needed when all agree


def test_directions_read_the_mean_convention() -> None:
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(40, 30)), rng.normal(size=(30,))
    claims = [g / 8 for g in _true_gradients(x, y)]
    checks, _, _ = numeric.directional_checks(_quadratic_sines, [x, y], claims, m=8)
    assert [c.factor if c else None for c in checks] == [1 / 8, 1 / 8]


def test_directions_find_a_wrong_claim_even_in_a_few_entries() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(300, 300)), rng.normal(size=(4,))
    right, wrong_entries = _true_gradients(x, y)[0], _true_gradients(x, y)[0].copy()
    wrong_entries[:, :3] = 0.0  # three columns of 300 forgotten
    for seed in range(20):  # a wrong claim is caught whatever the directions
        for claim in (2 * right, wrong_entries):
            checks, _, _ = numeric.directional_checks(
                _quadratic_sines, [x, y], [claim, 2 * y], m=7, seed=seed
            )
            block = checks[0]
            assert block is not None and block.factor is None and block.clean
            assert block.scaled_error > numeric.tolerances(np.float64)[1]
            assert checks[1] is not None and checks[1].factor == 1.0


def test_float32_code_with_a_large_summed_loss_passes() -> None:
    """A right claim from float32 code, a loss summed over many samples: no false alarm."""
    rng = np.random.default_rng(4)
    data = rng.normal(size=(2000, 50)).astype(np.float32)
    w = (rng.normal(size=(50, 400)) / np.sqrt(50)).astype(np.float32)

    def loss(a: list[np.ndarray]) -> float:
        hidden = np.logaddexp(np.float32(0), data @ a[0].astype(np.float32))
        return float(np.sum(hidden, dtype=np.float64))

    sig = 1 / (1 + np.exp(-(data.astype(np.float64) @ w.astype(np.float64))))
    claim = (data.T.astype(np.float32) @ sig.astype(np.float32)).astype(np.float64)
    for seed in range(5):
        checks, _, _ = numeric.directional_checks(
            loss, [w.astype(np.float64)], [claim], m=2000, dtype=np.float32, seed=seed
        )
        assert checks[0] is not None and checks[0].factor == 1.0


def test_unusable_claims_are_left_to_the_entries() -> None:
    x = np.ones((4, 3))
    claims = [None, np.ones((3, 4)), np.full((4, 3), np.nan)]
    checks, base, calls = numeric.directional_checks(
        lambda a: float(np.sum(a[0] ** 2)), [x, x, x], claims, m=2
    )
    assert checks == [None, None, None] and base is None and calls == 0


def test_same_seed_same_directional_verdicts() -> None:
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=(50, 20)), rng.normal(size=(20,))
    claims = [1.0001 * g for g in _true_gradients(x, y)]
    a = numeric.directional_checks(_quadratic_sines, [x, y], claims, m=3, seed=9)
    b = numeric.directional_checks(_quadratic_sines, [x, y], claims, m=3, seed=9)
    assert a == b
