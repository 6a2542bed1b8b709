# XOR 2-2-1, one sample at a time with 1-D vectors: "it learns something, but never XOR"
import numpy as np

np.random.seed(0)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
T = np.array([0, 1, 1, 0])

def sigmoid(v):
    return 1 / (1 + np.exp(-v))

W1 = np.random.uniform(-1, 1, (2, 2))
b1 = np.zeros(2)
W2 = np.random.uniform(-1, 1, 2)
b2 = 0.0
rate = 0.5

for epoch in range(10000):
    for x, t in zip(X, T):
        h = sigmoid(x @ W1 + b1)
        o = sigmoid(h @ W2 + b2)
        d_o = o - t
        d_h = d_o * W2 * h * (1 - h)
        W2 -= rate * d_o * h
        b2 -= rate * d_o
        W1 -= rate * np.dot(x, d_h)  # BUG(ND107): np.dot of two vectors is a number; np.outer(x, d_h)
        b1 -= rate * d_h
print([sigmoid(sigmoid(x @ W1 + b1) @ W2 + b2) for x in X])
