import numpy as np

# a linearly separable problem: a linear hidden layer is enough
rng = np.random.default_rng(42)
features = rng.normal(size=(30, 3))
classes = (features @ np.array([1.0, -2.0, 0.5]) > 0).astype(float).reshape(-1, 1)


def init(n_x, n_h):
    return {"W1": rng.normal(0, 0.5, (n_x, n_h)), "b1": np.zeros((1, n_h)),
            "W2": rng.normal(0, 0.5, (n_h, 1)), "b2": np.zeros((1, 1))}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(params, X):
    H = X @ params["W1"] + params["b1"]  # identity activation
    return H, sigmoid(H @ params["W2"] + params["b2"])


def gradients(params, X, Y):
    H, P = forward(params, X)
    dZ2 = P - Y
    dH = dZ2 @ params["W2"].T
    return {"W1": X.T @ dH, "b1": dH.sum(axis=0, keepdims=True),
            "W2": H.T @ dZ2, "b2": dZ2.sum(axis=0, keepdims=True)}


def fit(X, Y, steps=400, lr=0.01):
    params = init(X.shape[1], 4)
    for step in range(steps):
        g = gradients(params, X, Y)
        params = {k: params[k] - lr * g[k] for k in params}
    return params


model = fit(features, classes)
print("accuracy", np.mean((forward(model, features)[1] > 0.5) == classes))
