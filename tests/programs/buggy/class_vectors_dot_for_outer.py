"""A tiny 2-2-1 perceptron class trained online on OR/XOR-like data; 1-D numpy vectors."""
import numpy as np


class TinyNet:
    def __init__(self, seed=3, lr=0.3):
        rng = np.random.RandomState(seed)
        self.w_hidden = rng.uniform(-1, 1, size=(2, 2))
        self.b_hidden = rng.uniform(-1, 1, size=2)
        self.w_out = rng.uniform(-1, 1, size=2)
        self.b_out = 0.0
        self.lr = lr

    @staticmethod
    def squash(v):
        return 1.0 / (1.0 + np.exp(-v))

    def predict(self, x):
        self.hid = self.squash(np.dot(x, self.w_hidden) + self.b_hidden)
        self.out = self.squash(np.dot(self.hid, self.w_out) + self.b_out)
        return self.out

    def learn(self, x, target):
        out = self.predict(x)
        err_out = target - out
        err_hid = err_out * self.w_out * self.hid * (1 - self.hid)
        self.w_out += self.lr * err_out * self.hid
        self.b_out += self.lr * err_out
        self.w_hidden += self.lr * np.dot(x, err_hid)  # BUG(ND107): np.outer(x, err_hid)
        self.b_hidden += self.lr * err_hid


if __name__ == "__main__":
    samples = [(np.array([0.0, 0.0]), 0.0), (np.array([0.0, 1.0]), 1.0),
               (np.array([1.0, 0.0]), 1.0), (np.array([1.0, 1.0]), 1.0)]
    net = TinyNet()
    for epoch in range(3000):
        for x, t in samples:
            net.learn(x, t)
    for x, t in samples:
        print(x, t, round(float(net.predict(x)), 3))
