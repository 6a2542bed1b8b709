"""A pure step function handed its mini-batch as one tuple built inline, the weights a
tuple made afresh each step: `weights = advance(weights, (features[rows], answers[rows]))`."""

import numpy as np

RATE = 0.3


def start(n_in, n_hidden, seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden)),
        np.zeros(n_hidden),
        rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, 1)),
        np.zeros(1),
    )


def predict(weights, x):
    w_in, b_in, w_out, b_out = weights
    hidden = np.maximum(x @ w_in + b_in, 0.0)
    return hidden, 1 / (1 + np.exp(-(hidden @ w_out + b_out)))


def advance(weights, pair):
    x, t = pair
    w_in, b_in, w_out, b_out = weights
    hidden, p = predict(weights, x)
    d_out = (p - t) / len(x)
    d_hid = (d_out @ w_out.T) * (hidden > 0)
    steps = (x.T @ d_hid, d_hid.sum(axis=0), hidden.T @ d_out, d_out.sum(axis=0))
    return tuple(w - RATE * s for w, s in zip(weights, steps))


if __name__ == "__main__":
    rng = np.random.default_rng(42)
    features = rng.normal(size=(256, 5))
    answers = (np.abs(features[:, :1]) + features[:, 1:2] > 0.8).astype(float)
    weights = start(5, 12)
    for epoch in range(80):
        order = rng.permutation(len(features))
        for first in range(0, len(order), 32):
            rows = order[first : first + 32]
            weights = advance(weights, (features[rows], answers[rows]))
        if epoch % 20 == 0:
            _, p = predict(weights, features)
            loss = -np.mean(answers * np.log(p + 1e-9) + (1 - answers) * np.log(1 - p + 1e-9))
            print(f"epoch {epoch}: loss {loss:.3f}, accuracy {np.mean((p > 0.5) == answers):.3f}")
