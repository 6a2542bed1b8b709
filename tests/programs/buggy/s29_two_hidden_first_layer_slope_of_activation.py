"""3-input net with two sigmoid hidden layers; backward written layer by layer."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class DeepNet:
    def __init__(self, sizes=(3, 6, 4, 1), seed=1):
        rng = np.random.RandomState(seed)
        self.Ws = [rng.randn(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        self.bs = [np.zeros((1, b)) for b in sizes[1:]]

    def forward(self, x):
        self.z1 = x @ self.Ws[0] + self.bs[0]
        self.a1 = sigmoid(self.z1)
        self.z2 = self.a1 @ self.Ws[1] + self.bs[1]
        self.a2 = sigmoid(self.z2)
        self.z3 = self.a2 @ self.Ws[2] + self.bs[2]
        return sigmoid(self.z3)

    def train_step(self, x, y, lr=0.5):
        out = self.forward(x)
        g3 = (out - y) / len(x)
        g2 = (g3 @ self.Ws[2].T) * sigmoid_prime(self.z2)
        g1 = (g2 @ self.Ws[1].T) * sigmoid_prime(self.a1)  # BUG(ND101): a1 is already sigmoid(z1)
        grads_W = [x.T @ g1, self.a1.T @ g2, self.a2.T @ g3]
        grads_b = [g1.sum(0, keepdims=True), g2.sum(0, keepdims=True), g3.sum(0, keepdims=True)]
        for k in range(3):
            self.Ws[k] -= lr * grads_W[k]
            self.bs[k] -= lr * grads_b[k]
        return float(-np.mean(y * np.log(out) + (1 - y) * np.log(1 - out)))


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    data = rng.rand(200, 3)
    labels = ((data[:, 0] > 0.5) ^ (data[:, 1] > 0.5)).astype(float).reshape(-1, 1)
    net = DeepNet()
    for epoch in range(2000):
        loss = net.train_step(data, labels)
        if epoch % 400 == 0:
            print("epoch", epoch, "loss", round(loss, 4))
