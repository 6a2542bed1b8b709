# one sample at a time, 1-D vectors, the error summed as 0.5 * (o - t) ** 2 into a total
import numpy as np


class TwoLayer:
    def __init__(self, inputs, hidden, eta=0.4, seed=3):
        rng = np.random.default_rng(seed)
        self.V = rng.uniform(-1, 1, (hidden, inputs))
        self.c = np.zeros(hidden)
        self.w = rng.uniform(-1, 1, hidden)
        self.bo = 0.0
        self.eta = eta

    @staticmethod
    def act(z):
        return 1 / (1 + np.exp(-z))

    def fit(self, samples, targets, epochs=3000):
        history = []
        for epoch in range(epochs):
            total = 0
            for s, t in zip(samples, targets):
                h = self.act(self.V @ s + self.c)
                o = self.act(self.w @ h + self.bo)
                total += 0.5 * (o - t) ** 2
                g_o = (o - t) * o * (1 - o)
                g_h = g_o * self.w * h * (1 - h)
                self.w -= self.eta * g_o * h
                self.bo -= self.eta * g_o
                self.V -= self.eta * np.outer(g_h, s)
                self.c -= self.eta * g_h
            history.append(total)
        return history


samples = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
targets = np.array([0, 1, 1, 1], dtype=float)
net = TwoLayer(2, 3)
errors = net.fit(samples, targets)
print("first", errors[0], "last", errors[-1])
