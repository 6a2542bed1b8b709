"""A regressor class whose `backward(target, lr)` steps its own weights after a separate
`forward(x)`; tanh hidden units, a linear output, mean squared error printed in a report."""
import numpy as np


class Regressor:
    def __init__(self, hidden=20, seed=5):
        g = np.random.default_rng(seed)
        self.Wa = g.normal(0, 1.0, (1, hidden))
        self.ba = g.normal(0, 0.5, hidden)
        self.Wb = g.normal(0, 1 / np.sqrt(hidden), (hidden, 1))
        self.bb = np.zeros(1)

    def forward(self, x):
        self.x = x
        self.a = np.tanh(x @ self.Wa + self.ba)
        self.out = self.a @ self.Wb + self.bb
        return self.out

    def backward(self, target, lr):
        k = target.shape[0]
        d_out = 2 * (self.out - target) / k
        d_a = (d_out @ self.Wb.T) * (1 - self.a ** 2)
        self.Wb -= lr * self.a.T @ d_out
        self.bb -= lr * d_out.sum(axis=0)
        self.Wa -= lr * self.x.T @ d_a
        self.ba -= lr * d_a.sum(axis=0)


if __name__ == "__main__":
    gen = np.random.default_rng(0)
    x = gen.uniform(-2, 2, (200, 1))
    y = x ** 3 - 2 * x + gen.normal(0, 0.1, (200, 1))
    model = Regressor()
    for epoch in range(300):
        order = gen.permutation(len(x))
        for s in range(0, len(x), 20):
            rows = order[s:s + 20]
            model.forward(x[rows])
            model.backward(y[rows], lr=0.01)
        if epoch % 100 == 0:
            print(epoch, "mse", float(np.mean((model.forward(x) - y) ** 2)))
