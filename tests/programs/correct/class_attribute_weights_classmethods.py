import numpy as np

rng = np.random.RandomState(8)
grid = rng.uniform(-1, 1, (120, 2))
inside = (np.hypot(grid[:, 0], grid[:, 1]) < 0.6).astype(float).reshape(-1, 1)


class Brain:
    """One network for the whole program: the weights live on the class itself."""

    hidden_w = rng.randn(2, 8)
    hidden_b = np.zeros((1, 8))
    out_w = rng.randn(8, 1) * 0.5
    out_b = np.zeros((1, 1))

    @classmethod
    def think(cls, x):
        cls.h = np.tanh(x @ cls.hidden_w + cls.hidden_b)
        return 1 / (1 + np.exp(-(cls.h @ cls.out_w + cls.out_b)))

    @classmethod
    def learn(cls, x, t, rate):
        o = cls.think(x)
        d_o = (o - t) / len(x)
        d_h = d_o @ cls.out_w.T * (1 - cls.h**2)
        cls.out_w -= rate * cls.h.T @ d_o
        cls.out_b -= rate * d_o.sum(axis=0, keepdims=True)
        cls.hidden_w -= rate * x.T @ d_h
        cls.hidden_b -= rate * d_h.sum(axis=0, keepdims=True)
        return float(np.mean((o > 0.5) == t))


for sweep in range(2000):
    acc = Brain.learn(grid, inside, 1.5)
    if sweep % 500 == 0:
        print(sweep, acc)
