import numpy as np

rng = np.random.default_rng(3)
X = rng.normal(size=(40, 3))
y = (X.sum(axis=1) > 0).astype(float).reshape(-1, 1)
n_in, n_h = 3, 5
sizes = [(n_in, n_h), (n_h,), (n_h, 1), (1,)]


def unpack(theta):
    parts, at = [], 0
    for shape in sizes:
        n = int(np.prod(shape))
        parts.append(theta[at:at + n].reshape(shape))
        at += n
    return parts


def loss_and_grad(theta, X, y):
    W1, b1, W2, b2 = unpack(theta)
    h = np.tanh(X @ W1 + b1)
    p = 1 / (1 + np.exp(-(h @ W2 + b2)))
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    d2 = (p - y) / len(X)
    d1 = d2 @ W2.T * (1 - h ** 2)
    grads = [X.T @ d1, d1.sum(0), h.T @ d2, d2.sum(0)]
    return loss, np.concatenate([g.ravel() for g in grads])


theta = rng.normal(scale=0.5, size=sum(int(np.prod(s)) for s in sizes))
for i in range(500):
    loss, g = loss_and_grad(theta, X, y)
    theta -= 0.5 * g
    if i % 100 == 0:
        print(i, loss)
