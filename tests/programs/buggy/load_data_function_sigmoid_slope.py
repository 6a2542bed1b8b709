import numpy as np


def load_data():
    inputs = []
    outputs = []
    for a in (0, 1):
        for b in (0, 1):
            inputs.append([a, b])
            outputs.append(a ^ b)
    return np.array(inputs, dtype=float), np.array(outputs, dtype=float).reshape(-1, 1)


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init(n_in, n_hid, seed=2):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hid)),
        "b1": np.full((1, n_hid), 0.1),
        "W2": rng.normal(0, np.sqrt(1 / n_hid), (n_hid, 1)),
        "b2": np.zeros((1, 1)),
    }


def step(p, X, Y, lr):
    z1 = X @ p["W1"] + p["b1"]
    a1 = relu(z1)
    a2 = sigmoid(a1 @ p["W2"] + p["b2"])
    dz2 = a2 - Y
    dz1 = (dz2 @ p["W2"].T) * a1 * (1 - a1)  # BUG(ND109): the sigmoid's derivative for a ReLU layer
    grads = {
        "W2": a1.T @ dz2,
        "b2": dz2.sum(axis=0, keepdims=True),
        "W1": X.T @ dz1,
        "b1": dz1.sum(axis=0, keepdims=True),
    }
    return {k: p[k] - lr * grads[k] for k in p}


def main():
    X, Y = load_data()
    params = init(2, 6)
    for epoch in range(2000):
        params = step(params, X, Y, 0.1)


if __name__ == "__main__":
    main()
