# a training method that yields (epoch, loss) so the caller can print progress
import numpy as np


class TinyNet:
    def __init__(self, n_in, n_hidden, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.standard_normal((n_in, n_hidden)) * 0.5
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.standard_normal((n_hidden, 1)) * 0.5
        self.b2 = np.zeros((1, 1))

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.out = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.out

    def training(self, X, Y, lr, epochs):
        for epoch in range(epochs):
            out = self.forward(X)
            loss = -np.mean(Y * np.log(out) + (1 - Y) * np.log(1 - out))
            d2 = (out - Y) / len(X)
            dW2 = self.h.T @ d2
            db2 = d2.sum(axis=0, keepdims=True)
            d1 = (d2 @ self.W2.T) * (1 - self.h**2)
            dW1 = X.T @ d1
            db1 = d1.sum(axis=0, keepdims=True)
            self.W2 -= lr * dW2
            self.b2 -= lr * db2
            self.W1 -= lr * dW1
            self.b1 -= lr * db1
            yield epoch, loss


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
Y = np.array([[0], [1], [1], [0]], float)
net = TinyNet(2, 6)
for epoch, loss in net.training(X, Y, 0.5, 3000):
    if epoch % 500 == 0:
        print(f"epoch {epoch}: loss {loss:.4f}")
print(net.forward(X).round(3))
