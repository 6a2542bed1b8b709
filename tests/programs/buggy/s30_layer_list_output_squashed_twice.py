# a model object over a list of layer dicts built from a spec, leaky ReLU of slope 0.05; the
# last layer applies its own sigmoid, then the model applies another
import numpy as np


def squash(z):
    return 1 / (1 + np.exp(-z))


class Stack:
    def __init__(self, spec, seed=30):
        rng = np.random.RandomState(seed)
        self.layers = [
            {"W": rng.randn(a, c) * np.sqrt(2 / a), "b": np.zeros((1, c)), "act": act}
            for (a, _), (c, act) in zip(spec[:-1], spec[1:])
        ]

    def forward(self, X):
        a = X
        for layer in self.layers:
            layer["in"] = a
            layer["z"] = a @ layer["W"] + layer["b"]
            a = np.where(layer["z"] > 0, layer["z"], 0.05 * layer["z"]) if layer["act"] == "leaky" else squash(layer["z"])
        return squash(a)  # BUG(ND202): the last layer already applied its sigmoid

    def fit(self, X, Y, lr=0.5, epochs=800):
        for ep in range(epochs):
            P = self.forward(X)
            d = (P - Y) / len(X)
            for i in reversed(range(len(self.layers))):
                layer = self.layers[i]
                if i < len(self.layers) - 1:
                    d = d * np.where(layer["z"] > 0, 1.0, 0.05)
                gW, gb = layer["in"].T @ d, d.sum(axis=0, keepdims=True)
                d = d @ layer["W"].T
                layer["W"] -= lr * gW
                layer["b"] -= lr * gb
            if ep % 200 == 0:
                print(ep, np.mean((P > 0.5) == Y))


rng = np.random.RandomState(1)
pts = rng.uniform(-1, 1, (150, 2))
lab = (pts[:, 0] - 0.5 * pts[:, 1] > 0.1).astype(float).reshape(-1, 1)
Stack([(2, None), (6, "leaky"), (1, "sigmoid")]).fit(pts, lab)
