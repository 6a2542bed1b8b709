"""The user's code is asked once per parameter values while the checks run; what it says
is handed out as copies, and what it raises is raised again by running it again."""

from __future__ import annotations

import numpy as np
import pytest

from netdoctor.memo import remembered


def test_the_same_values_run_the_code_once_and_hand_out_copies() -> None:
    calls: list[int] = []

    def forward(values: dict[str, np.ndarray]) -> np.ndarray:
        calls.append(1)
        return values["W"] * 2.0

    asked = remembered(forward)
    first = asked({"W": np.ones(3)})
    first[:] = -5.0  # a reader changing its answer changes nobody else's
    second = asked({"W": np.ones(3)})
    assert len(calls) == 1
    assert second.tolist() == [2.0, 2.0, 2.0]
    asked({"W": np.ones(3) * 3})  # other values: the code runs again
    assert len(calls) == 2


def test_a_value_of_another_dtype_or_shape_is_another_question() -> None:
    calls: list[int] = []
    asked = remembered(lambda values: calls.append(1) or 0.0)
    asked({"W": np.zeros(4)})
    asked({"W": np.zeros(4, dtype=np.float32)})
    asked({"W": np.zeros((2, 2))})
    assert len(calls) == 3


def test_what_the_code_raised_is_not_remembered() -> None:
    calls: list[int] = []

    def flaky(values: dict[str, np.ndarray]) -> float:
        calls.append(1)
        if len(calls) == 1:
            raise FloatingPointError("overflow")
        return 1.0

    asked = remembered(flaky)
    with pytest.raises(FloatingPointError):
        asked({"W": np.ones(2)})
    assert asked({"W": np.ones(2)}) == 1.0
    assert len(calls) == 2
