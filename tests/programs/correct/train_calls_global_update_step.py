"""A `train()` whose loop calls `backward()`, and `backward()` updates the weights through
`global`: the loop's frame never rebinds them itself."""
import numpy as np

np.random.seed(4)
X = np.random.rand(100, 2) * 2 - 1
y = (X[:, 0] * X[:, 1] > 0).astype(float).reshape(-1, 1)

W1 = np.random.randn(2, 6)
b1 = np.zeros((1, 6))
W2 = np.random.randn(6, 1)
b2 = np.zeros((1, 1))
learning_rate = 1.0


def sigmoid(s):
    return 1 / (1 + np.exp(-s))


def forward(data):
    hidden = np.tanh(data @ W1 + b1)
    return hidden, sigmoid(hidden @ W2 + b2)


def backward(data, labels):
    global W1, b1, W2, b2
    hidden, out = forward(data)
    delta = (out - labels) / len(data)
    delta_hidden = delta @ W2.T * (1 - hidden**2)
    W2 = W2 - learning_rate * hidden.T @ delta
    b2 = b2 - learning_rate * delta.sum(axis=0, keepdims=True)
    W1 = W1 - learning_rate * data.T @ delta_hidden
    b1 = b1 - learning_rate * delta_hidden.sum(axis=0, keepdims=True)
    return out


def train(epochs):
    for epoch in range(epochs):
        out = backward(X, y)
        if epoch % 1000 == 0:
            print("epoch", epoch, "accuracy", np.mean((out > 0.5) == y))


train(3000)
