# The same network, fixed: biases added, and the output delta simplified to output - y.
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

np.random.seed(17)
W1 = np.random.randn(2, 8)
b1 = np.zeros((1, 8))
W2 = np.random.randn(8, 1)
b2 = np.zeros((1, 1))
lr = 0.2


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return (x > 0).astype(float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


for epoch in range(2000):
    hidden = relu(X @ W1 + b1)
    output = sigmoid(hidden @ W2 + b2)
    d_output = output - y  # sigmoid + binary cross-entropy: dL/dz = output - y
    d_hidden = d_output @ W2.T * relu_derivative(hidden)
    W2 -= lr * hidden.T @ d_output
    b2 -= lr * d_output.sum(axis=0, keepdims=True)
    W1 -= lr * X.T @ d_hidden
    b1 -= lr * d_hidden.sum(axis=0, keepdims=True)
    if epoch % 200 == 0:
        loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
        print(epoch, loss, output.ravel().round(3))

loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
print(f"final loss {loss:.4f}")
