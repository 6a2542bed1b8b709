"""Hidden layers with different activations and no forward pass apart from the step:
no truth fits, so nothing is checked and the report says why, rather than calling every
gradient wrong."""

from __future__ import annotations

from pathlib import Path

from netdoctor.engine import check_file

PROGRAM = """
import numpy as np

np.random.seed(4)
X = np.random.randn(120, 3)
y = (X[:, 0] * X[:, 1] + X[:, 2] > 0).astype(float).reshape(-1, 1)


class Dense:
    def __init__(self, n_in, n_out):
        self.weights = 0.5 * np.random.randn(n_in, n_out)
        self.biases = np.zeros((1, n_out))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = inputs @ self.weights + self.biases

    def backward(self, dvalues):
        self.dweights = self.inputs.T @ dvalues
        self.dbiases = dvalues.sum(axis=0, keepdims=True)
        self.dinputs = dvalues @ self.weights.T


class Tanh:
    def forward(self, inputs):
        self.output = np.tanh(inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.output ** 2)


class ReLU:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues * (self.inputs > 0)


class Sigmoid:
    def forward(self, inputs):
        self.output = 1 / (1 + np.exp(-inputs))


dense1, act1, dense2 = Dense(3, 8), Tanh(), Dense(8, 6)
act2, dense3, act3 = ReLU(), Dense(6, 1), Sigmoid()
for epoch in range(300):
    dense1.forward(X)
    act1.forward(dense1.output)
    dense2.forward(act1.output)
    act2.forward(dense2.output)
    dense3.forward(act2.output)
    act3.forward(dense3.output)
    dense3.backward((act3.output - y) / len(X))  # sigmoid and cross-entropy together
    act2.backward(dense3.dinputs)
    dense2.backward(act2.dinputs)
    act1.backward(dense2.dinputs)
    dense1.backward(act1.dinputs)
    for layer in (dense1, dense2, dense3):
        layer.weights -= 0.5 * layer.dweights
        layer.biases -= 0.5 * layer.dbiases
"""


def test_tanh_then_relu_without_a_forward_is_not_checked_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "mixed.py"
    path.write_text(PROGRAM)
    report = check_file(str(path))
    assert report.status != "checked"
    assert report.exit_code == 2
    assert report.error is not None
    assert "different activations (tanh in one, relu in the next)" in report.error["message"]
    assert not [f for f in report.findings if f.severity == "error"]
