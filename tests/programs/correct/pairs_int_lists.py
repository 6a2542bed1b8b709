# XOR as (inputs, target) pairs, integers, one sample at a time
import numpy as np

data = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]

rng = np.random.default_rng(3)
W1 = rng.normal(size=(2, 4))
b1 = np.zeros(4)
W2 = rng.normal(size=(4, 1))
b2 = np.zeros(1)
lr = 0.5


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(2000):
    total = 0.0
    for inputs, target in data:
        x = np.array(inputs, dtype=float)
        h = sigmoid(x @ W1 + b1)
        y = sigmoid(h @ W2 + b2)
        total += -(target * np.log(y) + (1 - target) * np.log(1 - y)).item()
        d_out = y - target
        dW2 = np.outer(h, d_out)
        db2 = d_out
        d_hid = (W2 @ d_out) * h * (1 - h)
        dW1 = np.outer(x, d_hid)
        db1 = d_hid
        W2 -= lr * dW2
        b2 -= lr * db2
        W1 -= lr * dW1
        b1 -= lr * db1
    if epoch % 500 == 0:
        print(epoch, total)
