import numpy as np
import matplotlib.pyplot as plt

np.random.seed(11)
pts = np.random.uniform(-1, 1, size=(250, 3))
labels = (pts[:, 0] * pts[:, 1] - 0.5 * pts[:, 2] > 0).astype(np.float64)[:, None]


def bce_with_logits(z, t):
    # log(1 + e^z) - t z, written stably
    return np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z))))


def bce_with_logits_grad(z, t):
    return (1 / (1 + np.exp(-z)) - t) / len(t)


class RMSprop:
    def __init__(self, rate=0.01, decay=0.9):
        self.rate = rate
        self.decay = decay
        self.cache = {}

    def update(self, param, grad):
        k = id(param)
        c = self.cache.get(k, np.zeros_like(param))
        c = self.decay * c + (1 - self.decay) * grad ** 2
        self.cache[k] = c
        param -= self.rate * grad / (np.sqrt(c) + 1e-7)


hidden_weights = np.random.randn(3, 10) * 0.5
hidden_bias = np.zeros(10)
out_weights = np.random.randn(10, 1) * 0.5
out_bias = np.zeros(1)
opt = RMSprop()
costs = []

for it in range(400):
    h_in = pts @ hidden_weights + hidden_bias
    h = np.where(h_in > 0, h_in, 0.01 * h_in)
    scores = h @ out_weights + out_bias
    costs.append(bce_with_logits(scores, labels))

    d_scores = bce_with_logits_grad(scores, labels)
    g_out_w = h.T @ d_scores
    g_out_b = d_scores.sum(0)
    d_h = d_scores @ out_weights.T  # BUG(ND110): the leaky ReLU slope is missing
    g_hid_w = pts.T @ d_h
    g_hid_b = d_h.sum(0)

    for p, g in ((hidden_weights, g_hid_w), (hidden_bias, g_hid_b), (out_weights, g_out_w), (out_bias, g_out_b)):
        opt.update(p, g)
    if it % 50 == 0:
        print(it, costs[-1])

plt.plot(costs)
plt.savefig("costs.png")
print("acc", np.mean((scores > 0) == labels))
