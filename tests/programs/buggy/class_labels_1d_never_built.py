import numpy as np


class Perceptron2:
    def __init__(self, input_size, hidden_size, lr=0.5):
        self.W1 = np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros(hidden_size)
        self.W2 = np.random.randn(hidden_size, 1)
        self.b2 = np.zeros(1)
        self.lr = lr

    def forward(self, X):
        self.H = 1 / (1 + np.exp(-(X @ self.W1 + self.b1)))
        return 1 / (1 + np.exp(-(self.H @ self.W2 + self.b2)))

    def train(self, X, Y, epochs):
        for _ in range(epochs):
            out = self.forward(X)
            d_out = out - Y
            d_hid = d_out @ self.W2.T * self.H * (1 - self.H)
            self.W2 = self.W2 - self.lr * self.H.T @ d_out
            self.b2 = self.b2 - self.lr * d_out.sum(axis=0)
            self.W1 = self.W1 - self.lr * X.T @ d_hid
            self.b1 = self.b1 - self.lr * d_hid.sum(axis=0)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
Y = np.array([0, 1, 1, 0])  # BUG(ND206): labels of shape (4,) against outputs of shape (4, 1)
