"""Rare positives: the positive class's log term weighted by how rare it is, a tanh hidden
layer, and the gradient of that weighted loss written out by hand."""
import numpy as np

rng = np.random.default_rng(21)
pts = rng.normal(size=(800, 2))
rare = ((pts[:, 0] > 1.0) & (pts[:, 1] > 0.0)).astype(float)[:, None]
w_pos = (1 - rare.mean()) / rare.mean()


def weighted_log_loss(prob, truth):
    prob = np.clip(prob, 1e-9, 1 - 1e-9)
    return float(np.mean(-(w_pos * truth * np.log(prob) + (1 - truth) * np.log(1 - prob))))


class RareNet:
    def __init__(self):
        self.A = rng.normal(0, 0.5, (2, 10))
        self.a = np.zeros(10)
        self.B = rng.normal(0, 0.5, (10, 1))
        self.b = np.zeros(1)

    def forward(self, x):
        self.h = np.tanh(x @ self.A + self.a)
        return 1 / (1 + np.exp(-(self.h @ self.B + self.b)))

    def step(self, x, t, lr=0.5):
        prob = self.forward(x)
        loss = weighted_log_loss(prob, t)
        back = (prob * (w_pos * t + 1 - t) - w_pos * t) / len(x)
        back_h = back @ self.B.T * (1 - self.h**2)
        self.B -= lr * self.h.T @ back
        self.b -= lr * back.sum(0)
        self.A -= lr * x.T @ back_h
        self.a -= lr * back_h.sum(0)
        return loss


net = RareNet()
for epoch in range(1500):
    value = net.step(pts, rare)
    if epoch % 300 == 0:
        hit = (net.forward(pts) > 0.5) == rare
        print(epoch, round(value, 4), "recall", float(hit[rare == 1].mean()))
