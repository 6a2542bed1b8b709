import numpy as np


class Perceptron2:
    """2-layer perceptron trained with binary cross-entropy, one example at a time."""

    def __init__(self, layout, rate=0.5, seed=42):
        gen = np.random.default_rng(seed)
        self.rate = rate
        self.weights = [gen.normal(0, 1, (n_out, n_in)) for n_in, n_out in zip(layout[:-1], layout[1:])]
        self.biases = [np.zeros(n_out) for n_out in layout[1:]]

    @staticmethod
    def squash(v):
        return 1.0 / (1.0 + np.exp(-v))

    def feed(self, x):
        acts = [x]
        for W, b in zip(self.weights, self.biases):
            acts.append(self.squash(W @ acts[-1] + b))
        return acts

    def bce(self, a, y):
        a = np.clip(a, 1e-9, 1 - 1e-9)
        return float(-(y * np.log(a) + (1 - y) * np.log(1 - a)).sum())

    def backprop(self, x, y):
        acts = self.feed(x)
        a = acts[-1]
        deltas = [(a - y) * a * (1 - a)]  # BUG(ND104): the squared error's delta, but the loss is cross-entropy
        for layer in range(len(self.weights) - 1, 0, -1):
            h = acts[layer]
            deltas.insert(0, (self.weights[layer].T @ deltas[0]) * h * (1 - h))
        for layer in range(len(self.weights)):
            self.weights[layer] -= self.rate * np.outer(deltas[layer], acts[layer])
            self.biases[layer] -= self.rate * deltas[layer]
        return self.bce(a, y)


# XOR with a little noise around each corner
gen = np.random.default_rng(0)
corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
X = np.repeat(corners, 10, axis=0) + gen.normal(0, 0.08, (40, 2))
Y = np.repeat(np.array([[0.0], [1.0], [1.0], [0.0]]), 10, axis=0)

net = Perceptron2([2, 4, 1], rate=0.5)
for epoch in range(1500):
    cost = 0.0
    for i in gen.permutation(len(X)):
        x = X[i]
        y = Y[i]
        cost += net.backprop(x, y)
    if epoch % 250 == 0:
        print("epoch %d  cross-entropy %.4f" % (epoch, cost / len(X)))

for c in corners:
    print(c, net.feed(c)[-1])
