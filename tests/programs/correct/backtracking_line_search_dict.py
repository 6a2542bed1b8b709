"""Gradient descent with a backtracking line search: `loss_and_grad` is called once for
the step's gradients, then again and again from the `while` that halves the step."""
import numpy as np

rng = np.random.default_rng(2)
X = rng.normal(size=(120, 2))
Y = (X[:, :1] ** 2 + X[:, 1:] > 0.4).astype(float)
P = {"W1": rng.normal(0, 0.7, (2, 6)), "b1": np.zeros(6), "W2": rng.normal(0, 0.7, (6, 1)), "b2": np.zeros(1)}


def loss_and_grad(P):
    H = np.tanh(X @ P["W1"] + P["b1"])
    A = 1 / (1 + np.exp(-(H @ P["W2"] + P["b2"])))
    L = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = (A - Y) / len(X)
    dH = dZ @ P["W2"].T * (1 - H ** 2)
    return L, {"W1": X.T @ dH, "b1": dH.sum(0), "W2": H.T @ dZ, "b2": dZ.sum(0)}


for it in range(300):
    L, G = loss_and_grad(P)
    step = 4.0
    sq = sum(float(np.sum(g * g)) for g in G.values())
    while loss_and_grad({k: P[k] - step * G[k] for k in P})[0] > L - 0.5 * step * sq:
        step *= 0.5
    P = {k: P[k] - step * G[k] for k in P}
    if it % 100 == 0:
        print(it, round(L, 4), step)
