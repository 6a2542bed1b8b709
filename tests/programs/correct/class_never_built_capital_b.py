import numpy as np


class Perceptron2Layer:
    """Homework: a two-layer network; the driver is left to the reader."""

    def __init__(self, n_in, n_hidden, eta=0.5):
        self.A = np.random.randn(n_in, n_hidden) * 0.3
        self.a = np.zeros(n_hidden)
        self.B = np.random.randn(n_hidden, 1) * 0.3
        self.b = 0.0
        self.eta = eta

    def forward(self, X):
        self.H = np.tanh(X @ self.A + self.a)
        self.P = 1 / (1 + np.exp(-(self.H @ self.B + self.b)))
        return self.P

    def backward(self, X, Y):
        dP = (self.P - Y) * self.P * (1 - self.P)
        dH = dP @ self.B.T * (1 - self.H ** 2)
        self.B -= self.eta * self.H.T @ dP
        self.b -= self.eta * float(dP.sum())
        self.A -= self.eta * X.T @ dH
        self.a -= self.eta * dH.sum(axis=0)

    def train(self, X, Y, epochs=1000):
        for _ in range(epochs):
            self.forward(X)
            self.backward(X, Y)
