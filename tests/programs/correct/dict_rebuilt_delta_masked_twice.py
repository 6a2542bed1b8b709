import numpy as np

np.random.seed(10)
N = 160
points = np.random.uniform(-1, 1, size=(N, 2))
classes = (points[:, 0] * points[:, 1] > 0).astype(float).reshape(N, 1)


def relu(v):
    return np.maximum(0, v)


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def fit(params, lr=0.5, epochs=1200):
    for epoch in range(epochs):
        W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
        pre = points @ W1 + b1
        hidden = relu(pre)
        prob = sigmoid(hidden @ W2 + b2)
        err = prob - classes
        grad_W2 = hidden.T @ err / N
        grad_b2 = err.mean(axis=0, keepdims=True)
        back = err @ W2.T
        back = back * (pre > 0)  # the same name, now masked by relu'
        grad_W1 = points.T @ back / N
        grad_b1 = back.mean(axis=0, keepdims=True)
        params = {"W1": W1 - lr * grad_W1, "b1": b1 - lr * grad_b1,
                  "W2": W2 - lr * grad_W2, "b2": b2 - lr * grad_b2}
        if epoch % 300 == 0:
            print(epoch, np.mean((prob > 0.5) == classes))
    return params


start = {"W1": np.random.randn(2, 12) * 0.8, "b1": np.zeros((1, 12)),
         "W2": np.random.randn(12, 1) * 0.3, "b2": np.zeros((1, 1))}
trained = fit(start)
