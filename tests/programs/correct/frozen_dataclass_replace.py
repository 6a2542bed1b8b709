from dataclasses import dataclass, replace
import numpy as np


@dataclass(frozen=True)
class Params:
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray


def step(p: Params, X, y, lr=0.3) -> Params:
    h = np.maximum(0, X @ p.W1 + p.b1)
    out = 1 / (1 + np.exp(-(h @ p.W2 + p.b2)))
    d2 = out - y
    d1 = (d2 @ p.W2.T) * (h > 0)
    return replace(p, W1=p.W1 - lr * X.T @ d1, b1=p.b1 - lr * d1.sum(0),
                   W2=p.W2 - lr * h.T @ d2, b2=p.b2 - lr * d2.sum(0))


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 2))
    y = (X[:, :1] > 0).astype(float)
    p = Params(rng.normal(size=(2, 6)), np.zeros(6), rng.normal(size=(6, 1)), np.zeros(1))
    for epoch in range(300):
        p = step(p, X, y)
    print("done")
