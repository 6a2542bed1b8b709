# a finite-difference check over a few entries at top level (values thrown into `_`), then
# Adam on mini-batches; the hidden layer is tanh but its derivative is the sigmoid's
import numpy as np

rng = np.random.default_rng(8)
X = rng.normal(size=(300, 3))
y = (X[:, 0] * X[:, 1] + 0.5 * X[:, 2] > 0).astype(float).reshape(-1, 1)
net = {"W1": rng.normal(0, 0.6, (3, 9)), "b1": np.zeros((1, 9)), "W2": rng.normal(0, 0.4, (9, 1)), "b2": np.zeros((1, 1))}


def cost_and_grads(net, X, y):
    n = len(X)
    h = np.tanh(X @ net["W1"] + net["b1"])
    p = 1 / (1 + np.exp(-(h @ net["W2"] + net["b2"])))
    cost = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
    dz2 = (p - y) / n
    dz1 = (dz2 @ net["W2"].T) * h * (1 - h)  # BUG(ND109): the sigmoid's slope on a tanh layer
    return cost, {"W1": X.T @ dz1, "b1": dz1.sum(0, keepdims=True), "W2": h.T @ dz2, "b2": dz2.sum(0, keepdims=True)}


_, grads = cost_and_grads(net, X[:40], y[:40])
for key, idx in [("W1", (0, 0)), ("W1", (2, 4)), ("W2", (3, 0))]:
    keep = net[key][idx]
    net[key][idx] = keep + 1e-5
    up, _ = cost_and_grads(net, X[:40], y[:40])
    net[key][idx] = keep - 1e-5
    down, _ = cost_and_grads(net, X[:40], y[:40])
    net[key][idx] = keep
    print(key, idx, (up - down) / 2e-5, grads[key][idx])

m1 = {k: np.zeros_like(v) for k, v in net.items()}
m2 = {k: np.zeros_like(v) for k, v in net.items()}
t = 0
for epoch in range(60):
    perm = rng.permutation(len(X))
    for s in range(0, len(X), 30):
        rows = perm[s : s + 30]
        cost, grads = cost_and_grads(net, X[rows], y[rows])
        t += 1
        for k in net:
            m1[k] = 0.9 * m1[k] + 0.1 * grads[k]
            m2[k] = 0.999 * m2[k] + 0.001 * grads[k] ** 2
            net[k] -= 0.01 * (m1[k] / (1 - 0.9**t)) / (np.sqrt(m2[k] / (1 - 0.999**t)) + 1e-8)
    if epoch % 20 == 0:
        print(epoch, cost)
