# the whole training loop on one line: `for epoch in range(N): weights = step(weights)`
import numpy as np

rng = np.random.default_rng(23)
X = rng.uniform(-1, 1, (150, 2))
Y = (X[:, :1] ** 2 + X[:, 1:] ** 2 < 0.5).astype(float)


def slope(a):
    return 1 - a**2


def step(weights, rate=0.7):
    W1, b1, W2, b2 = weights
    A1 = np.tanh(X @ W1 + b1)
    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
    G2 = (A2 - Y) / len(X)
    G1 = G2 @ W2.T * slope(A1)
    return (W1 - rate * X.T @ G1, b1 - rate * G1.sum(0), W2 - rate * A1.T @ G2, b2 - rate * G2.sum(0))


weights = (rng.normal(0, 1, (2, 10)), np.zeros(10), rng.normal(0, 1, (10, 1)), np.zeros(1))
for epoch in range(3000): weights = step(weights)
W1, b1, W2, b2 = weights
print("accuracy", np.mean(((1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))) > 0.5) == Y))
