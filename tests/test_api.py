"""The Python API gives the same verdicts as the command line, on functions or files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from netfiles import EXERCISE, write

import netdoctor


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def tanh_gradients(X, y, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    h = np.tanh(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    delta = out - y
    hidden = delta @ W2.T * (1 - h**2)
    return X.T @ hidden, hidden.sum(0), h.T @ delta, delta.sum(0)


def tanh_gradients_missing_derivative(X, y, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    h = np.tanh(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    delta = out - y
    hidden = delta @ W2.T
    return X.T @ hidden, hidden.sum(0), h.T @ delta, delta.sum(0)


def _parameters() -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    params = {
        "W1": rng.normal(size=(3, 4)),
        "b1": rng.normal(size=4),
        "W2": rng.normal(size=(4, 1)),
        "b2": rng.normal(size=1),
    }
    X = rng.normal(size=(10, 3))
    y = (rng.random((10, 1)) > 0.5).astype(float)
    return params, X, y


def test_check_gradients_passes_a_correct_function_and_leaves_arrays_alone() -> None:
    params, X, y = _parameters()
    before = {k: v.copy() for k, v in params.items()}
    report = netdoctor.check_gradients(tanh_gradients, params, X, y)
    assert report.exit_code == 0, [f.message for f in report.findings]
    assert report.subject["hidden_activation"] == "tanh"
    assert all(np.array_equal(params[k], before[k]) for k in params)


def test_check_gradients_flags_a_wrong_function_at_its_line() -> None:
    params, X, y = _parameters()
    report = netdoctor.check_gradients(tanh_gradients_missing_derivative, params, X, y)
    assert report.exit_code == 1
    finding = report.findings[0]
    assert finding.code == "ND110"  # the tanh derivative is missing from the hidden delta
    assert finding.evidence["parameters"] == ["W1", "b1"]  # the output layer's are right
    assert finding.location is not None
    assert finding.location.path.endswith("test_api.py")
    assert finding.location.source == "hidden = delta @ W2.T"  # the line that drops tanh


def test_check_on_a_file_matches_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, EXERCISE.format(dW1="dW1 / 4"))
    report = netdoctor.check(path)
    assert report.exit_code == 1
    assert "ND106" in report.codes()
