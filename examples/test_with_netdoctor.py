"""How to put netdoctor in your own test suite (the netdoctor test suite runs this file).

Install netdoctor in the environment that runs pytest; the `netdoctor_check` fixture is
then available everywhere, no import needed.
"""

import numpy as np

from netdoctor.testing import assert_gradients_correct


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(X, Y, W1, b1, W2, b2):
    A1 = sigmoid(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    dZ2 = A2 - Y
    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
    return {
        "dW1": X.T @ dZ1,
        "db1": dZ1.sum(axis=0, keepdims=True),
        "dW2": A1.T @ dZ2,
        "db2": dZ2.sum(axis=0, keepdims=True),
    }


def test_backprop_function():
    rng = np.random.default_rng(0)
    params = {
        "W1": rng.normal(size=(2, 3)),
        "b1": np.zeros((1, 3)),
        "W2": rng.normal(size=(3, 1)),
        "b2": np.zeros((1, 1)),
    }
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert_gradients_correct(backprop, params, X, Y)


def test_network_file(netdoctor_check):
    report = netdoctor_check("xor_network.py")  # a file next to this test
    assert report.subject["hidden_activation"] == "sigmoid"
