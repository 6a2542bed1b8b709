"""XOR one sample at a time from `itertools.cycle(data)` in a `while` loop with a step
counter; the hidden bias is moved up its gradient."""

import itertools
import numpy as np

np.random.seed(4)
data = [
    (np.array(p, dtype=float), float(t))
    for p, t in [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 0)]
]
W_in = np.random.uniform(-1, 1, (2, 8))
c_in = np.full(8, 0.1)
W_out = np.random.uniform(-1, 1, 8)
c_out = 0.0
eta = 0.2
stream = itertools.cycle(data)
step = 0
while step < 20000:
    x, t = next(stream)
    z = x @ W_in + c_in
    h = np.maximum(z, 0)
    o = 1 / (1 + np.exp(-(h @ W_out + c_out)))
    g = o - t
    gh = g * W_out * (z > 0)
    W_out -= eta * g * h
    c_out -= eta * g
    W_in -= eta * np.outer(x, gh)
    c_in += eta * gh  # BUG(ND105): the hidden bias climbs its gradient
    step += 1
print(
    [
        round(float(1 / (1 + np.exp(-(np.maximum(x @ W_in + c_in, 0) @ W_out + c_out)))), 2)
        for x, _ in data
    ]
)
