import numpy as np


class NeuralNet:
    def __init__(self, X, y, hidden=4, lr=0.5, epochs=3000):
        rng = np.random.default_rng(7)
        self.w1 = rng.normal(size=(X.shape[1], hidden))
        self.w2 = rng.normal(size=(hidden, 1))
        self.b1 = np.zeros((1, hidden))
        self.b2 = np.zeros((1, 1))
        self.history = []
        for _ in range(epochs):
            out = self._forward(X)
            self._backward(X, y, out, lr)
            self.history.append(float(np.mean((out - y) ** 2)))

    def _forward(self, X):
        self.h = np.tanh(X @ self.w1 + self.b1)
        return 1 / (1 + np.exp(-(self.h @ self.w2 + self.b2)))

    def _backward(self, X, y, out, lr):
        d2 = (out - y) * out * (1 - out)
        d1 = d2 @ self.w2.T * (1 - self.h ** 2)
        self.w2 -= lr * self.h.T @ d2
        self.b2 -= lr * d2.sum(axis=0)
        self.w1 -= lr * X.T @ d1
        self.b1 -= lr * d1.sum(axis=0)


X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = np.array([[0.], [1.], [1.], [0.]])
model = NeuralNet(X, y)
print(model.history[-1])
