"""Gradients clipped to a global norm before the step (`grads[k] *= limit / total`), in
a `train()` over a dict of parameters: the clip is on from the first step."""
import numpy as np


def make_blobs(n=150, seed=4):
    r = np.random.default_rng(seed)
    a = r.normal([-1.0, -1.0], 0.6, (n // 2, 2))
    b = r.normal([1.0, 1.2], 0.6, (n - n // 2, 2))
    return np.vstack([a, b]), np.r_[np.zeros(n // 2), np.ones(n - n // 2)].reshape(-1, 1)


def train(X, T, hidden=5, lr=0.8, limit=0.5, steps=1500):
    r = np.random.default_rng(0)
    P = {"Wa": r.normal(0, 2.0, (2, hidden)), "ba": np.zeros(hidden),
         "Wb": r.normal(0, 2.0, (hidden, 1)), "bb": np.zeros(1)}
    clipped = 0
    for step in range(steps):
        H = np.tanh(X @ P["Wa"] + P["ba"])
        Y = 1 / (1 + np.exp(-(H @ P["Wb"] + P["bb"])))
        E = Y - T
        dH = (E @ P["Wb"].T) * (1 - H * H)
        grads = {"Wa": X.T @ dH, "ba": dH.sum(0), "Wb": H.T @ E, "bb": E.sum(0)}
        total = np.sqrt(sum(np.sum(g * g) for g in grads.values()))
        if total > limit:
            for k in grads:
                grads[k] *= limit / total
            clipped += 1
        for k in P:
            P[k] -= lr * grads[k]
        if step % 500 == 0:
            print(step, "accuracy", np.mean((Y > 0.5) == T), "norm", round(float(total), 2))
    print("clipped", clipped, "of", steps)
    return P


points, targets = make_blobs()
params = train(points, targets)
