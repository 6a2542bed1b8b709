import numpy as np

rng = np.random.default_rng(12)
inputs = rng.uniform(-2, 2, (180, 2))
outputs = (np.sin(inputs[:, :1]) > inputs[:, 1:] * 0.5).astype(float)

slope = 0.1
w_hid = rng.normal(0, 1, (2, 10))
b_hid = np.zeros((1, 10))
w_out = rng.normal(0, 0.3, (10, 1))
b_out = np.zeros((1, 1))

for i in range(1500):
    pre = inputs @ w_hid + b_hid
    act = np.where(pre > 0, pre, slope * pre)
    p = 1 / (1 + np.exp(-(act @ w_out + b_out)))
    e = (p - outputs) / len(inputs)
    back = (e @ w_out.T) * (pre > 0)  # BUG(ND109): the ReLU's slope, not the leaky unit's
    w_out -= 0.8 * act.T @ e
    b_out -= 0.8 * e.sum(0, keepdims=True)
    w_hid -= 0.8 * inputs.T @ back
    b_hid -= 0.8 * back.sum(0, keepdims=True)
    if i % 500 == 0:
        print(i, float(np.mean((p > 0.5) == outputs)))
