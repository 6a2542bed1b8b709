# mini-batches of row numbers; the gradient function walks them one sample at a time,
# adding np.outer products into buffers made once
import numpy as np

rng = np.random.default_rng(12)
data = rng.uniform(-2, 2, size=(240, 3))
labels = ((data[:, 0] ** 2 + data[:, 1] ** 2) < 1.6 * (1 + 0.3 * data[:, 2])).astype(float)

Wh = rng.normal(0, 0.6, (3, 9))
bh = np.zeros(9)
wo = rng.normal(0, 0.6, 9)
bo = np.zeros(1)
weights = [Wh, bh, wo, bo]
grads = [np.zeros_like(w) for w in weights]


def gradient_of(rows):
    for g in grads:
        g.fill(0.0)
    total = 0.0
    for r in rows:
        x, y = data[r], labels[r]
        h = np.tanh(x @ Wh + bh)
        p = 1.0 / (1.0 + np.exp(-(h @ wo + bo[0])))
        total += -(y * np.log(p) + (1 - y) * np.log(1 - p))
        e = p - y
        grads[2] += e * h
        grads[3] += e
        back = e * wo * (1 - h ** 2)
        grads[0] += np.outer(x, back)
        grads[1] += back
    for g in grads:
        g /= len(rows)
    return total / len(rows)


step = 0.3
for epoch in range(60):
    order = rng.permutation(len(data))
    losses = []
    for start in range(0, len(data), 16):
        losses.append(gradient_of(order[start:start + 16]))
        for w, g in zip(weights, grads):
            w -= step * g
    if epoch % 10 == 0:
        print(epoch, np.mean(losses))
