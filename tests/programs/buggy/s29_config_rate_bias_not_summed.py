"""A small MLP whose settings live in a dataclass; backward reads the rate from it."""
from dataclasses import dataclass

import numpy as np


@dataclass
class Settings:
    hidden: int = 5
    learning_rate: float = 0.8
    epochs: int = 600


class MLP:
    def __init__(self, n_in: int, cfg: Settings) -> None:
        rng = np.random.default_rng(0)
        self.cfg = cfg
        self.W1 = rng.normal(0, 0.5, (n_in, cfg.hidden))
        self.b1 = np.zeros((1, cfg.hidden))
        self.W2 = rng.normal(0, 0.5, (cfg.hidden, 1))
        self.b2 = np.zeros((1, 1))

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def backward(self, X: np.ndarray, y: np.ndarray) -> None:
        lr = self.cfg.learning_rate
        dz2 = (self.p - y) / len(X)
        dz1 = (dz2 @ self.W2.T) * (1 - self.h ** 2)
        self.W2 = self.W2 - lr * self.h.T @ dz2
        self.b2 = self.b2 - lr * dz2.sum(axis=0, keepdims=True)
        self.W1 = self.W1 - lr * X.T @ dz1
        self.b1 = self.b1 - lr * dz1  # BUG(ND108): dz1 has one row per sample


if __name__ == "__main__":
    rng = np.random.default_rng(5)
    X = rng.normal(size=(90, 3))
    y = (X[:, 0] - X[:, 1] * X[:, 2] > 0).astype(float).reshape(-1, 1)
    model = MLP(3, Settings())
    for epoch in range(model.cfg.epochs):
        model.forward(X)
        model.backward(X, y)
        if epoch % 150 == 0:
            print(epoch, float(np.mean((model.p > 0.5) == y)))
