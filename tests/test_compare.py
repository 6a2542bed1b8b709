"""Verdicts on one parameter: tolerances, scale, shapes."""

from __future__ import annotations

import numpy as np

from netdoctor.compare import compare, tolerance_for

TRUTH = np.array([[0.5, -0.25], [0.125, 1.0]])
F64 = tolerance_for("float64")


def test_equal_agrees_and_small_relative_error_disagrees() -> None:
    assert compare(TRUTH.copy(), TRUTH, F64).verdict == "agrees"
    off = TRUTH * 1.002  # the double-sigmoid bug is this close near outputs of 0.5
    result = compare(off, TRUTH, F64)
    assert result.verdict == "disagrees"
    assert abs(result.scale - 1.002) < 1e-12


def test_near_zero_entries_do_not_fake_disagreement() -> None:
    truth = np.array([1.0, 0.0])
    assert compare(np.array([1.0, 1e-17]), truth, F64).verdict == "agrees"


def test_float32_is_looser_but_still_catches_percent_errors() -> None:
    f32 = tolerance_for("float32")
    noisy = (TRUTH.astype(np.float32) + np.float32(1e-7)).astype(np.float64)
    assert compare(noisy, TRUTH, f32).verdict == "agrees"
    assert compare(TRUTH * 1.02, TRUTH, f32).verdict == "disagrees"


def test_shapes() -> None:
    assert compare(TRUTH.T[:, :1], TRUTH, F64).verdict == "shape"
    rect = np.arange(6.0).reshape(2, 3)
    assert compare(rect.T, rect, F64).verdict == "transposed"
    bias = np.array([[1.0, 2.0, 3.0]])
    assert compare(np.array([1.0, 2.0, 3.0]), bias, F64).verdict == "agrees"  # (h,) for (1, h)
    column_bias = bias.T
    assert compare(np.array([1.0, 2.0, 3.0]), column_bias, F64).verdict == "shape"  # (h,) -> (h, h)


def test_missing_and_not_finite() -> None:
    assert compare(None, TRUTH, F64).verdict == "missing"
    assert compare(TRUTH * np.nan, TRUTH, F64).verdict == "not-finite"
