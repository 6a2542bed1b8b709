# a model that keeps its gradients in self.grads, an Adam object that reads them
from typing import TypedDict

import numpy as np


class Settings(TypedDict):
    hidden: int
    lr: float
    epochs: int


class Model:
    def __init__(self, n_in: int, n_hidden: int, rng: np.random.Generator) -> None:
        self.params = {
            "W1": rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden)),
            "b1": np.zeros((1, n_hidden)),
            "W2": rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, 1)),
            "b2": np.zeros((1, 1)),
        }
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.X = X
        self.h = np.tanh(X @ self.params["W1"] + self.params["b1"])
        self.p = 1 / (1 + np.exp(-(self.h @ self.params["W2"] + self.params["b2"])))
        return self.p

    def backward(self, y: np.ndarray) -> None:
        d_out = (self.p - y) / len(y)
        d_hid = d_out @ self.params["W2"].T * (1 - self.h**2)
        self.grads["W2"] = self.h.T @ d_out
        self.grads["b2"] = d_out.sum(axis=0, keepdims=True)
        self.grads["W1"] = self.X.T @ d_hid
        self.grads["b1"] = d_hid.sum(axis=0, keepdims=True)


class Adam:
    def __init__(self, params: dict, lr: float, beta1: float = 0.9, beta2: float = 0.999):
        self.params, self.lr, self.beta1, self.beta2 = params, lr, beta1, beta2
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads: dict) -> None:
        self.t += 1
        for key, value in self.params.items():
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1**self.t)
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            value -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)


settings: Settings = {"hidden": 10, "lr": 0.05, "epochs": 300}
rng = np.random.default_rng(5)
X = rng.normal(size=(128, 2))
y = ((X[:, :1] ** 2 + X[:, 1:] ** 2) < 1.0).astype(float)
model = Model(2, settings["hidden"], rng)
opt = Adam(model.params, settings["lr"])
for epoch in range(settings["epochs"]):
    order = rng.permutation(len(X))
    for start in range(0, len(X), 32):
        batch = order[start : start + 32]
        model.forward(X[batch])
        model.backward(y[batch])
        opt.step(model.grads)
    if epoch % 100 == 0:
        p = model.forward(X)
        print(epoch, float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
