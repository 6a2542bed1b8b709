import numpy as np

def init_params(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return W1, b1, W2, b2

def forward(X, params):
    W1, b1, W2, b2 = params
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, (Z1, A1, Z2, A2)

def backward(X, Y, params, cache):
    W1, b1, W2, b2 = params
    Z1, A1, Z2, A2 = cache
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = W2.T @ dZ2 * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return dW1, db1, dW2, db2

def model(X, Y, n_h, iters=10000, lr=1.2):
    np.random.seed(3)
    params = init_params(X.shape[0], n_h, Y.shape[0])
    for i in range(iters):
        A2, cache = forward(X, params)
        grads = backward(X, Y, params, cache)
        params = tuple(p - lr * g for p, g in zip(params, grads))
        if i % 1000 == 0:
            cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
            print(f"Cost after iteration {i}: {cost:f}")
    return params

np.random.seed(1)
X = np.random.randn(2, 400)
Y = (X[0:1] * X[1:2] > 0).astype(float)
params = model(X, Y, 4)
