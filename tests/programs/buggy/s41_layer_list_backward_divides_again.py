# layers in a list, each with forward/backward; the loss gradient is already averaged
import numpy as np


class Linear:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g):
        self.gW = self.x.T @ g
        self.gb = g.sum(axis=0)
        return g @ self.W.T / len(g)  # BUG(ND106): g is already divided by the batch size


class Sigm:
    def forward(self, x):
        self.s = 1 / (1 + np.exp(-x))
        return self.s

    def backward(self, g):
        return g * self.s * (1 - self.s)


rng = np.random.default_rng(12)
layers = [Linear(2, 8, rng), Sigm(), Linear(8, 1, rng), Sigm()]
pts = rng.uniform(-1, 1, (64, 2))
lab = (pts[:, :1] ** 2 + pts[:, 1:] ** 2 < 0.5).astype(float)
for epoch in range(500):
    a = pts
    for layer in layers:
        a = layer.forward(a)
    g = (a - lab) / len(lab)
    for layer in reversed(layers[:-1]):
        g = layer.backward(g)
    for layer in layers:
        if isinstance(layer, Linear):
            layer.W -= 2.0 * layer.gW
            layer.b -= 2.0 * layer.gb
    if epoch % 100 == 0:
        print(epoch, float(-np.mean(lab * np.log(a) + (1 - lab) * np.log(1 - a))))
