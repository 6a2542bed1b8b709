# samples as columns, two tanh hidden layers of 5 units each
import numpy as np

np.random.seed(3)
m = 300
X = np.random.randn(4, m)
Y = ((X[0] * X[1] - X[2] + 0.2 * X[3]) > 0).astype(float).reshape(1, m)

W1 = np.random.randn(5, 4) * 0.5; b1 = np.zeros((5, 1))
W2 = np.random.randn(5, 5) * 0.5; b2 = np.zeros((5, 1))
W3 = np.random.randn(1, 5) * 0.5; b3 = np.zeros((1, 1))
alpha = 0.3

for i in range(1000):
    Z1 = W1 @ X + b1; A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2; A2 = np.tanh(Z2)
    Z3 = W3 @ A2 + b3; A3 = 1 / (1 + np.exp(-Z3))
    J = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))

    dZ3 = (A3 - Y) / m
    dW3 = dZ3 @ A2.T; db3 = dZ3.sum(axis=1, keepdims=True)
    dZ2 = (W3.T @ dZ3) * (1 - A2 ** 2)
    dW2 = dZ2 @ A1.T; db2 = dZ2.sum(axis=1, keepdims=True)
    dA1 = W2 @ dZ2  # BUG(ND107): W2 is square, so the missing .T goes unnoticed
    dZ1 = dA1 * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T; db1 = dZ1.sum(axis=1, keepdims=True)

    W1 -= alpha * dW1; b1 -= alpha * db1
    W2 -= alpha * dW2; b2 -= alpha * db2
    W3 -= alpha * dW3; b3 -= alpha * db3
    if i % 200 == 0:
        print(i, J)
