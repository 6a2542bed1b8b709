# two functions in the course's style: the output delta already averaged, and every
# gradient averaged again
import numpy as np


def forward(params, X):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.tanh(Z1)
    A2 = 1 / (1 + np.exp(-(A1 @ params["W2"] + params["b2"])))
    return A1, A2


def backward(params, X, Y, A1, A2):  # BUG(ND106): every gradient divided by m twice
    m = X.shape[0]
    dZ2 = (A2 - Y) / m
    dW2 = A1.T @ dZ2 / m
    db2 = np.sum(dZ2, axis=0, keepdims=True) / m
    dZ1 = dZ2 @ params["W2"].T * (1 - A1**2)
    dW1 = X.T @ dZ1 / m
    db1 = np.sum(dZ1, axis=0, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


rng = np.random.default_rng(4)
X = rng.normal(size=(120, 3))
Y = (X[:, :1] - X[:, 1:2] ** 2 > -0.5).astype(float)
params = {
    "W1": rng.normal(0, 0.6, (3, 6)),
    "b1": np.zeros((1, 6)),
    "W2": rng.normal(0, 0.6, (6, 1)),
    "b2": np.zeros((1, 1)),
}
for i in range(1500):
    A1, A2 = forward(params, X)
    grads = backward(params, X, Y, A1, A2)
    for k in ("W1", "b1", "W2", "b2"):
        params[k] -= 2.0 * grads["d" + k]
    if i % 500 == 0:
        print(i, -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
