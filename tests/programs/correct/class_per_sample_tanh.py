import numpy as np


class TinyNet:
    """one hidden tanh layer, trained one example at a time"""

    def __init__(self, n_in, n_hid, alpha=0.2, seed=0):
        r = np.random.default_rng(seed)
        self.Wh = r.normal(0, 1, (n_hid, n_in))
        self.bh = np.zeros((n_hid, 1))
        self.Wo = r.normal(0, 1, (1, n_hid))
        self.bo = np.zeros((1, 1))
        self.alpha = alpha

    def predict(self, x):
        self.hid = np.tanh(self.Wh @ x + self.bh)
        return 1 / (1 + np.exp(-(self.Wo @ self.hid + self.bo)))

    def learn(self, samples, targets, epochs=300):
        for epoch in range(epochs):
            total = 0.0
            for x, t in zip(samples, targets):
                x = x.reshape(-1, 1)
                p = self.predict(x)
                total += float(-(t * np.log(p) + (1 - t) * np.log(1 - p))[0, 0])
                g_out = p - t
                g_hid = (self.Wo.T @ g_out) * (1 - self.hid ** 2)
                self.Wo -= self.alpha * g_out @ self.hid.T
                self.bo -= self.alpha * g_out
                self.Wh -= self.alpha * g_hid @ x.T
                self.bh -= self.alpha * g_hid
            if epoch % 50 == 0:
                print("epoch", epoch, "loss", total)


samples = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
targets = np.array([0, 1, 1, 0], dtype=float)
net = TinyNet(2, 4)
net.learn(samples, targets)
print([round(float(net.predict(s.reshape(-1, 1))[0, 0]), 3) for s in samples])
