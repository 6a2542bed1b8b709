"""Two moons-ish data, 2 -> 8 (sigmoid) -> 1 (sigmoid), features as rows of X.T."""
from dataclasses import dataclass

import numpy as np


@dataclass
class Params:
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray

    def clone(self) -> "Params":
        return Params(self.W1.copy(), self.b1.copy(), self.W2.copy(), self.b2.copy())


def logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


class Model:
    def __init__(self, seed=3):
        g = np.random.default_rng(seed)
        self.p = Params(g.normal(0, 1, (8, 2)), np.zeros((8, 1)), g.normal(0, 1, (1, 8)), np.zeros((1, 1)))

    def run(self, X):
        A1 = logistic(self.p.W1 @ X + self.p.b1)
        return A1, logistic(self.p.W2 @ A1 + self.p.b2)

    def grads(self, X, Y, A1, A2):
        m = X.shape[1]
        dZ2 = A2 - Y
        dZ1 = (self.p.W2.T @ dZ2) * A1 * (1 - A1)
        return (dZ1 @ X.T / m, dZ1.sum(axis=1, keepdims=True) / m,
                dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m)

    def train(self, X, Y, Xv, Yv, alpha=2.0, epochs=1500, patience=100):
        best, best_params, waited = np.inf, self.p.clone(), 0
        for epoch in range(epochs):
            A1, A2 = self.run(X)
            dW1, db1, dW2, db2 = self.grads(X, Y, A1, A2)
            self.p.W1 -= alpha * dW1
            self.p.b1 -= alpha * db1
            self.p.W2 -= alpha * dW2
            self.p.b2 -= alpha * db2
            _, Av = self.run(Xv)
            val = float(-np.mean(Yv * np.log(Av + 1e-12) + (1 - Yv) * np.log(1 - Av + 1e-12)))
            if val < best:
                best, best_params, waited = val, self.p.clone(), 0
            else:
                waited += 1
                if waited > patience:
                    print("stopping at", epoch)
                    break
        self.p = best_params
        return best


t = np.linspace(0, np.pi, 100)
X = np.hstack([np.vstack([np.cos(t), np.sin(t)]), np.vstack([1 - np.cos(t), 0.4 - np.sin(t)])])
X += np.random.default_rng(1).normal(0, 0.15, X.shape)
Y = np.hstack([np.zeros((1, 100)), np.ones((1, 100))])
order = np.random.default_rng(2).permutation(200)
X, Y = X[:, order], Y[:, order]
model = Model()
print("best validation error", model.train(X[:, :160], Y[:, :160], X[:, 160:], Y[:, 160:]))
