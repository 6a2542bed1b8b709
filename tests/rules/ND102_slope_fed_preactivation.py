"""A NeuralNetwork class with train() on two Gaussian blobs; bug: the hidden derivative a*(1-a) is fed the pre-activation z."""
import numpy as np


class NeuralNetwork:
    def __init__(self, n_in, n_hidden, learning_rate=0.1):
        rng = np.random.RandomState(7)
        self.w_hidden = rng.normal(0, 0.5, (n_in, n_hidden))
        self.b_hidden = np.zeros(n_hidden)
        self.w_out = rng.normal(0, 0.5, (n_hidden, 1))
        self.b_out = np.zeros(1)
        self.lr = learning_rate

    @staticmethod
    def _sigmoid(v):
        return 1.0 / (1.0 + np.exp(-v))

    def feedforward(self, x):
        self.z_hidden = x @ self.w_hidden + self.b_hidden
        self.a_hidden = self._sigmoid(self.z_hidden)
        self.z_out = self.a_hidden @ self.w_out + self.b_out
        self.a_out = self._sigmoid(self.z_out)
        return self.a_out

    def loss(self, y):
        p = np.clip(self.a_out, 1e-9, 1 - 1e-9)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def backprop(self, x, y):
        delta_out = (self.a_out - y) / len(x)
        grad_w_out = self.a_hidden.T @ delta_out
        grad_b_out = delta_out.sum(axis=0)
        delta_hidden = (delta_out @ self.w_out.T) * self.z_hidden * (1 - self.z_hidden)  # BUG(ND102): should use a_hidden, not z_hidden
        grad_w_hidden = x.T @ delta_hidden
        grad_b_hidden = delta_hidden.sum(axis=0)
        self.w_out -= self.lr * grad_w_out
        self.b_out -= self.lr * grad_b_out
        self.w_hidden -= self.lr * grad_w_hidden
        self.b_hidden -= self.lr * grad_b_hidden

    def train(self, x, y, epochs=1000):
        for epoch in range(epochs):
            self.feedforward(x)
            self.backprop(x, y)
            if epoch % 250 == 0:
                print(f"epoch {epoch}: loss={self.loss(y):.4f}")


if __name__ == "__main__":
    np.random.seed(0)
    blob_a = np.random.randn(25, 2) * 0.7 + [1.5, 1.5]
    blob_b = np.random.randn(25, 2) * 0.7 + [-1.5, -1.5]
    data = np.vstack([blob_a, blob_b])
    labels = np.vstack([np.ones((25, 1)), np.zeros((25, 1))])

    net = NeuralNetwork(n_in=2, n_hidden=5)
    net.train(data, labels)
    guesses = net.feedforward(data) > 0.5
    print("accuracy:", (guesses == labels).mean())
