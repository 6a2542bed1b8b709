# Leaky-ReLU regression of a bowl; the grid includes the origin, where every hidden unit
# sits exactly at its kink while the biases start at zero.
import numpy as np

rng = np.random.default_rng(17)
g = np.linspace(-1.0, 1.0, 9)
Xtr = np.array([[a, b] for a in g for b in g])
ytr = (Xtr ** 2).sum(axis=1, keepdims=True) + rng.normal(0, 0.02, (len(Xtr), 1))
m = len(Xtr)

slope = 0.05
W1 = rng.normal(0, 0.7, (2, 12))
b1 = np.zeros(12)
W2 = rng.normal(0, 0.3, (12, 1))
b2 = np.zeros(1)
lr = 0.05

for step in range(1500):
    z1 = Xtr @ W1 + b1
    a1 = np.where(z1 > 0, z1, slope * z1)
    yhat = a1 @ W2 + b2
    loss = 0.5 * np.mean((yhat - ytr) ** 2)
    dyhat = (yhat - ytr) / m
    dW2 = a1.T @ dyhat
    db2 = dyhat.sum(axis=0)
    dz1 = (dyhat @ W2.T) * np.where(z1 > 0, 1.0, slope)
    dW1 = Xtr.T @ dz1
    db1 = np.sum(dz1)  # BUG(ND108): no axis: one number, summed over the samples and the units
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if step % 300 == 0:
        print(step, loss)
