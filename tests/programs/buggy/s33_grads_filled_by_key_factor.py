# backprop filling a gradient dict key by key, tanh hidden layer, mean BCE
import numpy as np

np.random.seed(8)
X = np.random.randn(200, 3)
y = ((X[:, 0] ** 2 + X[:, 1] - X[:, 2]) > 0.5).astype(float).reshape(-1, 1)


class Net:
    def __init__(self):
        self.params = {"W1": np.random.randn(3, 7) * 0.4, "b1": np.zeros((1, 7)),
                       "W2": np.random.randn(7, 1) * 0.4, "b2": np.zeros((1, 1))}

    def forward(self, X):
        p = self.params
        self.Z1 = X @ p["W1"] + p["b1"]
        self.A1 = np.tanh(self.Z1)
        self.A2 = 1 / (1 + np.exp(-(self.A1 @ p["W2"] + p["b2"])))
        return self.A2

    def backward(self, X, y):
        m = len(X)
        grads = {}
        dZ2 = (self.A2 - y) / m
        grads["W2"] = self.A1.T @ dZ2
        grads["b2"] = dZ2.sum(axis=0, keepdims=True)
        dZ1 = dZ2 @ self.params["W2"].T * (1 - self.A1 ** 2)
        grads["W1"] = 2 * X.T @ dZ1  # BUG(ND106): a stray factor 2
        grads["b1"] = dZ1.sum(axis=0, keepdims=True)
        return grads


net = Net()
for it in range(1500):
    out = net.forward(X)
    grads = net.backward(X, y)
    for key, grad in grads.items():
        net.params[key] -= 0.8 * grad
    if it % 300 == 0:
        print(it, -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out)))
