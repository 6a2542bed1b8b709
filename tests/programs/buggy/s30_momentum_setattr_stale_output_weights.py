# a dataclass network stepping by name (setattr, momentum, self.hp.learning_rate); the
# output weights are stepped before the hidden error reads them
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Settings:
    units: int = 5
    learning_rate: float = 0.4
    momentum: float = 0.8
    rounds: int = 1500


@dataclass
class Classifier:
    n_in: int
    hp: Settings
    W1: np.ndarray = field(init=False)
    b1: np.ndarray = field(init=False)
    W2: np.ndarray = field(init=False)
    b2: np.ndarray = field(init=False)
    vel: dict = field(init=False)

    def __post_init__(self):
        gen = np.random.default_rng(4)
        self.W1 = gen.normal(0, 1, (self.n_in, self.hp.units))
        self.b1 = np.zeros((1, self.hp.units))
        self.W2 = gen.normal(0, 0.5, (self.hp.units, 1))
        self.b2 = np.zeros((1, 1))
        self.vel = {k: np.zeros_like(getattr(self, k)) for k in ("W1", "b1", "W2", "b2")}

    def _move(self, name, grad):
        step = self.hp.momentum * self.vel[name] - self.hp.learning_rate * grad
        self.vel[name] = step
        setattr(self, name, getattr(self, name) + step)

    def train_once(self, X, y):
        h = np.tanh(X @ self.W1 + self.b1)
        p = 1 / (1 + np.exp(-(h @ self.W2 + self.b2)))
        e = (p - y) / len(X)
        self._move("W2", h.T @ e)
        self._move("b2", e.sum(axis=0, keepdims=True))
        e_h = (e @ self.W2.T) * (1 - h**2)  # BUG(ND111): W2 was already moved this step
        self._move("W1", X.T @ e_h)
        self._move("b1", e_h.sum(axis=0, keepdims=True))
        return float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))


if __name__ == "__main__":
    hp = Settings()
    gen = np.random.default_rng(9)
    X = gen.normal(size=(160, 2))
    y = (X[:, :1] ** 2 + X[:, 1:] ** 2 < 1.2).astype(float)
    clf = Classifier(2, hp)
    for r in range(hp.rounds):
        loss = clf.train_once(X, y)
        if r % 300 == 0:
            print(r, loss)
