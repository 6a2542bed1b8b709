"""Per-sample SGD on a generated pass/fail dataset with log loss; bug: the output delta is the squared-error one, (out - t) * out * (1 - out)."""
import numpy as np

np.random.seed(5)

# hours studied, hours slept (scaled to roughly [0, 1]) -> passed?
X = np.random.rand(30, 2)
Y = (X[:, 0] + 0.5 * X[:, 1] + 0.1 * np.random.randn(30) > 0.8).astype(float)

n_in, n_hid = 2, 4
syn0 = np.random.randn(n_in, n_hid)
bias0 = np.zeros(n_hid)
syn1 = np.random.randn(n_hid)
bias1 = 0.0
alpha = 0.3


def logistic(v):
    return 1.0 / (1.0 + np.exp(-v))


def log_loss(p, t):
    p = min(max(p, 1e-10), 1 - 1e-10)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


for epoch in range(300):
    total = 0.0
    for x, t in zip(X, Y):
        h = logistic(x @ syn0 + bias0)
        out = logistic(h @ syn1 + bias1)
        total += log_loss(out, t)

        delta_out = (out - t) * out * (1 - out)  # BUG(ND104): with log loss the output delta is just out - t
        delta_hid = delta_out * syn1 * h * (1 - h)

        syn1 -= alpha * delta_out * h
        bias1 -= alpha * delta_out
        syn0 -= alpha * np.outer(x, delta_hid)
        bias0 -= alpha * delta_hid
    if epoch % 50 == 0:
        print("epoch %3d  mean log loss %.4f" % (epoch, total / len(X)))

hits = 0
for x, t in zip(X, Y):
    p = logistic(logistic(x @ syn0 + bias0) @ syn1 + bias1)
    hits += int((p > 0.5) == t)
print("correct: %d / %d" % (hits, len(X)))
