# XOR stuck at 0.5 with a list of parameters
import numpy as np


def init_layer(n_in, n_out, rng):
    return rng.uniform(-0.8, 0.8, (n_in, n_out)), np.zeros((1, n_out))


def compute(theta, X, y):
    W1, b1, W2, b2 = theta
    a = 1 / (1 + np.exp(-(X @ W1 + b1)))
    out = 1 / (1 + np.exp(-(a @ W2 + b2)))
    d2 = out - y
    d1 = d2 @ W2.T  # BUG(ND110): the sigmoid slope a * (1 - a) is missing
    return [X.T @ d1, d1.sum(0, keepdims=True), a.T @ d2, d2.sum(0, keepdims=True)], out


rng = np.random.default_rng(3)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
y = np.array([[0], [1], [1], [0]], float)
W1, b1 = init_layer(2, 3, rng)
W2, b2 = init_layer(3, 1, rng)
theta = [W1, b1, W2, b2]
history = {"err": []}
step = 0
try:
    while True:
        grads, out = compute(theta, X, y)
        theta = [t - 0.9 * g for t, g in zip(theta, grads)]
        history["err"].append(float(np.abs(out - y).mean()))
        step += 1
        if history["err"][-1] < 0.05 or step > 20000:
            break
except KeyboardInterrupt:
    pass
print("steps", step, "outputs", out.ravel().round(2))
