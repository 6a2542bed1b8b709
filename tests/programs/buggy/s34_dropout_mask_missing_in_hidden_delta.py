# two-layer net with dropout on the hidden units, squared error, full batch
import numpy as np

np.random.seed(2)
inputs = np.random.rand(40, 3)
wanted = ((inputs[:, 0] - inputs[:, 2]) ** 2 > 0.1).astype(float)[:, None]

p_keep = 0.75
w_in = np.random.randn(3, 10) * 0.8
b_in = np.zeros((1, 10))
w_out = np.random.randn(10, 1) * 0.8
b_out = np.zeros((1, 1))
eta = 0.3

for sweep in range(3000):
    hid = np.tanh(inputs @ w_in + b_in)
    keep_mask = (np.random.rand(*hid.shape) < p_keep) / p_keep
    hid_dropped = hid * keep_mask
    guess = 1 / (1 + np.exp(-(hid_dropped @ w_out + b_out)))

    miss = guess - wanted
    if sweep % 500 == 0:
        print("sweep", sweep, "sse", float(np.sum(miss ** 2)))
    g_out = miss * guess * (1 - guess)
    g_hid = (g_out @ w_out.T) * (1 - hid ** 2)  # BUG(ND100): the dropout mask is missing from the hidden delta

    w_out -= eta * hid_dropped.T @ g_out
    b_out -= eta * g_out.sum(axis=0, keepdims=True)
    w_in -= eta * inputs.T @ g_hid
    b_in -= eta * g_hid.sum(axis=0, keepdims=True)
