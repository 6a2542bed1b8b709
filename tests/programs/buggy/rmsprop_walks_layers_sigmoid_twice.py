"""(Sig.backward slips) layers that each keep a `params` dict and a `grads` dict under the same keys, and an
RMSprop optimizer that walks the layers (`layer.params[k] -= ... layer.grads[k] ...`):
its step is no multiple of the gradient, so the layers' kept gradients are the claim."""
import numpy as np


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.params = {"w": rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)), "c": np.zeros(n_out)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def forward(self, a):
        self.a = a
        return a @ self.params["w"] + self.params["c"]

    def backward(self, g):
        self.grads["w"] = self.a.T @ g
        self.grads["c"] = g.sum(axis=0)
        return g @ self.params["w"].T


class Sig:
    params, grads = {}, {}

    def forward(self, a):
        self.out = 1 / (1 + np.exp(-a))
        return self.out

    def backward(self, g):
        s = 1 / (1 + np.exp(-self.out))  # BUG(ND101): sigma' taken at sigmoid(output), not at z
        return g * s * (1 - s)


class RMSprop:
    def __init__(self, lr=0.01, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.cache = {}

    def step(self, layers):
        for i, layer in enumerate(layers):
            for k in layer.params:
                g = layer.grads[k]
                c = self.cache.get((i, k), np.zeros_like(g))
                c = self.rho * c + (1 - self.rho) * g * g
                self.cache[(i, k)] = c
                layer.params[k] -= self.lr * g / (np.sqrt(c) + self.eps)


rng = np.random.default_rng(31)
X = rng.normal(size=(160, 2))
y = ((X[:, :1] + X[:, 1:] ** 2) > 0.8).astype(float)
layers = [Dense(2, 8, rng), Sig(), Dense(8, 1, rng)]
opt = RMSprop()
for epoch in range(800):
    out = X
    for layer in layers:
        out = layer.forward(out)
    p = 1 / (1 + np.exp(-out))
    grad = (p - y) / len(X)
    for layer in reversed(layers):
        grad = layer.backward(grad)
    opt.step(layers)
    if epoch % 200 == 0:
        print(epoch, float(np.mean((p > 0.5) == y)))
