# a gradient-check helper run before training; the loss it calls clips its argument in place
# of itself (out = np.clip(out, ...)), the training uses momentum kept in a dict
import numpy as np

gen = np.random.default_rng(14)
X = gen.normal(size=(160, 2))
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
p = {"W1": gen.normal(0, 1, (2, 10)), "b1": np.zeros((1, 10)), "W2": gen.normal(0, 0.5, (10, 1)), "b2": np.zeros((1, 1))}


def forward(p, X):
    h = np.tanh(X @ p["W1"] + p["b1"])
    return 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"]))), h


def loss_fn(out, y):
    out = np.clip(out, 1e-10, 1 - 1e-10)
    return -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))


def backward(p, X, y):
    out, h = forward(p, X)
    d2 = (out - y) / len(X)
    d1 = (d2 @ p["W2"].T) * (1 - h**2)
    return {"W1": X.T @ d1, "b1": d1.sum(0, keepdims=True), "W2": h.T @ d2, "b2": d2.sum(0, keepdims=True)}


def grad_check(p, X, y, n_entries=3, eps=1e-6, rng=None):
    rng = rng or np.random.default_rng(0)
    out, h = forward(p, X)
    print("loss before the check", loss_fn(out, y))
    g = backward(p, X, y)
    worst = 0.0
    for k in p:
        for _ in range(n_entries):
            idx = tuple(int(rng.integers(0, s)) for s in p[k].shape)
            keep = p[k][idx]
            p[k][idx] = keep + eps
            up = loss_fn(forward(p, X)[0], y)
            p[k][idx] = keep - eps
            down = loss_fn(forward(p, X)[0], y)
            p[k][idx] = keep
            num = (up - down) / (2 * eps)
            worst = max(worst, abs(num - g[k][idx]) / (abs(num) + abs(g[k][idx]) + 1e-12))
    return worst


print("worst relative error", grad_check(p, X[:20], y[:20]))
vel = {k: np.zeros_like(v) for k, v in p.items()}
for epoch in range(300):
    g = backward(p, X, y)
    for k in p:
        vel[k] = 0.9 * vel[k] - 0.3 * g[k]
        p[k] += vel[k]
    if epoch % 100 == 0:
        print(epoch, loss_fn(forward(p, X)[0], y))
