# lecture-note names w, b, v, c; one sample at a time as a row; the output bias a float
import numpy as np

np.random.seed(6)
X = np.random.randn(30, 2)
y = (X[:, 0] > X[:, 1]).astype(float).reshape(-1, 1)

w = np.random.randn(2, 5) * 0.5
b = np.zeros((1, 5))
v = np.random.randn(5, 1) * 0.5
c = 0.0


def f(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(200):
    for i in range(len(X)):
        x = X[i].reshape(1, 2)
        a = f(x @ w + b)
        o = f(a @ v + c)
        d = o - y[i]
        e = d @ v.T * a * (1 - a)
        v -= 0.3 * a.T @ d
        c -= 0.3 * d
        w -= 0.3 * x.T @ e
        b -= 0.3 * e
print("accuracy", np.mean((f(f(X @ w + b) @ v + c) > 0.5) == y))
