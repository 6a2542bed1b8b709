"""`backward(y, lr)` does the SGD step itself and also returns the gradients, which the
loop only logs (their norms): no update of the loop's own, so the weights move once."""

import numpy as np

rng = np.random.default_rng(12)
X = rng.normal(0, 1, (240, 2))
y = ((X[:, 0] * X[:, 1]) > 0).astype(float).reshape(-1, 1)


class QuadNet:
    def __init__(self, n_in=2, n_hid=10, seed=3):
        r = np.random.default_rng(seed)
        self.W1 = r.normal(0, 1, (n_in, n_hid))
        self.b1 = np.zeros((1, n_hid))
        self.W2 = r.normal(0, 1 / np.sqrt(n_hid), (n_hid, 1))
        self.b2 = np.zeros((1, 1))

    def forward(self, X):
        self.X = X
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def backward(self, y, lr):
        """Gradients of the mean cross-entropy, applied here and returned for logging."""
        n = len(y)
        d_out = (self.p - y) / n
        d_hid = (d_out @ self.W2.T) * (1 - self.h**2)
        grads = {
            "W2": self.h.T @ d_out,
            "b2": d_out.sum(axis=0, keepdims=True),
            "W1": self.X.T @ d_hid,
            "b1": d_hid.sum(axis=0, keepdims=True),
        }
        self.W2 -= lr * grads["W2"]
        self.b2 -= lr * grads["b2"]
        self.W1 -= lr * grads["W1"]
        self.b1 -= lr * grads["b1"]
        return grads


net = QuadNet()
norms = []
for epoch in range(1500):
    p = net.forward(X)
    g = net.backward(y, lr=0.5)
    norms.append(sum(float(np.linalg.norm(v)) for v in g.values()))
    if epoch % 300 == 0:
        print(epoch, round(norms[-1], 4), float(np.mean((p > 0.5) == y)))
