import numpy as np

# relu -> relu -> sigmoid, the mean of squared errors without a 1/2 (the 2 stays in the
# gradient), and a small L2 penalty lam * W on every weight's gradient
np.random.seed(4)
blobs = np.array([[-2.0, 0.0], [0.0, 0.0], [2.0, 0.0]])
feats = np.concatenate([c + 0.6 * np.random.randn(50, 2) for c in blobs])
labels = np.concatenate([np.zeros(50), np.ones(50), np.zeros(50)]).reshape(-1, 1)


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def run(weights, xs):
    W1, b1, W2, b2, W3, b3 = weights
    z1 = xs @ W1 + b1
    a1 = np.maximum(0, z1)
    z2 = a1 @ W2 + b2
    a2 = np.maximum(0, z2)
    return z1, a1, z2, a2, sig(a2 @ W3 + b3)


def cost_and_grads(weights, xs, ts, lam):
    W1, b1, W2, b2, W3, b3 = weights
    n = xs.shape[0]
    z1, a1, z2, a2, out = run(weights, xs)
    cost = np.mean((out - ts) ** 2) + 0.5 * lam * sum(np.sum(w**2) for w in (W1, W2, W3))
    d3 = 2.0 * (out - ts) / n * out * (1 - out)
    d2 = (d3 @ W3.T) * (z2 > 0)
    d1 = (d2 @ W2.T) * (z1 > 0)
    return cost, [
        xs.T @ d1 + lam * W1,
        d1.sum(axis=0),
        a1.T @ d2 + lam * W2,
        d2.sum(axis=0),
        a2.T @ d3 + lam * W3,
        d3.sum(axis=0),
    ]


weights = [
    np.random.randn(2, 12) * 1.0,
    np.zeros(12),
    np.random.randn(12, 12) * np.sqrt(2 / 12),
    np.zeros(12),
    np.random.randn(12, 1) * np.sqrt(2 / 12),
    np.zeros(1),
]
for it in range(3000):
    J, grads = cost_and_grads(weights, feats, labels, 1e-4)
    weights = [w - 0.5 * g for w, g in zip(weights, grads)]
    if it % 600 == 0:
        print(it, round(float(J), 5))

print("accuracy", np.mean((run(weights, feats)[-1] > 0.5) == labels))
