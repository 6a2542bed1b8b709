import numpy as np
import matplotlib.pyplot as plt
def init_params(n_x, n_h, n_y):
    rng = np.random.default_rng(0)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.5, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * 0.5, "b2": np.zeros((n_y, 1))}
def sigmoid(z): return 1 / (1 + np.exp(-z))
def forward(X, params):
    Z1 = params["W1"] @ X + params["b1"]; A1 = np.tanh(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]; A2 = sigmoid(Z2)
    return A2, {"A1": A1, "A2": A2}
def backward(X, Y, params, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m; db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = params["W2"].T @ dZ2 * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / m; db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
def update(params, grads, lr):
    for k in params:
        params[k] -= lr * grads["d" + k]
def main():
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    params = init_params(2, 4, 1)
    losses = []
    for i in range(2000):
        A2, cache = forward(X, params)
        losses.append(float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))))
        grads = backward(X, Y, params, cache)
        update(params, grads, 1.2)
    plt.plot(losses); plt.show()
    X = np.linspace(0, 1, 10)
if __name__ == "__main__":
    main()
