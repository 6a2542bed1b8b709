"""Immutable parameters: a frozen dataclass, a new one returned by every update,
trained inside fit() that main() calls."""
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Weights:
    hidden: np.ndarray
    hidden_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def grads(w: Weights, x, t):
    a = sig(x @ w.hidden + w.hidden_bias)
    o = sig(a @ w.out + w.out_bias)
    e = 2 * (o - t) * o * (1 - o) / len(x)  # mean squared error, sigmoid output
    back = (e @ w.out.T) * a * (1 - a)
    return x.T @ back, back.sum(0), a.T @ e, e.sum(0)


def update(w: Weights, g, rate):
    g_hidden, g_hidden_bias, g_out, g_out_bias = g
    return Weights(
        hidden=w.hidden - rate * g_hidden,
        hidden_bias=w.hidden_bias - rate * g_hidden_bias,
        out=w.out - rate * g_out,
        out_bias=w.out_bias - rate * g_out_bias,
    )


def fit(x, t, epochs=4000, rate=2.0):
    rng = np.random.default_rng(1)
    w = Weights(rng.normal(0, 1, (2, 5)), np.zeros(5), rng.normal(0, 1, (5, 1)), np.zeros(1))
    for epoch in range(epochs):
        w = update(w, grads(w, x, t), rate)
        if epoch % 1000 == 0:
            o = sig(sig(x @ w.hidden + w.hidden_bias) @ w.out + w.out_bias)
            print(epoch, float(np.mean((o - t) ** 2)))
    return w


def main():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    t = np.array([[0.0], [1.0], [1.0], [0.0]])
    fit(x, t)


if __name__ == "__main__":
    main()
