import numpy as np


def build(widths, seed=1):
    gen = np.random.default_rng(seed)
    Ws = [gen.normal(0, 1 / np.sqrt(a), (a, b)) for a, b in zip(widths[:-1], widths[1:])]
    bs = [np.zeros(b) for b in widths[1:]]

    def predict(x):
        outs = [x]
        for i, (W, b) in enumerate(zip(Ws, bs)):
            z = outs[-1] @ W + b
            outs.append(1 / (1 + np.exp(-z)) if i == len(Ws) - 1 else np.tanh(z))
        return outs

    def update(x, y, lr):
        outs = predict(x)
        delta = (outs[-1] - y) / len(x)
        for i in reversed(range(len(Ws))):
            gW, gb = outs[i].T @ delta, delta.sum(axis=0)
            if i > 0:
                delta = (delta @ Ws[i].T) * (1 - outs[i] ** 2)
            Ws[i] -= lr * gW
            bs[i] -= lr * gb
        return outs[-1]

    return predict, update


gen = np.random.default_rng(3)
xs = gen.normal(size=(160, 2))
ys = (np.abs(xs[:, :1]) > np.abs(xs[:, 1:])).astype(float)
predict, update = build([2, 6, 5, 1])
for epoch in range(1500):
    p = update(xs, ys, 0.8)
    if epoch % 500 == 0:
        print(epoch, np.mean((p > 0.5) == ys))
