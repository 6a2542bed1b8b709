# the Trask-style `nonlin` reused inside a `layer` helper; the hidden layer is squashed twice
import numpy as np

np.random.seed(3)
inputs = np.random.randint(0, 2, (24, 3)).astype(float)
outputs = ((inputs[:, 0] + inputs[:, 1] + inputs[:, 2]) >= 2).astype(float).reshape(-1, 1)

w_a = np.random.randn(3, 5) * 0.5
b_a = np.zeros((1, 5))
w_b = np.random.randn(5, 1) * 0.5
b_b = np.zeros((1, 1))


def nonlin(v):
    return 1 / (1 + np.exp(-v))


def layer(data, w, b):
    return nonlin(data @ w + b)


def run(data):
    hidden = nonlin(layer(data, w_a, b_a))  # BUG(ND202): layer() already applies nonlin
    return hidden, layer(hidden, w_b, b_b)


for it in range(3000):
    hidden, out = run(inputs)
    d_out = (out - outputs) / len(inputs)
    d_hid = (d_out @ w_b.T) * hidden * (1 - hidden)
    w_b -= 1.0 * hidden.T @ d_out
    b_b -= 1.0 * d_out.sum(axis=0, keepdims=True)
    w_a -= 1.0 * inputs.T @ d_hid
    b_a -= 1.0 * d_hid.sum(axis=0, keepdims=True)
    if it % 1000 == 0:
        print(it, float(np.mean((out > 0.5) == outputs)))
