# an autograder skeleton: parameters as a list, gradients as a tuple, the update
# unpacking both into its own names
import numpy as np


def forward(x, params):
    w_a, b_a, w_b, b_b = params
    hid = np.tanh(x @ w_a + b_a)
    return hid @ w_b + b_b, hid


def backward(x, t, params, hid, pred):
    _, _, w_b, _ = params
    n = len(x)
    d_pred = (pred - t) / n  # cross-entropy through the sigmoid, averaged
    g_w_b = hid.T @ d_pred
    g_b_b = d_pred.sum(axis=0)
    d_hid = (d_pred @ w_b.T) * (1 - hid**2)
    return x.T @ d_hid, d_hid.sum(axis=0), g_w_b, g_b_b


def update(params, grads, lr):
    w_a, b_a, w_b, b_b = params
    g_w_a, g_b_a, g_w_b, g_b_b = grads
    w_a -= lr * g_w_a
    b_a -= lr * g_b_a
    w_b += lr * g_w_b  # BUG(ND105): the output weights climb their gradient
    b_b -= lr * g_b_b
    return [w_a, b_a, w_b, b_b]


def train(x, t, steps=1500, lr=0.2):
    gen = np.random.default_rng(8)
    params = [gen.normal(0, 0.7, (3, 6)), np.zeros(6), gen.normal(0, 0.7, (6, 1)), np.zeros(1)]
    for s in range(steps):
        logits, hid = forward(x, params)
        pred = 1 / (1 + np.exp(-logits))
        params = update(params, backward(x, t, params, hid, pred), lr)
        if s % 500 == 0:
            print(s, float(np.mean((pred - t) ** 2)))
    return params


if __name__ == "__main__":
    gen = np.random.default_rng(2)
    x = gen.normal(size=(120, 3))
    t = (x[:, :1] + x[:, 1:2] * x[:, 2:3] > 0).astype(float)
    train(x, t)
