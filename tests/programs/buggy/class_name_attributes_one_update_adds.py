import numpy as np

np.random.seed(2)
table = np.random.randn(100, 3)
truth = (table[:, :1] - table[:, 1:2] * table[:, 2:] > 0).astype(float)


class Net:
    W_in = np.random.randn(3, 6) * 0.5
    b_in = np.zeros((1, 6))
    W_out = np.random.randn(6, 1) * 0.5
    b_out = np.zeros((1, 1))


def sigmoid(s):
    return 1 / (1 + np.exp(-s))


def train_step(x, t, lr):
    hid = sigmoid(x @ Net.W_in + Net.b_in)
    out = sigmoid(hid @ Net.W_out + Net.b_out)
    d_out = out - t
    d_hid = d_out @ Net.W_out.T * hid * (1 - hid)
    Net.W_out -= lr * hid.T @ d_out
    Net.b_out -= lr * d_out.sum(axis=0, keepdims=True)
    Net.W_in += lr * x.T @ d_hid  # BUG(ND105): this one update climbs
    Net.b_in -= lr * d_hid.sum(axis=0, keepdims=True)
    return out


for epoch in range(1000):
    out = train_step(table, truth, 0.01)
    if epoch % 250 == 0:
        print(epoch, np.mean((out > 0.5) == truth))
