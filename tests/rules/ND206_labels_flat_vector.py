"""A pasted two-layer network class (no driver, as asked on a forum); bug: labels are a flat (m,) vector."""
import numpy as np

np.random.seed(5)

# a small generated dataset: is the point inside the unit circle?
points = np.random.uniform(-1.5, 1.5, size=(60, 2))
labels = (np.sum(points ** 2, axis=1) < 1.0).astype(float)  # BUG(ND206): shape (60,), outputs are (60, 1)


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, learning_rate=0.5):
        self.W1 = np.random.randn(input_size, hidden_size) * 0.5
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = np.random.randn(hidden_size, 1) * 0.5
        self.b2 = np.zeros((1, 1))
        self.learning_rate = learning_rate

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = 1.0 / (1.0 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def backward(self, X, y):
        m = X.shape[0]
        dz2 = (self.p - y) / m
        dW2 = self.h.T @ dz2
        db2 = dz2.sum(axis=0, keepdims=True)
        dz1 = (dz2 @ self.W2.T) * (1 - self.h ** 2)
        dW1 = X.T @ dz1
        db1 = dz1.sum(axis=0, keepdims=True)
        return dW1, db1, dW2, db2

    def train(self, X, y, epochs=2000):
        for epoch in range(epochs):
            self.forward(X)
            dW1, db1, dW2, db2 = self.backward(X, y)
            self.W1 -= self.learning_rate * dW1
            self.b1 -= self.learning_rate * db1
            self.W2 -= self.learning_rate * dW2
            self.b2 -= self.learning_rate * db2
            if epoch % 500 == 0:
                print(f"epoch {epoch}: accuracy {np.mean((self.p > 0.5) == y):.2f}")

    def predict(self, X):
        return (self.forward(X) > 0.5).astype(int)
