"""A network kept as a dict of layers, each a dict of arrays, walked by a generator that
yields dotted names; a momentum optimizer keyed by those names; a step-decay schedule."""

import numpy as np


def make_net(sizes, seed=11):
    rng = np.random.default_rng(seed)
    net = {}
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        net[f"layer{i}"] = {
            "kernel": rng.normal(0.0, 1.0 / np.sqrt(fan_in), (fan_in, fan_out)),
            "offset": np.zeros((1, fan_out)),
        }
    return net


def named_arrays(net):
    for layer_name, layer in net.items():
        for array_name, array in layer.items():
            yield layer_name + "." + array_name, array


def forward(net, X):
    h = np.maximum(0.0, X @ net["layer0"]["kernel"] + net["layer0"]["offset"])
    p = 1.0 / (1.0 + np.exp(-(h @ net["layer1"]["kernel"] + net["layer1"]["offset"])))
    return h, p


def backward(net, X, y):
    h, p = forward(net, X)
    n = len(X)
    d_out = (p - y) / n
    d_hidden = (d_out @ net["layer1"]["kernel"].T) * (h > 0)
    return {
        "layer1.kernel": h.T @ d_out,
        "layer1.offset": -d_out.sum(axis=0, keepdims=True),  # BUG(ND105): this one entry negated
        "layer0.kernel": X.T @ d_hidden,
        "layer0.offset": d_hidden.sum(axis=0, keepdims=True),
    }


class HeavyBall:
    def __init__(self, net, rate, beta=0.9):
        self.net, self.rate, self.beta = net, rate, beta
        self.velocity = {name: np.zeros_like(a) for name, a in named_arrays(net)}

    def apply(self, grads):
        for name, array in named_arrays(self.net):
            self.velocity[name] = self.beta * self.velocity[name] + grads[name]
            array -= self.rate * self.velocity[name]


if __name__ == "__main__":
    rng = np.random.default_rng(5)
    X = rng.normal(size=(240, 3))
    y = (np.sin(2 * X[:, :1]) > X[:, 1:2]).astype(float)
    net = make_net([3, 16, 1])
    opt = HeavyBall(net, rate=0.3)
    for epoch in range(600):
        if epoch and epoch % 200 == 0:
            opt.rate *= 0.5
        grads = backward(net, X, y)
        opt.apply(grads)
        if epoch % 100 == 0:
            _, p = forward(net, X)
            loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
            print(epoch, round(float(loss), 4), float(np.mean((p > 0.5) == y)))
