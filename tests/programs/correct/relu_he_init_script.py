import numpy as np

np.random.seed(10)
X = np.random.uniform(-1, 1, (40, 2))
Y = ((X[:, 0] * X[:, 1]) > 0).astype(float).reshape(-1, 1)  # XOR-like quadrants

n_h = 16
W1 = np.random.randn(2, n_h) * np.sqrt(2 / 2)  # He init
b1 = np.zeros((1, n_h))
W2 = np.random.randn(n_h, 1) * np.sqrt(2 / n_h)
b2 = np.zeros((1, 1))
learning_rate = 0.05

for i in range(3000):
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
    m = X.shape[0]
    dZ2 = (A2 - Y) / m
    dW2 = A1.T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = dZ2 @ W2.T
    dZ1[Z1 <= 0] = 0
    dW1 = X.T @ dZ1
    db1 = np.sum(dZ1, axis=0, keepdims=True)
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    if i % 500 == 0:
        cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
        print(f"iter {i}: cost {cost:.4f}")
