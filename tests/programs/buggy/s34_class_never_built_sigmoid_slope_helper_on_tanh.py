import numpy as np


class Perceptron2:
    """Never instantiated: the script below uses the class's functions on module arrays."""

    @staticmethod
    def squash(v):
        return 1 / (1 + np.exp(-v))

    @staticmethod
    def squash_slope(s):
        return s * (1 - s)


def train(points, marks, width=6, rate=0.7, rounds=1200):
    rng = np.random.default_rng(3)
    hidden_weights = rng.normal(0, 0.8, (points.shape[1], width))
    hidden_bias = np.zeros(width)
    out_weights = rng.normal(0, 0.8, (width, 1))
    out_bias = np.zeros(1)
    for _ in range(rounds):
        hid = np.tanh(points @ hidden_weights + hidden_bias)
        out = Perceptron2.squash(hid @ out_weights + out_bias)
        err = (out - marks) / len(points)
        back = err @ out_weights.T * Perceptron2.squash_slope(hid)  # BUG(ND109): the sigmoid's slope on the tanh layer
        out_weights -= rate * hid.T @ err
        out_bias -= rate * err.sum(0)
        hidden_weights -= rate * points.T @ back
        hidden_bias -= rate * back.sum(0)
    return hidden_weights, out_weights


if __name__ == "__main__":
    pts = np.random.default_rng(0).normal(size=(200, 2))
    lab = ((pts ** 2).sum(1, keepdims=True) < 1).astype(float)
    train(pts, lab)
