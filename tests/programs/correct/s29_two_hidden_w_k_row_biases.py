# two hidden layers, 11-lines style, biases kept as rows named k0..k2
import numpy as np

def f(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

bits = np.array([[a, b, c, d] for a in (0, 1) for b in (0, 1) for c in (0, 1) for d in (0, 1)])
target = (bits.sum(axis=1) % 2).reshape(-1, 1)  # 4-bit parity

np.random.seed(4)
w0 = np.random.uniform(-1, 1, (4, 10)); k0 = np.zeros((1, 10))
w1 = np.random.uniform(-1, 1, (10, 5)); k1 = np.zeros((1, 5))
w2 = np.random.uniform(-1, 1, (5, 1)); k2 = np.zeros((1, 1))
eta = 0.5

for it in range(6000):
    h0 = f(bits.dot(w0) + k0)
    h1 = f(h0.dot(w1) + k1)
    out = f(h1.dot(w2) + k2)
    miss = target - out
    if it % 1000 == 0:
        print(it, np.mean(np.abs(miss)))
    d2 = miss * f(out, True)
    d1 = d2.dot(w2.T) * f(h1, True)
    d0 = d1.dot(w1.T) * f(h0, True)
    w2 += eta * h1.T.dot(d2); k2 += eta * d2.sum(0)
    w1 += eta * h0.T.dot(d1); k1 += eta * d1.sum(0)
    w0 += eta * bits.T.dot(d0); k0 += eta * d0.sum(0)

print(np.round(out.ravel(), 2))
