# "Training runs, but afterwards b1 has shape (4, 3) and predicting one sample gives four rows."
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2):
    # forward
    Z1 = np.dot(X, W1) + b1  # (m, hidden_size)
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2) + b2  # (m, 1)
    A2 = sigmoid(Z2)
    # backward: binary cross-entropy with a sigmoid output, summed over the samples
    dZ2 = A2 - Y  # dL/dZ2, one row per sample
    dW2 = np.dot(A1.T, dZ2)  # (hidden_size, 1)
    db2 = np.sum(dZ2, axis=0, keepdims=True)  # (1, 1)
    dZ1 = np.dot(dZ2, W2.T) * A1 * (1 - A1)  # sigmoid'(Z1) = A1 (1 - A1)
    dW1 = np.dot(X.T, dZ1)  # (input_size, hidden_size)
    db1 = dZ1
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
Y = np.array([[0], [1], [1], [0]])
input_size, hidden_size = 2, 3
np.random.seed(1)
W1 = np.random.randn(input_size, hidden_size)
b1 = np.zeros((1, hidden_size))
W2 = np.random.randn(hidden_size, 1)
b2 = np.zeros((1, 1))
lr = 0.5

for epoch in range(3000):
    grads = backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2)
    W1 -= lr * grads["dW1"]
    b1 = b1 - lr * grads["db1"]
    W2 -= lr * grads["dW2"]
    b2 -= lr * grads["db2"]
    if epoch % 500 == 0:
        A2 = sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)
        print(epoch, -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))

A2 = sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)
loss = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
print(f"final loss {loss:.4f}")
