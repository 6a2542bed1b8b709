# samples as columns, an L2 penalty in the cost and in every weight gradient, each layer
# stepped in the backward sweep once every delta that needs its old weights is computed
import numpy as np

np.random.seed(21)
m = 180
X = np.random.uniform(-1.5, 1.5, (2, m))
Y = (X[0:1] ** 2 + X[1:2] ** 2 < 1.0).astype(float)

n_h = 9
W1 = np.random.randn(n_h, 2) * 0.8
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(1, n_h) * 0.8
b2 = np.zeros((1, 1))
lambd, alpha = 0.05, 1.2


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for i in range(3000):
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    A2 = sigmoid(W2 @ A1 + b2)
    cross = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    cost = cross + lambd / (2 * m) * (np.sum(W1**2) + np.sum(W2**2))

    dZ2 = A2 - Y
    dW2 = (dZ2 @ A1.T) / m + lambd / m * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    W2 = W2 - alpha * dW2
    b2 = b2 - alpha * db2
    dW1 = (dZ1 @ X.T) / m + lambd / m * W1
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    W1 = W1 - alpha * dW1
    b1 = b1 - alpha * db1

    if i % 500 == 0:
        print("iteration %d: cost %.4f accuracy %.3f" % (i, cost, np.mean((A2 > 0.5) == Y)))
