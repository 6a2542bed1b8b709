"""Exam scores predict admission; one student's second score was never recorded and sits in the array as NaN."""

import numpy as np

# hours studied, practice-test score (scaled to 0..1), admitted?
students = np.array(
    [
        [0.5, 0.20],
        [1.0, 0.35],
        [1.5, np.nan],  # BUG(ND311): a missing measurement left in the training data
        [2.0, 0.50],
        [2.5, 0.65],
        [3.0, 0.70],
        [3.5, 0.85],
        [4.0, 0.90],
    ]
)
admitted = np.array([[0], [0], [0], [0], [1], [1], [1], [1]], dtype=float)

rng = np.random.default_rng(42)
hidden_weights = rng.normal(0, 0.5, (2, 3))
hidden_bias = np.zeros((1, 3))
output_weights = rng.normal(0, 0.5, (3, 1))
output_bias = np.zeros((1, 1))
rate = 0.1


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def train():
    global hidden_weights, hidden_bias, output_weights, output_bias
    for epoch in range(500):
        hidden = sigmoid(students @ hidden_weights + hidden_bias)
        prediction = sigmoid(hidden @ output_weights + output_bias)
        d_out = prediction - admitted
        d_hidden = (d_out @ output_weights.T) * hidden * (1 - hidden)
        output_weights = output_weights - rate * hidden.T @ d_out
        output_bias = output_bias - rate * d_out.sum(axis=0, keepdims=True)
        hidden_weights = hidden_weights - rate * students.T @ d_hidden
        hidden_bias = hidden_bias - rate * d_hidden.sum(axis=0, keepdims=True)
        if epoch % 100 == 0:
            print("epoch", epoch, "mean error", np.mean(np.abs(d_out)))


if __name__ == "__main__":
    train()
