"""XOR classifier as a small class (sigmoid hidden layer, BCE); flaw: every weight starts at the same constant, so the hidden units are identical."""
import numpy as np


class TinyNet:
    def __init__(self, n_in, n_hidden, lr=1.0):
        self.lr = lr
        # BUG(ND307): constant initialisation, all hidden units start identical and stay so
        self.hidden_weights = np.full((n_in, n_hidden), 0.5)
        self.hidden_bias = np.zeros((1, n_hidden))
        self.output_weights = np.full((n_hidden, 1), 0.5)
        self.output_bias = np.zeros((1, 1))

    @staticmethod
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, points):
        self.h = self.sigmoid(points @ self.hidden_weights + self.hidden_bias)
        self.out = self.sigmoid(self.h @ self.output_weights + self.output_bias)
        return self.out

    def backward(self, points, targets):
        n = points.shape[0]
        delta_out = (self.out - targets) / n
        delta_h = (delta_out @ self.output_weights.T) * self.h * (1.0 - self.h)
        self.output_weights -= self.lr * (self.h.T @ delta_out)
        self.output_bias -= self.lr * delta_out.sum(axis=0, keepdims=True)
        self.hidden_weights -= self.lr * (points.T @ delta_h)
        self.hidden_bias -= self.lr * delta_h.sum(axis=0, keepdims=True)

    def loss(self, targets):
        p = np.clip(self.out, 1e-9, 1 - 1e-9)
        return -np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p))

    def train(self, points, targets, epochs=3000):
        for epoch in range(epochs):
            self.forward(points)
            self.backward(points, targets)
            if epoch % 500 == 0:
                print("epoch", epoch, "loss", round(float(self.loss(targets)), 4))


if __name__ == "__main__":
    points = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    targets = np.array([[0.0], [1.0], [1.0], [0.0]])
    net = TinyNet(2, 3, lr=1.0)
    net.train(points, targets)
    print("predictions:", net.forward(points).ravel().round(3))
