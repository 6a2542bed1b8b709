"""A model object stepped on the whole training set; every 250 steps a report of the
squared error through `net.predict`, and a test error after the loop. The flat labels
are reshaped where they meet the outputs."""
import numpy as np


class Net:
    def __init__(self, rng):
        self.W1 = rng.normal(0, 0.8, (3, 7))
        self.b1 = np.zeros(7)
        self.W2 = rng.normal(0, 0.5, (7, 1))
        self.b2 = np.zeros(1)

    def predict(self, X):
        self.H = np.tanh(X @ self.W1 + self.b1)
        return 1 / (1 + np.exp(-(self.H @ self.W2 + self.b2)))

    def step(self, X, T, lr):
        P = self.predict(X)
        d2 = (P - T) / len(X)
        d1 = (d2 @ self.W2.T) * (1 - self.H ** 2)
        self.W2 -= lr * self.H.T @ d2
        self.b2 -= lr * d2.sum(axis=0)
        self.W1 -= lr * X.T @ d1
        self.b1 -= lr * d1.sum(axis=0)


rng = np.random.default_rng(17)
X = rng.normal(size=(150, 3))
y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype(float)
X_test = rng.normal(size=(60, 3))
y_test = (X_test[:, 0] + X_test[:, 1] * X_test[:, 2] > 0).astype(float)
Y = y.reshape(-1, 1)
net = Net(rng)
for it in range(1, 1501):
    net.step(X, Y, 0.5)
    if it % 250 == 0:
        print(it, "mse", np.mean((net.predict(X) - y.reshape(-1, 1)) ** 2))
print("test mse", np.mean((net.predict(X_test) - y_test) ** 2))  # BUG(ND206): y_test is flat
