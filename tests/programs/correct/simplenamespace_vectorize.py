# weights in a SimpleNamespace, a vectorised math.exp sigmoid, float32 throughout
import math
from types import SimpleNamespace

import numpy as np

sig = np.vectorize(lambda v: 1.0 / (1.0 + math.exp(-v)), otypes=[np.float32])
rng = np.random.default_rng(2)
X = rng.normal(size=(64, 3)).astype(np.float32)
Y = (X.sum(axis=1, keepdims=True) > 0).astype(np.float32)
net = SimpleNamespace(
    W1=rng.normal(0, 0.5, (3, 4)).astype(np.float32),
    b1=np.zeros((1, 4), np.float32),
    W2=rng.normal(0, 0.5, (4, 1)).astype(np.float32),
    b2=np.zeros((1, 1), np.float32),
)
for step in range(300):
    H = sig(X @ net.W1 + net.b1)
    P = sig(H @ net.W2 + net.b2)
    dP = (P - Y) / len(X)
    dH = dP @ net.W2.T * H * (1 - H)
    net.W2 -= 1.0 * H.T @ dP
    net.b2 -= 1.0 * dP.sum(0, keepdims=True)
    net.W1 -= 1.0 * X.T @ dH
    net.b1 -= 1.0 * dH.sum(0, keepdims=True)
print(float(np.mean((P > 0.5) == Y)))
