"""Fits a smooth bump with a sigmoid output and squared error, printed every 200 epochs;
bug: the output delta is the linear output's (out - target), the sigmoid's slope left out."""
import numpy as np

rng = np.random.default_rng(11)
points = np.linspace(-2, 2, 40).reshape(-1, 1)
targets = 0.1 + 0.8 * np.exp(-points ** 2)

hidden_weights = rng.normal(0, 1, (1, 8))
hidden_bias = np.zeros((1, 8))
out_weights = rng.normal(0, 1, (8, 1))
out_bias = np.zeros((1, 1))
step_size = 0.05


def squash(v):
    return 1 / (1 + np.exp(-v))


def train(epochs):
    global hidden_weights, hidden_bias, out_weights, out_bias
    for epoch in range(epochs):
        hidden = np.tanh(points @ hidden_weights + hidden_bias)
        guess = squash(hidden @ out_weights + out_bias)
        mse = np.mean((guess - targets) ** 2)
        delta = guess - targets  # BUG(ND113): squared error through a sigmoid needs * guess * (1 - guess)
        back = delta @ out_weights.T * (1 - hidden ** 2)
        out_weights -= step_size * hidden.T @ delta
        out_bias -= step_size * delta.sum(axis=0, keepdims=True)
        hidden_weights -= step_size * points.T @ back
        hidden_bias -= step_size * back.sum(axis=0, keepdims=True)
        if epoch % 200 == 0:
            print(f"epoch {epoch:4d}  mse {mse:.5f}")


if __name__ == "__main__":
    train(1000)
