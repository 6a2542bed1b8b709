# my hidden layer has a bias but the decision boundary always goes through the middle??
import numpy as np

rng = np.random.default_rng(17)
inputs = rng.uniform(-1, 1, (80, 2)) + np.array([1.5, 1.5])
targets = ((inputs[:, 0] - 1.5) * (inputs[:, 1] - 1.5) > 0).astype(float)[:, None]

W_in = rng.normal(0, 1, (2, 6))
b_in = rng.normal(0, 0.1, (1, 6))
W_out = rng.normal(0, 1, (6, 1))
b_out = np.zeros((1, 1))
lr = 0.5


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


for epoch in range(3000):
    h = np.tanh(inputs @ W_in + b_in)
    y_hat = sigmoid(h @ W_out + b_out)
    delta2 = (y_hat - targets) / len(inputs)
    delta1 = delta2 @ W_out.T * (1 - h * h)
    W_out -= lr * h.T @ delta2
    b_out -= lr * delta2.sum(axis=0, keepdims=True)  # BUG(ND108): b_in is never updated
    W_in -= lr * inputs.T @ delta1
    if epoch % 500 == 0:
        print(epoch, np.mean((y_hat > 0.5) == targets))
