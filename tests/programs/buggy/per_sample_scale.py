import numpy as np

data = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 1.0)]

np.random.seed(5)
W1 = np.random.randn(2, 3)
b1 = np.zeros(3)
W2 = np.random.randn(3)
b2 = 0.0


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def sgd_step(x, t, W1, b1, W2, b2, lr):
    h = sigmoid(x @ W1 + b1)
    o = sigmoid(h @ W2 + b2)
    delta = o - t
    grad_W2 = delta * h
    grad_b2 = delta
    delta_h = delta * W2 * h * (1 - h)
    grad_W1 = np.outer(x, delta_h) * 2  # BUG(ND106): stray factor 2
    grad_b1 = delta_h
    return W1 - lr * grad_W1, b1 - lr * grad_b1, W2 - lr * grad_W2, b2 - lr * grad_b2


for epoch in range(500):
    for x, t in data:
        W1, b1, W2, b2 = sgd_step(np.array(x), t, W1, b1, W2, b2, 0.5)
print([float(sigmoid(sigmoid(np.array(x) @ W1 + b1) @ W2 + b2)) for x, _ in data])
