import numpy as np

rng = np.random.default_rng(3)
centers = np.array([[-1.5, -1.0], [1.5, 1.2]])
labels = rng.integers(0, 2, size=160)
points = centers[labels] + rng.normal(scale=0.7, size=(160, 2))
targets = labels.reshape(-1, 1).astype(float)


def leaky(z):
    return np.where(z > 0, z, 0.01 * z)


def leaky_slope(z):
    return np.where(z > 0, 1.0, 0.01)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


weights = [rng.normal(scale=0.5, size=(2, 6)), np.zeros(6), rng.normal(scale=0.5, size=(6, 1)), 0.0]


def forward(x, w):
    z1 = x @ w[0] + w[1]
    h = leaky(z1)
    out = sigmoid(h @ w[2] + w[3])
    return z1, h, out


def grads_of(x, y, w):
    z1, h, out = forward(x, w)
    m = x.shape[0]
    d_out = (out - y) / m
    g2 = h.T @ d_out
    gb2 = float(d_out.sum())
    d_h = d_out @ w[2].T * leaky_slope(z1)
    g1 = x.T @ d_h
    gb1 = d_h.sum(axis=0)
    return [g1, gb1, g2, gb2]


lr = 0.3
for epoch in range(800):
    grads = grads_of(points, targets, weights)
    for i in range(4):
        weights[i] -= lr * grads[i]
    if epoch % 200 == 0:
        _, _, out = forward(points, weights)
        loss = -np.mean(targets * np.log(out + 1e-9) + (1 - targets) * np.log(1 - out + 1e-9))
        print(epoch, round(loss, 4))

_, _, out = forward(points, weights)
print("accuracy", np.mean((out > 0.5) == (targets > 0.5)))
