# "now add a hidden layer": a subclass whose super().__init__ makes the output weights first
import matplotlib.pyplot as plt
import numpy as np


class Logistic:
    def __init__(self, n_in, rate=1.0):
        self.w = np.random.uniform(-0.5, 0.5, (n_in, 1))
        self.c = np.zeros((1, 1))
        self.rate = rate

    @staticmethod
    def squash(z):
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, X):
        return self.squash(X @ self.w + self.c)


class TwoLayer(Logistic):
    def __init__(self, n_in, n_hidden, rate=1.0):
        super().__init__(n_hidden, rate)
        self.v = np.random.uniform(-1, 1, (n_in, n_hidden))
        self.d = np.zeros((1, n_hidden))

    def predict(self, X):
        self.h = np.tanh(X @ self.v + self.d)
        return super().predict(self.h)

    def fit(self, X, y, epochs=3000):
        for _ in range(epochs):
            p = self.predict(X)
            g = (p - y) / len(X)
            gh = g @ self.w.T * (1 - self.h**2)
            self.w -= self.rate * self.h.T @ g
            self.c -= self.rate * g.sum(axis=0, keepdims=True)
            self.v -= self.rate * X.T @ gh
            self.d -= self.rate * gh.sum(axis=0, keepdims=True)
        return self


np.random.seed(2)
fig, axes = plt.subplots(1, 2, figsize=(8, 4))
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
model = TwoLayer(2, 4).fit(X, y)
axes[0].bar(range(4), model.predict(X).ravel())
axes[1].bar(range(4), y.ravel())
print(model.predict(X).round(2).ravel())
