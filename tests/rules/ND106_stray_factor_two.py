"""A TwoLayerNet class with weight/bias lists, trained on a generated quadrant dataset with cross-entropy; bug: a stray factor 2 in the output delta."""
import numpy as np


class TwoLayerNet:
    def __init__(self, sizes, lr=0.1, seed=2):
        np.random.seed(seed)
        self.weights = [np.random.randn(a, b) / np.sqrt(a) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((1, b)) for b in sizes[1:]]
        self.lr = lr

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.h = np.tanh(X @ self.weights[0] + self.biases[0])
        self.p = self.sigmoid(self.h @ self.weights[1] + self.biases[1])
        return self.p

    def cross_entropy(self, y):
        p = np.clip(self.p, 1e-12, 1 - 1e-12)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def backward(self, X, y):
        m = len(X)
        delta2 = 2 * (self.p - y) / m  # BUG(ND106): copied the 2 from the squared-error derivative; BCE + sigmoid gives (p - y) / m
        grad_w2 = self.h.T @ delta2
        grad_b2 = delta2.sum(axis=0, keepdims=True)
        delta1 = (delta2 @ self.weights[1].T) * (1 - self.h ** 2)
        grad_w1 = X.T @ delta1
        grad_b1 = delta1.sum(axis=0, keepdims=True)
        return [grad_w1, grad_w2], [grad_b1, grad_b2]

    def train(self, X, y, epochs=800):
        for epoch in range(epochs):
            self.forward(X)
            gw, gb = self.backward(X, y)
            for i in range(len(self.weights)):
                self.weights[i] -= self.lr * gw[i]
                self.biases[i] -= self.lr * gb[i]
            if epoch % 200 == 0:
                print("epoch", epoch, "loss", round(float(self.cross_entropy(y)), 4))


def make_quadrants(n=60):
    pts = np.random.uniform(-1, 1, size=(n, 2))
    lab = (pts[:, 0] * pts[:, 1] > 0).astype(float).reshape(-1, 1)
    return pts, lab


if __name__ == "__main__":
    np.random.seed(9)
    X, y = make_quadrants()
    net = TwoLayerNet([2, 8, 1], lr=0.5)
    net.train(X, y)
    acc = ((net.forward(X) > 0.5) == y).mean()
    print("train accuracy", acc)
