"""XOR with a tanh hidden layer and forward/backward functions; bug: every weight starts at zero, outputs stick at 0.5."""
import numpy as np


def forward(X, W1, b1, W2, b2):
    H = np.tanh(X @ W1 + b1)
    P = 1.0 / (1.0 + np.exp(-(H @ W2 + b2)))
    return H, P


def backward(X, Y, H, P, W2):
    dZ2 = P - Y
    dW2 = H.T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = (dZ2 @ W2.T) * (1.0 - H ** 2)
    dW1 = X.T @ dZ1
    db1 = np.sum(dZ1, axis=0, keepdims=True)
    return dW1, db1, dW2, db2


X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])
n_hidden = 3
W1 = np.zeros((2, n_hidden))  # BUG(ND302): zero weights, tanh(0) = 0 so no gradient ever reaches them
b1 = np.zeros((1, n_hidden))
W2 = np.zeros((n_hidden, 1))
b2 = np.zeros((1, 1))
eta = 0.5

for step in range(2000):
    H, P = forward(X, W1, b1, W2, b2)
    dW1, db1, dW2, db2 = backward(X, Y, H, P, W2)
    W1 -= eta * dW1
    b1 -= eta * db1
    W2 -= eta * dW2
    b2 -= eta * db2
    if step % 400 == 0:
        loss = -np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P))
        print("step %4d  loss %.4f" % (step, loss))

print("predictions:", forward(X, W1, b1, W2, b2)[1].ravel())
