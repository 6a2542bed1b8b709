# mini-batches of column samples: `for i in batch: x = X[:, [i]]`, each sample's gradients
# from forward/backward functions added into a dict of sums, one update per batch
import numpy as np

rng = np.random.default_rng(9)
X = rng.normal(size=(2, 120))
Y = (X[0:1] * X[1:2] > 0).astype(float)
P = {"W1": rng.normal(size=(8, 2)) * 0.7, "b1": np.zeros((8, 1)),
     "W2": rng.normal(size=(1, 8)) * 0.4, "b2": np.zeros((1, 1))}


def forward(x, P):
    z1 = P["W1"] @ x + P["b1"]
    a1 = np.tanh(z1)
    a2 = 1 / (1 + np.exp(-(P["W2"] @ a1 + P["b2"])))
    return a2, (z1, a1)


def backward(x, y, P, a2, cache):
    z1, a1 = cache
    d2 = a2 - y
    d1 = (P["W2"].T @ d2) * (1 - a1 ** 2)
    return {"W1": d1 @ x.T, "b1": d1, "W2": d2 @ a1.T, "b2": d2}


for epoch in range(150):
    order = rng.permutation(X.shape[1])
    for start in range(0, X.shape[1], 20):
        batch = order[start:start + 20]
        sums = {k: np.zeros_like(v) for k, v in P.items()}
        for i in batch:
            x = X[:, [i]]
            y = Y[:, [i]]
            a2, cache = forward(x, P)
            g = backward(x, y, P, a2, cache)
            for k in sums:
                sums[k] += g[k]
        for k in P:
            P[k] -= 0.5 * sums[k] / len(batch)
    if epoch % 30 == 0:
        print(epoch, np.mean((forward(X, P)[0] > 0.5) == Y))
