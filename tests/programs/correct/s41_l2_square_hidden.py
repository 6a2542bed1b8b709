# rows as samples, 4 inputs and 4 hidden units (so W1 is square), L2 on both weight matrices
import numpy as np


class Model:
    def __init__(self, reg=0.02, seed=3):
        g = np.random.default_rng(seed)
        self.W1 = g.normal(0, 0.6, (4, 4))
        self.b1 = np.zeros((1, 4))
        self.W2 = g.normal(0, 0.6, (4, 1))
        self.b2 = np.zeros((1, 1))
        self.reg = reg

    def loss(self, X, Y):
        H = np.maximum(0, X @ self.W1 + self.b1)
        P = 1 / (1 + np.exp(-(H @ self.W2 + self.b2)))
        data = -np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P))
        return data + self.reg / 2 * (np.sum(self.W1 ** 2) + np.sum(self.W2 ** 2)), H, P

    def step(self, X, Y, lr):
        cost, H, P = self.loss(X, Y)
        n = len(X)
        dZ2 = (P - Y) / n
        dW2 = H.T @ dZ2 + self.reg * self.W2
        dZ1 = (dZ2 @ self.W2.T) * (H > 0)
        dW1 = X.T @ dZ1 + self.reg * self.W1
        self.W2 -= lr * dW2
        self.b2 -= lr * dZ2.sum(axis=0, keepdims=True)
        self.W1 -= lr * dW1
        self.b1 -= lr * dZ1.sum(axis=0, keepdims=True)
        return cost


g = np.random.default_rng(0)
X = g.normal(size=(150, 4))
Y = ((X[:, 0] - X[:, 2]) * X[:, 1] > 0).astype(float).reshape(-1, 1)
net = Model()
for epoch in range(1000):
    c = net.step(X, Y, 0.5)
    if epoch % 200 == 0:
        print(epoch, round(float(c), 4))
