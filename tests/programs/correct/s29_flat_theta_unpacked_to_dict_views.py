# one flat parameter vector, unpacked into a dict of views; own gradient check first
import numpy as np

rng = np.random.default_rng(12)
X = rng.normal(size=(120, 3))
Y = (np.sin(X[:, 0]) + X[:, 1] * X[:, 2] > 0).astype(float)[:, None]

LAYOUT = [("W1", (3, 5)), ("b1", (5,)), ("W2", (5, 1)), ("b2", (1,))]


def unpack(vec):
    out, at = {}, 0
    for key, shape in LAYOUT:
        n = int(np.prod(shape))
        out[key] = vec[at:at + n].reshape(shape)
        at += n
    return out


def loss(vec):
    p = unpack(vec)
    h = np.tanh(X @ p["W1"] + p["b1"])
    q = 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))
    return float(-np.mean(Y * np.log(q) + (1 - Y) * np.log(1 - q)))


def grad(vec):
    p = unpack(vec)
    h = np.tanh(X @ p["W1"] + p["b1"])
    q = 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))
    dz2 = (q - Y) / len(X)
    dz1 = (dz2 @ p["W2"].T) * (1 - h ** 2)
    parts = {"W1": X.T @ dz1, "b1": dz1.sum(0), "W2": h.T @ dz2, "b2": dz2.sum(0)}
    return np.concatenate([parts[key].ravel() for key, _ in LAYOUT])


theta = rng.normal(0, 0.5, sum(int(np.prod(s)) for _, s in LAYOUT))
numeric = np.array([
    (loss(theta + e) - loss(theta - e)) / 2e-5 for e in np.eye(theta.size) * 1e-5
])
print("gradient check:", np.linalg.norm(numeric - grad(theta)) / np.linalg.norm(numeric))

for step in range(1500):
    theta -= 1.0 * grad(theta)
    if step % 300 == 0:
        print(step, loss(theta))
