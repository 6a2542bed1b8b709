"""Small user files and a CLI runner shared by the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXERCISE = """import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2):
    A1 = sigmoid(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    dZ2 = A2 - Y
    dW2 = A1.T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
    dW1 = X.T @ dZ1
    db1 = np.sum(dZ1, axis=0, keepdims=True)
    return {{"dW1": {dW1}, "db1": db1, "dW2": dW2, "db2": db2}}

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
Y = np.array([[0], [1], [1], [0]])
np.random.seed(0)
W1 = np.random.randn(2, 3)
b1 = np.zeros((1, 3))
W2 = np.random.randn(3, 1)
b2 = np.zeros((1, 1))
"""


# The exercise with the training loop that calls it, as people run it: netdoctor follows
# the file to its first training step.
TRAINING = (
    EXERCISE.format(dW1="dW1")
    + """
for epoch in range(100):
    grads = backprop(X, Y, 2, 3, W1, b1, W2, b2)
    W1 -= 0.5 * grads["dW1"]
    b1 -= 0.5 * grads["db1"]
    W2 -= 0.5 * grads["dW2"]
    b2 -= 0.5 * grads["db2"]
"""
)


def write(tmp_path: Path, text: str, name: str = "net.py") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`netdoctor ARGS` in a child process (in `cwd`, which decides the pyproject.toml read)."""
    return subprocess.run(
        [sys.executable, "-m", "netdoctor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
