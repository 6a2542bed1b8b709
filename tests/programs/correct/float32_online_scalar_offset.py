import numpy as np

# one sample at a time in single precision; the output unit's offset is a NumPy float32
# scalar named `k`, stepped like the weights
gen = np.random.default_rng(11)
patterns = np.array(
    [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]],
    dtype=np.float32,
)
wanted = np.array([0, 1, 1, 0, 0, 1, 1, 0], dtype=np.float32)


def logistic(v):
    return 0.5 * (1.0 + np.tanh(0.5 * v))


U = gen.uniform(-1, 1, (5, 3)).astype(np.float32)
g = np.zeros(5, dtype=np.float32)
v = gen.uniform(-1, 1, 5).astype(np.float32)
k = np.float32(0.0)
alpha = np.float32(0.7)

for sweep in range(2000):
    sse = 0.0
    for p, want in zip(patterns, wanted):
        hid = logistic(U @ p + g)
        out = logistic(v @ hid + k)
        sse += 0.5 * (out - want) ** 2
        d_out = (out - want) * out * (1.0 - out)
        d_hid = d_out * v * hid * (1.0 - hid)
        v -= alpha * d_out * hid
        k -= alpha * d_out
        U -= alpha * np.outer(d_hid, p)
        g -= alpha * d_hid
    if sweep % 400 == 0:
        print(sweep, float(sse))

print([round(float(logistic(v @ logistic(U @ p + g) + k)), 2) for p in patterns])
