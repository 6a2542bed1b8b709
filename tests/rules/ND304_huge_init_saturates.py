"""iamtrask-style script (syn0/syn1, nonlin with deriv flag) on bipolar XOR; flaw: the hidden weights are initialised far too large, pinning the tanh units."""
import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return 1 - x ** 2          # x is already tanh(z)
    return np.tanh(x)


def squash(x):
    return 1 / (1 + np.exp(-x))


np.random.seed(7)
# XOR with bipolar inputs
points = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]], dtype=float)
labels = np.array([[0], [1], [1], [0]], dtype=float)

# BUG(ND304): weights drawn from [-25, 25], every |z| is in the tens and tanh is pinned at +-1
syn0 = 50 * np.random.random((2, 8)) - 25
bias0 = np.zeros((1, 8))
syn1 = 2 * np.random.random((8, 1)) - 1
bias1 = np.zeros((1, 1))
lr = 0.05

for j in range(2000):
    l0 = points
    l1 = nonlin(l0.dot(syn0) + bias0)
    l2 = squash(l1.dot(syn1) + bias1)

    l2_delta = l2 - labels                       # cross-entropy with a sigmoid output
    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)

    syn1 -= lr * l1.T.dot(l2_delta)
    bias1 -= lr * l2_delta.sum(axis=0, keepdims=True)
    syn0 -= lr * l0.T.dot(l1_delta)
    bias0 -= lr * l1_delta.sum(axis=0, keepdims=True)

    if j % 500 == 0:
        ce = -np.mean(labels * np.log(l2) + (1 - labels) * np.log(1 - l2))
        print("iter", j, "cross-entropy", ce)

print("accuracy", np.mean((l2 > 0.5) == labels))
