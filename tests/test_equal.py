"""`same_array`: the question every tracer and snapshot asks, answered as
`np.array_equal(equal_nan=True)` answers it (but faster where nothing changed)."""

from __future__ import annotations

import numpy as np
import pytest

from netdoctor.equal import same_array


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (np.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3), True),
        (np.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(3, 2), False),  # shape
        (np.array([1.0, np.nan]), np.array([1.0, np.nan]), True),  # NaN equals NaN
        (np.array([1.0, np.nan]), np.array([2.0, np.nan]), False),
        (np.array([np.nan]), np.array([0.0]), False),  # weights that went NaN changed
        (np.array([1, 2]), np.array([1, 3]), False),  # integers
        (np.array([1, 2]), np.array([1.0, 2.0]), True),  # same numbers, other dtype
        (np.array([1e-300]), np.array([0.0]), False),  # a change too small to see by eye
        (np.array(["a", "b"]), np.array(["a", "b"]), True),  # words: no NaN to match
        (np.array([1.0 + np.nan * 1j]), np.array([1.0 + np.nan * 1j]), True),
    ],
)
def test_same_array_answers_as_array_equal_with_nan_equal(
    before: np.ndarray, after: np.ndarray, expected: bool
) -> None:
    assert same_array(before, after) is expected
    if before.dtype.kind in "biufc":
        assert np.array_equal(before, after, equal_nan=True) is expected


def test_random_changes_are_seen_as_array_equal_sees_them() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        before = rng.normal(size=(rng.integers(1, 5), rng.integers(1, 5)))
        before[rng.random(before.shape) < 0.2] = np.nan
        after = before.copy()
        if rng.random() < 0.5:
            after.flat[rng.integers(after.size)] = rng.choice([0.0, np.nan, 1e-12])
        assert same_array(before, after) == np.array_equal(before, after, equal_nan=True)
