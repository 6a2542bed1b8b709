# Adam as a dataclass whose moments are made on the first step, weights reached by getattr
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Weights:
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray


@dataclass
class AdamState:
    lr: float = 0.02
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    t: int = 0
    first: dict = field(default_factory=dict)
    second: dict = field(default_factory=dict)

    def apply(self, net: Weights, grads: dict) -> None:
        self.t += 1
        for key, g in grads.items():
            if key not in self.first:
                self.first[key] = np.zeros_like(g)
                self.second[key] = np.zeros_like(g)
            self.first[key] = self.beta1 * self.first[key] + (1 - self.beta1) * g
            self.second[key] = self.beta2 * self.second[key] + (1 - self.beta2) * g**2
            mh = self.first[key] / (1 - self.beta1**self.t)
            vh = self.second[key] / (1 - self.beta2**self.t)
            arr = getattr(net, key)
            arr -= self.lr * mh / (np.sqrt(vh) + self.eps)


def sigm(z):
    return 1.0 / (1.0 + np.exp(-z))


def grads_of(net: Weights, X: np.ndarray, Y: np.ndarray) -> dict:
    m = X.shape[1]
    Z1 = net.W1 @ X + net.b1
    A1 = np.maximum(0.0, Z1)
    A2 = sigm(net.W2 @ A1 + net.b2)
    dZ2 = A2 - Y
    dZ1 = (net.W2.T @ dZ2) * (Z1 > 0)
    return {
        "W1": dZ1 @ X.T / m,
        "b1": dZ1.sum(axis=1, keepdims=True) / m,
        "W2": dZ2 @ A1.T / m,
        "b2": dZ2.sum(axis=1, keepdims=True) / m,
    }


def main():
    gen = np.random.default_rng(5)
    X = gen.normal(size=(2, 240))
    Y = ((X[0] > 0) ^ (X[1] > 0)).astype(float).reshape(1, -1)
    net = Weights(
        W1=gen.normal(0, 1.0, (10, 2)),
        b1=np.zeros((10, 1)),
        W2=gen.normal(0, 0.3, (1, 10)),
        b2=np.zeros((1, 1)),
    )
    opt = AdamState()
    for it in range(600):
        g = grads_of(net, X, Y)
        opt.apply(net, g)
        if it % 100 == 0:
            print("step", it, "|dW1|", np.linalg.norm(g["W1"]))


if __name__ == "__main__":
    main()
