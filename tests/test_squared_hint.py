"""The squared error a file with no loss function computes (`discover/squared_hint.py`):
which statements say so, how they reduce, and that the hint is taken only for targets
that are not labels."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from netdoctor.discover.squared_hint import squared_error_hint
from netdoctor.loss_readings import targets_are_labels


@pytest.mark.parametrize(
    ("source", "line", "reduction", "half"),
    [
        ("mse = np.mean((yall - ys) ** 2) / 2\n", 1, "mean", True),
        ("x = 1\nerr = 0.5 * np.sum(np.square(out - t))\n", 2, "sum", True),
        ("for e in range(9):\n    print(e, np.mean((p - y) * (p - y)))\n", 2, "mean", False),
        ("hist = []\nhist.append(((o - t) ** 2).sum() / len(t))\n", 2, "mean", False),
        ("J = np.sum((a3 - Y) ** 2) / (2 * m)\n", 1, "mean", True),  # the Octave port's
    ],
)
def test_a_squared_error_the_file_computes_is_found_with_its_reduction(
    source: str, line: int, reduction: str, half: bool
) -> None:
    hint = squared_error_hint(ast.parse(source))
    assert hint is not None
    assert (hint.line, hint.reduction, hint.half) == (line, reduction, half)


@pytest.mark.parametrize(
    "source",
    [
        "X = np.exp(-(x - c) ** 2)\n",  # Gaussian data, not a loss
        "var = np.mean((X - mu) ** 2)\n",  # a statistic, not loss-named, not shown
        "loss = -np.mean(y * np.log(p))\n",  # no squared difference
        "print((p - y) ** 2)\n",  # shown, but not reduced: one sample's error printed
    ],
)
def test_other_squares_are_no_hint(source: str) -> None:
    assert squared_error_hint(ast.parse(source)) is None


def test_the_hint_is_for_targets_that_are_not_labels() -> None:
    assert targets_are_labels(np.array([[0.0], [1.0], [1.0], [0.0]]))
    assert targets_are_labels(np.array([[0.01], [0.99], [0.99]]))  # smoothed: still labels
    assert not targets_are_labels(np.linspace(0.1, 0.9, 20).reshape(-1, 1))
