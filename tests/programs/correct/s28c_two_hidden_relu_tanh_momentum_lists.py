# 2 -> 12 (relu) -> 8 (tanh) -> 1 (sigmoid) on two concentric rings.
# Layers live in lists; SGD with momentum on mini-batches; binary cross-entropy.
import numpy as np

rng = np.random.default_rng(21)

n = 240
r = np.r_[rng.uniform(0.0, 0.9, n // 2), rng.uniform(1.3, 2.0, n // 2)]
theta = rng.uniform(0, 2 * np.pi, n)
X = np.c_[r * np.cos(theta), r * np.sin(theta)]
y = np.r_[np.zeros(n // 2), np.ones(n // 2)].reshape(-1, 1)

sizes = [2, 12, 8, 1]
weights = [rng.normal(0, np.sqrt(1.0 / a), (a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, b)) for b in sizes[1:]]
vel_w = [np.zeros_like(w) for w in weights]
vel_b = [np.zeros_like(b) for b in biases]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X):
    zs, acts = [], [X]
    for l in range(len(weights)):
        z = acts[-1] @ weights[l] + biases[l]
        if l == 0:
            a = np.maximum(z, 0)
        elif l == 1:
            a = np.tanh(z)
        else:
            a = sigmoid(z)
        zs.append(z)
        acts.append(a)
    return zs, acts


def cross_entropy(p, t):
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))


lr, mu, batch_size = 0.05, 0.9, 24

for epoch in range(120):
    order = rng.permutation(n)
    for s in range(0, n, batch_size):
        xb, yb = X[order[s:s + batch_size]], y[order[s:s + batch_size]]
        zs, acts = forward(xb)
        delta = (acts[-1] - yb) / len(xb)
        for l in reversed(range(len(weights))):
            gw = acts[l].T @ delta
            gb = delta.sum(axis=0, keepdims=True)
            if l == 2:
                delta = (delta @ weights[l].T) * (1 - acts[l] ** 2)
            elif l == 1:
                delta = (delta @ weights[l].T) * (zs[0] > 0)
            vel_w[l] = mu * vel_w[l] - lr * gw
            vel_b[l] = mu * vel_b[l] - lr * gb
            weights[l] += vel_w[l]
            biases[l] += vel_b[l]
    if epoch % 20 == 0:
        print(f"epoch {epoch}: loss {cross_entropy(forward(X)[1][-1], y):.4f}")

_, acts = forward(X)
print("accuracy:", np.mean((acts[-1] > 0.5) == y))
