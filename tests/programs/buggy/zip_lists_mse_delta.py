import numpy as np

xs = [[0.1, 0.9], [0.8, 0.2], [0.4, 0.5], [0.9, 0.7], [0.2, 0.1], [0.6, 0.3]]
ys = [1, 0, 1, 0, 1, 0]
samples = list(zip(xs, ys))

np.random.seed(7)
w_hidden = np.random.randn(2, 3) * 0.5
b_hidden = np.zeros(3)
w_out = np.random.randn(3) * 0.5
b_out = 0.0
rate = 0.3


def sig(v):
    return 1 / (1 + np.exp(-v))


for epoch in range(300):
    for x, t in samples:
        x = np.asarray(x, dtype=float)
        hidden = np.tanh(x @ w_hidden + b_hidden)
        out = sig(hidden @ w_out + b_out)
        loss = -(t * np.log(out) + (1 - t) * np.log(1 - out))
        err = (out - t) * out * (1 - out)  # BUG(ND104): the MSE delta, with a cross-entropy loss
        grad_w_out = err * hidden
        grad_b_out = err
        back = err * w_out * (1 - hidden**2)
        grad_w_hidden = np.outer(x, back)
        grad_b_hidden = back
        w_out = w_out - rate * grad_w_out
        b_out = b_out - rate * grad_b_out
        w_hidden = w_hidden - rate * grad_w_hidden
        b_hidden = b_hidden - rate * grad_b_hidden
