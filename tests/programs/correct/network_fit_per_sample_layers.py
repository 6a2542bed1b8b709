# Layer / Network.fit tutorial shape: one update per sample, losses passed in
import numpy as np


class Dense:
    def __init__(self, n_in, n_out):
        self.weights = np.random.rand(n_in, n_out) - 0.5
        self.bias = np.random.rand(1, n_out) - 0.5

    def forward(self, x):
        self.input = x
        return x @ self.weights + self.bias

    def backward(self, out_err, rate):
        in_err = out_err @ self.weights.T
        self.weights -= rate * self.input.T @ out_err
        self.bias -= rate * out_err
        return in_err


class Act:
    def __init__(self, f, df):
        self.f, self.df = f, df

    def forward(self, x):
        self.input = x
        return self.f(x)

    def backward(self, out_err, rate):
        return self.df(self.input) * out_err


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def bce(y, p):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def bce_prime(y, p):
    return (p - y) / (p * (1 - p)) / y.size


class Network:
    def __init__(self, layers, loss, loss_prime):
        self.layers, self.loss, self.loss_prime = layers, loss, loss_prime

    def fit(self, xs, ys, epochs, rate):
        for epoch in range(epochs):
            total = 0.0
            for k in range(len(xs)):
                out = xs[k:k + 1]
                for layer in self.layers:
                    out = layer.forward(out)
                total += self.loss(ys[k:k + 1], out)
                err = self.loss_prime(ys[k:k + 1], out)
                for layer in reversed(self.layers):
                    err = layer.backward(err, rate)
            if epoch % 20 == 0:
                print(epoch, total / len(xs))


np.random.seed(3)
xs = np.random.uniform(-1, 1, (80, 2))
ys = (xs[:, 0] * xs[:, 1] > 0).astype(float).reshape(-1, 1)
net = Network(
    [Dense(2, 6), Act(np.tanh, lambda x: 1 - np.tanh(x) ** 2), Dense(6, 1), Act(sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)))],
    bce,
    bce_prime,
)
net.fit(xs, ys, epochs=100, rate=0.2)
