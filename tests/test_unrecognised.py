"""A network netdoctor has no reference for is checked through the user's own forward pass,
in a number of forward calls that does not grow with its size, and a wrong gradient there
is still named at its line."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from pathlib import Path

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions

# A softplus hidden layer (no reference network has one); with 1000 hidden units,
# 96 x 1000 + 1000 + 1000 + 1 = 99,001 parameters. The forward pass counts its calls
# through a hook the test sets.
SOFTPLUS = """import builtins

import numpy as np

rng = np.random.default_rng(0)
X = rng.normal(size=(200, 96))
Y = (X[:, :1] + 0.5 * rng.normal(size=(200, 1)) > 0).astype(float)
W1 = rng.normal(size=(96, {hidden})) / np.sqrt(96)
b1 = np.zeros((1, {hidden}))
W2 = rng.normal(size=({hidden}, 1)) / np.sqrt({hidden})
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    builtins.forward_calls[0] += 1
    Z1 = X @ W1 + b1
    A1 = np.logaddexp(0, Z1)
    A2 = sigmoid(A1 @ W2 + b2)
    return Z1, A1, A2


def backward(X, Y, W1, b1, W2, b2):
    Z1, A1, A2 = forward(X, W1, b1, W2, b2)
    dZ2 = (A2 - Y) / len(X)
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0, keepdims=True)
    dZ1 = dZ2 @ W2.T * {derivative}
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


for epoch in range(3):
    dW1, db1, dW2, db2 = backward(X, Y, W1, b1, W2, b2)
    W1 -= 0.5 * dW1
    b1 -= 0.5 * db1
    W2 -= 0.5 * dW2
    b2 -= 0.5 * db2
"""
CORRECT_DERIVATIVE = "sigmoid(Z1)"
MAX_FORWARD_CALLS = 60  # issue 15: whatever the network's size


@pytest.fixture
def forward_calls() -> Iterator[list[int]]:
    builtins.forward_calls = [0]  # type: ignore[attr-defined]
    yield builtins.forward_calls  # type: ignore[attr-defined]
    del builtins.forward_calls  # type: ignore[attr-defined]


def line_of(text: str) -> int:
    """The line of SOFTPLUS that starts with `text` (after indentation)."""
    lines = SOFTPLUS.splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.strip().startswith(text))


def check(tmp_path: Path, derivative: str, hidden: int = 1000) -> tuple[object, list[str]]:
    path = tmp_path / "softplus.py"
    path.write_text(SOFTPLUS.format(derivative=derivative, hidden=hidden))
    report = check_file(str(path), CheckOptions(train=False, memory_mb=None))
    errors = [
        f"{f.code}@{f.location.line if f.location else None}"
        for f in report.findings
        if f.severity == "error"
    ]
    return report, errors


def test_correct_unrecognised_network_costs_at_most_60_forward_calls(
    tmp_path: Path, forward_calls: list[int]
) -> None:
    report, errors = check(tmp_path, CORRECT_DERIVATIVE)
    assert report.subject["truth"] == "finite differences"  # type: ignore[attr-defined]
    assert errors == []
    assert forward_calls[0] <= MAX_FORWARD_CALLS


def test_wrong_derivative_in_an_unrecognised_network_is_named_at_its_line(
    tmp_path: Path, forward_calls: list[int]
) -> None:
    # softplus'(z) is sigmoid(z); the softplus itself in its place is a wrong delta.
    report, errors = check(tmp_path, "A1", hidden=40)
    assert report.subject["truth"] == "finite differences"  # type: ignore[attr-defined]
    wrong = {c.parameter for c in report.gradient_checks if c.verdict == "disagrees"}  # type: ignore[attr-defined]
    assert wrong == {"W1", "b1"}
    # Each wrong gradient at the line that computes it, as for a recognised network.
    assert sorted(errors) == sorted([f"ND100@{line_of('dW1 =')}", f"ND100@{line_of('db1 =')}"])


def test_same_file_same_report(tmp_path: Path, forward_calls: list[int]) -> None:
    first, _ = check(tmp_path, "A1", hidden=40)
    second, _ = check(tmp_path, "A1", hidden=40)
    assert first.to_dict() == second.to_dict()  # type: ignore[attr-defined]


def test_an_l2_penalty_is_told_apart_from_a_bug_in_another_layer(
    programs: Path, tmp_path: Path
) -> None:
    """ReLU then tanh layers (finite differences, no reference) with `+ wd * W` in every
    weight's gradient: the penalty is fitted and given to the truth, so the output layer
    stays right while the layers behind the tanh layer's missing slope are wrong."""
    text = (programs / "correct" / "s38_mixed_layers_l2.py").read_text()
    wrong = text.replace('    d2 = (P["W3"].T @ d3) * (1 - A2 ** 2)\n', '    d2 = P["W3"].T @ d3\n')
    assert wrong != text
    expected = {"P['W1']", "P['b1']", "P['W2']", "P['b2']"}
    for name, source, flagged_names in (("right", text, set()), ("wrong", wrong, expected)):
        path = tmp_path / f"{name}.py"
        path.write_text(source)
        report = check_file(str(path), CheckOptions(train=False))
        flagged = {f.evidence.get("parameter") for f in report.findings if f.severity == "error"}
        assert flagged == flagged_names, report.findings
        assert any("L2 penalty" in note for note in report.notes), report.notes
