"""Functional style: parameters a tuple, rebuilt each step by `tuple(p - 0.05 * g for p, g in
zip(params, grad(...)))`: the rate sits in a generator expression."""

import numpy as np


def init(key=0):
    r = np.random.default_rng(key)
    return (r.normal(0, 1, (3, 5)), np.zeros(5), r.normal(0, 0.5, (5, 1)), np.zeros(1))


def predict(params, X):
    A, a, B, b = params
    H = 1 / (1 + np.exp(-(X @ A + a)))
    return H, 1 / (1 + np.exp(-(H @ B + b)))


def grad(params, X, y):
    A, a, B, b = params
    H, P = predict(params, X)
    dP = P - y
    dH = (dP @ B.T) * H * (1 - H)
    return (X.T @ dH, dH.sum(0), H.T @ dP, dP.sum(0))


X = np.random.default_rng(1).uniform(-1, 1, (150, 3))
y = ((X**2).sum(1, keepdims=True) < 0.8).astype(float)
params = init()
for epoch in range(2000):
    params = tuple(p - 0.05 * g for p, g in zip(params, grad(params, X, y)))
    if epoch % 400 == 0:
        print(epoch, float(np.mean((predict(params, X)[1] > 0.5) == y)))
