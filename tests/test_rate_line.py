"""ND308 points at the line where the learning rate is written, whatever way the file
writes it; a number that is not the rate, or not given to a rate's name, is no place."""

from __future__ import annotations

import ast

import pytest

from netdoctor.rate_line import rate_line

WRITTEN = [  # (source, the rate the step used, the line it is written on)
    ("alpha = 50.0\n", 50.0, 1),
    ("import numpy as np\n\ndef train(X, y, lr=40):\n    pass\n", 40.0, 3),
    ("def fit(X, *, learning_rate=2.5):\n    pass\n", 2.5, 1),
    ("x = 1\nmodel.fit(X, y,\n          eta=0.3)\n", 0.3, 3),
    ('CONFIG = {\n    "epochs": 10,\n    "lr": 0.3,\n}\n', 0.3, 3),
    ("class Net:\n    def __init__(self):\n        self.learning_rate = 0.3\n", 0.3, 3),
]


@pytest.mark.parametrize(("source", "rate", "line"), WRITTEN)
def test_the_rate_is_found_where_it_is_written(source: str, rate: float, line: int) -> None:
    assert rate_line(ast.parse(source), rate) == line


@pytest.mark.parametrize(
    "source",
    [
        "epochs = 50\n",  # the number, but not given to a rate
        "lr = 0.5\n",  # a rate, but not the one the step used
        "lr = -50\n",  # a rate is positive
    ],
)
def test_no_line_when_the_rate_is_not_written(source: str) -> None:
    assert rate_line(ast.parse(source), 50.0) is None


def test_no_line_without_a_rate() -> None:
    assert rate_line(ast.parse("lr = 0.5\n"), None) is None
