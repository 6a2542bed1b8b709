# layers keep params and grads in dicts; the model lists the ones with parameters
import numpy as np


class Affine:
    has_params = True

    def __init__(self, n_in, n_out, rng):
        self.params = {"W": rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)), "b": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.inp = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, g):
        self.grads["W"] = self.inp.T @ g
        self.grads["b"] = g.sum(axis=0)
        return g @ self.params["W"].T


class LeakyReLU:
    has_params = False

    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.05 * x)

    def backward(self, g):
        return g  # BUG(ND110): the leaky slope is never applied


class Model:
    def __init__(self, parts):
        self.parts = parts

    def __call__(self, x):
        for part in self.parts:
            x = part.forward(x)
        return x

    def backward(self, g):
        for part in reversed(self.parts):
            g = part.backward(g)

    def trainable(self):
        return [p for p in self.parts if p.has_params]


def fit(model, X, Y, steps=3000, lr=0.02):
    for step in range(steps):
        guess = model(X)
        model.backward((guess - Y) / len(X))
        for part in model.trainable():
            for key in part.params:
                part.params[key] -= lr * part.grads[key]
        if step % 500 == 0:
            print(step, float(np.mean((guess - Y) ** 2) / 2))


rng = np.random.default_rng(11)
X = rng.uniform(-2, 2, (100, 1))
Y = np.abs(X) - 0.5 + rng.normal(0, 0.05, X.shape)
fit(Model([Affine(1, 16, rng), LeakyReLU(), Affine(16, 1, rng)]), X, Y)
