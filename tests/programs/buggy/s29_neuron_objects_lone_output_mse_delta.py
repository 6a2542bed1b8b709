"""Hidden neurons in a list, the output neuron alone; progress printed as cross-entropy."""
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
        g = (p - t) * p * (1 - p)  # BUG(ND104): the squared error's delta under a cross-entropy loss
        back = [g * self.out.w[k] * u.a * (1 - u.a) for k, u in enumerate(self.hidden)]
        self.out.w -= eta * g * self.out.x
        self.out.b -= eta * g
        for u, d in zip(self.hidden, back):
            u.w -= eta * d * u.x
            u.b -= eta * d


def cross_entropy(p, t):
    return -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))


pts = rng.uniform(-1, 1, (150, 2))
lab = (pts[:, 0] * pts[:, 1] > 0).astype(float)
net = Net(2, 5)
for epoch in range(40):
    for i in rng.permutation(len(pts)):
        net.learn(pts[i], lab[i])
    if epoch % 10 == 0:
        probs = np.array([net.predict(p) for p in pts])
        print(epoch, cross_entropy(probs, lab))
