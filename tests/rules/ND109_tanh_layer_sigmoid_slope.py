"""Function-style two-moons-ish classifier with a tanh hidden layer; bug: backward uses the sigmoid derivative for it."""
import numpy as np

np.random.seed(4)
n = 40
angles = np.random.uniform(0, np.pi, n)
points = np.vstack([
    np.c_[np.cos(angles[: n // 2]), np.sin(angles[: n // 2])],
    np.c_[1 - np.cos(angles[n // 2:]), 0.5 - np.sin(angles[n // 2:])],
]) + 0.1 * np.random.randn(n, 2)
targets = np.r_[np.zeros(n // 2), np.ones(n // 2)].reshape(-1, 1)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def init(n_in, n_hid):
    return {
        "W1": np.random.randn(n_in, n_hid) * 0.5,
        "b1": np.zeros((1, n_hid)),
        "W2": np.random.randn(n_hid, 1) * 0.5,
        "b2": np.zeros((1, 1)),
    }


def forward(X, p):
    hidden = np.tanh(X @ p["W1"] + p["b1"])
    probs = sigmoid(hidden @ p["W2"] + p["b2"])
    return hidden, probs


def backward(X, Y, p, hidden, probs):
    m = len(X)
    delta_out = (probs - Y) / m
    delta_hid = (delta_out @ p["W2"].T) * hidden * (1 - hidden)  # BUG(ND109): sigmoid derivative, layer is tanh (needs 1 - hidden**2)
    return {
        "W2": hidden.T @ delta_out,
        "b2": delta_out.sum(axis=0, keepdims=True),
        "W1": X.T @ delta_hid,
        "b1": delta_hid.sum(axis=0, keepdims=True),
    }


params = init(2, 8)
for step in range(1500):
    hidden, probs = forward(points, params)
    grads = backward(points, targets, params, hidden, probs)
    for name in params:
        params[name] -= 1.0 * grads[name]
    if step % 300 == 0:
        bce = -np.mean(targets * np.log(probs) + (1 - targets) * np.log(1 - probs))
        print(step, round(float(bce), 4))

_, probs = forward(points, params)
print("accuracy:", np.mean((probs > 0.5) == targets))
