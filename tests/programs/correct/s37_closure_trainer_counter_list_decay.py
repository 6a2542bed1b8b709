# a trainer made by a closure: the weights are nonlocal, a one-item list counts the steps
# and the rate decays with it (1/t)
import numpy as np

rng = np.random.default_rng(17)
X = rng.normal(size=(90, 3))
y = (X[:, 0] - X[:, 1] + 0.5 * X[:, 2] > 0).astype(float).reshape(-1, 1)


def make_trainer(n_in, n_hid, base_rate=1.0, decay=2e-3):
    W1 = rng.normal(0, 0.6, (n_in, n_hid))
    b1 = np.zeros((1, n_hid))
    W2 = rng.normal(0, 0.6, (n_hid, 1))
    b2 = np.zeros((1, 1))
    count = [0]

    def train_once(xb, yb):
        nonlocal W1, b1, W2, b2
        h = np.tanh(xb @ W1 + b1)
        p = 1 / (1 + np.exp(-(h @ W2 + b2)))
        e = (p - yb) / len(xb)
        eh = (e @ W2.T) * (1 - h ** 2)
        rate = base_rate / (1 + decay * count[0])
        W2 = W2 - rate * h.T @ e
        b2 = b2 - rate * e.sum(axis=0, keepdims=True)
        W1 = W1 - rate * xb.T @ eh
        b1 = b1 - rate * eh.sum(axis=0, keepdims=True)
        count[0] += 1
        return float(-np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p)))

    return train_once


train_once = make_trainer(3, 5)
for sweep in range(800):
    cost = train_once(X, y)
    if sweep % 200 == 0:
        print(sweep, cost)
