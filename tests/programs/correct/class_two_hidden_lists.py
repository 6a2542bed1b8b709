import numpy as np


def relu(z):
    return np.maximum(z, 0)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class DeepNet:
    def __init__(self, layer_sizes, lr=0.1):
        rng = np.random.RandomState(0)
        self.weights = [rng.randn(a, b) * np.sqrt(2.0 / a) for a, b in zip(layer_sizes[:-1], layer_sizes[1:])]
        self.biases = [np.zeros((1, b)) for b in layer_sizes[1:]]
        self.lr = lr

    def forward(self, X):
        self.zs, self.acts = [], [X]
        a = X
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ W + b
            a = sigmoid(z) if i == len(self.weights) - 1 else relu(z)
            self.zs.append(z)
            self.acts.append(a)
        return a

    def backward(self, y):
        m = y.shape[0]
        delta = (self.acts[-1] - y) / m
        for i in reversed(range(len(self.weights))):
            gW = self.acts[i].T @ delta
            gb = delta.sum(axis=0, keepdims=True)
            if i > 0:
                delta = (delta @ self.weights[i].T) * (self.zs[i - 1] > 0)
            self.weights[i] -= self.lr * gW
            self.biases[i] -= self.lr * gb


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
net = DeepNet([2, 8, 4, 1], lr=0.2)
for epoch in range(3000):
    net.forward(X)
    net.backward(y)
print(net.forward(X).ravel().round(3))
