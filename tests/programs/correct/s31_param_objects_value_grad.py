import numpy as np


class Param:
    """A trainable array and the gradient of the loss with respect to it."""

    def __init__(self, value):
        self.value = value
        self.grad = np.zeros_like(value)


rs = np.random.RandomState(4)
pts = rs.uniform(-2, 2, size=(150, 2))
lab = (pts[:, 0] ** 2 + pts[:, 1] ** 2 < 1.5).astype(float).reshape(-1, 1)

hidden_w = Param(rs.randn(2, 2) * 0.9)
hidden_b = Param(np.zeros((1, 2)))
out_w = Param(rs.randn(2, 1) * 0.9)
out_b = Param(np.zeros((1, 1)))
everything = [hidden_w, hidden_b, out_w, out_b]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for it in range(1500):
    z = pts @ hidden_w.value + hidden_b.value
    a = sigmoid(z)
    p = sigmoid(a @ out_w.value + out_b.value)
    delta_out = (p - lab) / len(pts)
    out_w.grad = a.T @ delta_out
    out_b.grad = delta_out.sum(axis=0, keepdims=True)
    delta_hidden = (delta_out @ out_w.value.T) * a * (1 - a)
    hidden_w.grad = pts.T @ delta_hidden
    hidden_b.grad = delta_hidden.sum(axis=0, keepdims=True)
    for prm in everything:
        prm.value = prm.value - 2.0 * prm.grad
    if it % 500 == 0:
        print(it, float(-np.mean(lab * np.log(p) + (1 - lab) * np.log(1 - p))))
