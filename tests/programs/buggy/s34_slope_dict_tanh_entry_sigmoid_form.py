import numpy as np

ACT = {"tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}
SLOPE = {
    "tanh": lambda a: a * (1 - a),  # BUG(ND109): tanh's slope is 1 - a**2
    "sigmoid": lambda a: a * (1 - a),
}
hidden_kind = "tanh"

rng = np.random.default_rng(14)
X = rng.uniform(-1, 1, (180, 2))
y = (X[:, :1] > np.sin(2 * X[:, 1:])).astype(float)
W1, b1 = rng.normal(0, 0.8, (2, 7)), np.zeros(7)
W2, b2 = rng.normal(0, 0.8, (7, 1)), np.zeros(1)
for step in range(1500):
    h = ACT[hidden_kind](X @ W1 + b1)
    p = ACT["sigmoid"](h @ W2 + b2)
    dz = (p - y) / len(X)
    dh = dz @ W2.T * SLOPE[hidden_kind](h)
    W2 -= 0.8 * h.T @ dz
    b2 -= 0.8 * dz.sum(0)
    W1 -= 0.8 * X.T @ dh
    b1 -= 0.8 * dh.sum(0)
