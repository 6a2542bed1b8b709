"""Neuron objects; the whole set's error printed before training, one call per sample."""
import numpy as np

rng = np.random.default_rng(8)


class Unit:
    def __init__(self, n_in):
        self.w = rng.normal(0, 0.8, n_in)
        self.b = 0.0

    def fire(self, x):
        self.x = x
        self.a = 1 / (1 + np.exp(-(self.w @ x + self.b)))
        return self.a


class Net:
    def __init__(self, n_in, n_hidden, eta=0.5):
        self.hidden = [Unit(n_in) for _ in range(n_hidden)]
        self.out = Unit(n_hidden)
        self.eta = eta

    def predict(self, x):
        return self.out.fire(np.array([u.fire(x) for u in self.hidden]))

    def learn(self, x, t):
        p = self.predict(x)
        g = p - t  # cross-entropy through the sigmoid
        self.out.w -= self.eta * g * self.out.x
        self.out.b -= self.eta * g
        back = [g * self.out.w[k] * u.a * (1 - u.a) for k, u in enumerate(self.hidden)]  # BUG(ND111): the output weights were just moved
        for u, d in zip(self.hidden, back):
            u.w -= self.eta * d * u.x
            u.b -= self.eta * d


pts = rng.uniform(-1, 1, (700, 2))
lab = (pts[:, 0] * pts[:, 1] > 0).astype(float)
net = Net(2, 5)


def total_error(network, points, labels):
    probs = np.array([network.predict(p) for p in points])
    return -np.mean(labels * np.log(probs) + (1 - labels) * np.log(1 - probs))


print("error before training:", total_error(net, pts, lab))
for epoch in range(6):
    for i in rng.permutation(len(pts)):
        net.learn(pts[i], lab[i])
    if epoch % 2 == 0:
        print(epoch, np.mean([(net.predict(p) > 0.5) == t for p, t in zip(pts, lab)]))
