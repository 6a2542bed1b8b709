"""Hidden neurons in a list, the output neuron its own attribute; numpy inside each neuron."""
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
    def __init__(self, n_in, n_hidden):
        self.hidden = [Unit(n_in) for _ in range(n_hidden)]
        self.out = Unit(n_hidden)

    def predict(self, x):
        return self.out.fire(np.array([u.fire(x) for u in self.hidden]))

    def learn(self, x, t, eta=0.5):
        p = self.predict(x)
        g = p - t  # cross-entropy through the sigmoid
        back = [g * self.out.w[k] * u.a * (1 - u.a) for k, u in enumerate(self.hidden)]
        self.out.w -= eta * g * self.out.x
        self.out.b -= eta * g
        for u, d in zip(self.hidden, back):
            u.w -= eta * d * u.x
            u.b -= eta * d


pts = rng.uniform(-1, 1, (150, 2))
lab = (pts[:, 0] * pts[:, 1] > 0).astype(float)
net = Net(2, 5)
for epoch in range(40):
    for i in rng.permutation(len(pts)):
        net.learn(pts[i], lab[i])
    if epoch % 10 == 0:
        print(epoch, np.mean([(net.predict(p) > 0.5) == t for p, t in zip(pts, lab)]))
