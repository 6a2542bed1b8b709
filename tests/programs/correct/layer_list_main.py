# mini layer library: Linear / Tanh / Sigmoid objects in a list
import numpy as np


class Linear:
    def __init__(self, fan_in, fan_out):
        self.weight = np.random.randn(fan_in, fan_out) / np.sqrt(fan_in)
        self.bias = np.zeros((1, fan_out))

    def forward(self, x):
        self.x = x
        return x @ self.weight + self.bias

    def backward(self, upstream, lr):
        dx = upstream @ self.weight.T
        self.weight -= lr * self.x.T @ upstream
        self.bias -= lr * upstream.sum(axis=0, keepdims=True)
        return dx


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, upstream, lr):
        return upstream * (1 - self.y ** 2)


class Sigmoid:
    def forward(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def backward(self, upstream, lr):
        return upstream * self.y * (1 - self.y)


def bce_grad(y, p):
    return (p - y) / (p * (1 - p)) / len(y)


def main():
    np.random.seed(4)
    X = np.random.randn(120, 2)
    Y = (X[:, 0] * X[:, 1] > 0).astype(float).reshape(-1, 1)
    layers = [Linear(2, 8), Tanh(), Linear(8, 1), Sigmoid()]
    for epoch in range(1500):
        out = X
        for layer in layers:
            out = layer.forward(out)
        g = bce_grad(Y, out)
        for layer in reversed(layers):
            g = layer.backward(g, 0.5)
        if epoch % 300 == 0:
            print(epoch, np.mean((out > 0.5) == Y))


if __name__ == "__main__":
    main()
