import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class MLP:
    def __init__(self, sizes, lr=0.5):
        np.random.seed(2)
        self.weights = [np.random.randn(a, b) * 0.7 for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((1, b)) for b in sizes[1:]]
        self.lr = lr

    def train(self, X, y, epochs=1000):
        for epoch in range(epochs):
            # forward
            h = sigmoid(X @ self.weights[0] + self.biases[0])
            out = sigmoid(h @ self.weights[1] + self.biases[1])
            cost = -np.sum(y * np.log(out) + (1 - y) * np.log(1 - out))
            # backward
            d_out = (out - y) * out * (1 - out)  # BUG(ND104): squared-error delta with a cross-entropy loss
            d_h = (d_out @ self.weights[1].T) * h * (1 - h)
            self.weights[1] -= self.lr * h.T @ d_out
            self.biases[1] -= self.lr * d_out.sum(axis=0, keepdims=True)
            self.weights[0] -= self.lr * X.T @ d_h
            self.biases[0] -= self.lr * d_h.sum(axis=0, keepdims=True)
            if epoch % 200 == 0:
                print(epoch, cost)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
net = MLP([2, 4, 1])
net.train(X, y, epochs=2000)
