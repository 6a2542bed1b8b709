# one sample per step; a constant 1 as the last input, the hidden layer's 1 appended with
# np.append, the output unit's weights a vector of h + 1; half the squared error
import random

import numpy as np

rows = [
    [0.2, 0.9, 0.1, 1.0], [0.8, 0.1, 0.7, 0.0], [0.3, 0.8, 0.2, 1.0], [0.9, 0.3, 0.8, 0.0],
    [0.1, 0.7, 0.3, 1.0], [0.7, 0.2, 0.9, 0.0], [0.4, 0.9, 0.4, 1.0], [0.6, 0.4, 0.6, 0.0],
]
inputs = np.array([r[:3] + [1.0] for r in rows])
targets = np.array([r[3] for r in rows])

random.seed(2)
np.random.seed(2)
w_in = np.random.uniform(-0.5, 0.5, (4, 3))
w_out = np.random.uniform(-0.5, 0.5, 4)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


order = list(range(len(inputs)))
for epoch in range(1500):
    random.shuffle(order)
    err = 0.0
    for i in order:
        x, t = inputs[i], targets[i]
        h = np.append(sigmoid(x @ w_in), 1.0)
        o = sigmoid(h @ w_out)
        err += 0.5 * (o - t) ** 2
        d_o = (o - t) * o * (1 - o)
        d_h = d_o * w_out[:-1] * h[:-1] * (1 - h[:-1])
        w_out -= 0.5 * d_o * h
        w_in -= 0.5 * np.outer(x, d_h)
    if epoch % 300 == 0:
        print(epoch, round(err, 4))
