"""Truth table with a constant third input standing in for the hidden layer's bias,
one (pattern, answer) pair at a time, no bias vectors anywhere."""
import numpy as np


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


def train(patterns, epochs=3000, rate=0.5):
    rng = np.random.default_rng(7)
    w_in = rng.uniform(-1, 1, size=(3, 5))
    w_out = rng.uniform(-1, 1, size=(5, 1))
    for epoch in range(epochs):
        sse = 0.0
        for pattern, answer in patterns:
            x = np.array(pattern, dtype=float).reshape(1, 3)
            hidden = squash(x @ w_in)
            out = squash(hidden @ w_out)
            miss = out - answer
            sse += float(np.sum(miss ** 2))
            delta_out = miss * out * (1 - out)
            delta_hidden = (delta_out @ w_out.T) * hidden * (1 - hidden)
            w_out -= rate * hidden.T @ delta_out
            w_in -= rate * x.T @ delta_hidden
        if epoch % 500 == 0:
            print("epoch", epoch, "sse", round(sse, 4))
    return w_in, w_out


if __name__ == "__main__":
    table = [([0, 0, 1], 0), ([0, 1, 1], 1), ([1, 0, 1], 1), ([1, 1, 1], 0)]
    train(table)
