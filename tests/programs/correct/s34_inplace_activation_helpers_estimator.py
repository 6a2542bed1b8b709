"""An estimator in the style of a well-known library: activations and their derivatives
change the arrays they are handed, by design."""
import numpy as np


def tanh_inplace(values):
    np.tanh(values, out=values)


def logistic_inplace(values):
    values[...] = 1.0 / (1.0 + np.exp(-values))


def tanh_derivative_inplace(activated, delta):
    delta *= 1.0 - activated ** 2


class TinyEstimator:
    def __init__(self, width=10, rate=0.2, epochs=200, seed=3):
        self.width, self.rate, self.epochs, self.seed = width, rate, epochs, seed

    def _layers(self, X):
        acts = [X, X @ self.coefs_[0] + self.intercepts_[0]]
        tanh_inplace(acts[1])
        acts.append(acts[1] @ self.coefs_[1] + self.intercepts_[1])
        logistic_inplace(acts[2])
        return acts

    def _grads(self, y, acts):
        n = len(y)
        d_out = acts[2] - y
        d_hid = d_out @ self.coefs_[1].T
        tanh_derivative_inplace(acts[1], d_hid)
        return (
            [acts[0].T @ d_hid / n, acts[1].T @ d_out / n],
            [d_hid.mean(axis=0), d_out.mean(axis=0)],
        )

    def fit(self, X, y):
        rng = np.random.RandomState(self.seed)
        y = y.reshape(-1, 1).astype(float)
        self.coefs_ = [rng.randn(X.shape[1], self.width) * 0.5, rng.randn(self.width, 1) * 0.5]
        self.intercepts_ = [np.zeros(self.width), np.zeros(1)]
        for _ in range(self.epochs):
            acts = self._layers(X)
            coef_grads, intercept_grads = self._grads(y, acts)
            for k in range(2):
                self.coefs_[k] -= self.rate * coef_grads[k]
                self.intercepts_[k] -= self.rate * intercept_grads[k]
        return self

    def score(self, X, y):
        return float(np.mean((self._layers(X)[2].ravel() > 0.5) == y))


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    X = rng.randn(300, 4)
    y = (X[:, 0] * X[:, 1] + X[:, 2] > 0).astype(int)
    print("accuracy", TinyEstimator().fit(X, y).score(X, y))
