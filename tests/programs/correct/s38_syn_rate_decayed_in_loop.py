# the blog's syn0/syn1 network with a bias column in the data and `error = y - l2` with
# `+=` updates; the step size decays inside the loop, after the updates
import numpy as np

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
np.random.seed(3)
syn0 = 2 * np.random.random((3, 5)) - 1
syn1 = 2 * np.random.random((5, 1)) - 1


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


alpha = 1.5
for j in range(20000):
    l1 = nonlin(X @ syn0)
    l2 = nonlin(l1 @ syn1)
    l2_error = y - l2
    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)
    syn1 += alpha * l1.T.dot(l2_delta)
    syn0 += alpha * X.T.dot(l1_delta)
    alpha = alpha * 0.9999
    if j % 4000 == 0:
        print(j, np.mean(np.abs(l2_error)))
