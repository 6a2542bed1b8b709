# An old tutorial's network with np.matrix, where * is the matrix product
import numpy as np

np.random.seed(1)
X = np.matrix([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
y = np.matrix([[0], [1], [1], [0]], dtype=float)

syn0 = np.matrix(2 * np.random.random((3, 4)) - 1)
syn1 = np.matrix(2 * np.random.random((4, 1)) - 1)


def nonlin(x, deriv=False):
    if deriv:
        return np.multiply(x, 1 - x)
    return 1 / (1 + np.exp(-x))


for j in range(20000):
    l0 = X
    l1 = nonlin(l0 * syn0)
    l2 = nonlin(l1 * syn1)
    l2_error = y - l2
    if j % 5000 == 0:
        print("Error:", np.mean(np.abs(l2_error)))
    l2_delta = np.multiply(l2_error, nonlin(l2, deriv=True))
    l1_error = l2_delta * syn1.T
    l1_delta = np.multiply(l1_error, nonlin(l1, deriv=True))
    syn1 += l1.T * l2_delta
    syn0 += l0.T * l1_delta
