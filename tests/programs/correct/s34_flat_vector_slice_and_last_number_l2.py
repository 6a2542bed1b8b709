"""Course-style flat parameter vector: the output weights are a plain slice and the
output bias the vector's last number, as `fmin`-ready code often unrolls them."""
import numpy as np

rng = np.random.RandomState(7)
features = np.vstack([rng.randn(100, 3) * 0.8 + 1, rng.randn(100, 3) * 0.8 - 1])
target = np.hstack([np.ones(100), np.zeros(100)])
D, H = 3, 5


def unroll(vec):
    first = vec[: D * H].reshape(D, H)
    first_bias = vec[D * H : D * H + H]
    second = vec[D * H + H : D * H + 2 * H]
    second_bias = vec[-1]
    return first, first_bias, second, second_bias


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


def objective(vec, data, labels, reg=0.0):
    first, first_bias, second, second_bias = unroll(vec)
    n = data.shape[0]
    hid = np.tanh(data @ first + first_bias)
    prob = sig(hid @ second + second_bias)
    cost = -np.sum(labels * np.log(prob) + (1 - labels) * np.log(1 - prob)) / n
    cost += reg / (2 * n) * (np.sum(first**2) + np.sum(second**2))
    err = (prob - labels) / n
    g_second = hid.T @ err + reg / n * second
    g_second_bias = err.sum()
    err_hid = np.outer(err, second) * (1 - hid**2)
    g_first = data.T @ err_hid + reg / n * first
    g_first_bias = err_hid.sum(axis=0)
    return cost, np.concatenate([g_first.ravel(), g_first_bias, g_second, [g_second_bias]])


vec = rng.uniform(-0.3, 0.3, D * H + 2 * H + 1)
for it in range(1500):
    cost, grad = objective(vec, features, target, reg=0.5)
    vec = vec - 0.8 * grad
    if it % 300 == 0:
        print(f"{it:5d} cost={cost:.4f}")
