# one sample at a time with column vectors, the gradients kept on the object
import numpy as np

np.random.seed(13)
pts = np.random.uniform(-1, 1, (80, 2))
tags = (np.abs(pts[:, 0]) + np.abs(pts[:, 1]) < 1).astype(float)


class TinyMLP:
    def __init__(self, n_in, n_hid):
        self.W1 = np.random.randn(n_hid, n_in) * 0.7
        self.b1 = np.zeros(n_hid)
        self.W2 = np.random.randn(1, n_hid) * 0.7
        self.b2 = np.zeros(1)

    def forward(self, x):
        self.x = x
        self.z1 = self.W1 @ x + self.b1
        self.h = np.tanh(self.z1)
        self.p = 1 / (1 + np.exp(-(self.W2 @ self.h + self.b2)))
        return self.p

    def backward(self, t):
        e = self.p - t
        self.gW2 = np.outer(e, self.h)
        self.gb2 = e.copy()
        back = self.W2.T @ e  # BUG(ND110): tanh's slope 1 - h**2 is missing
        self.gW1 = np.outer(back, self.x)
        self.gb1 = back

    def step(self, lr):
        self.W1 -= lr * self.gW1
        self.b1 -= lr * self.gb1
        self.W2 -= lr * self.gW2
        self.b2 -= lr * self.gb2


net = TinyMLP(2, 6)
for sweep in range(40):
    for i in np.random.permutation(len(pts)):
        net.forward(pts[i])
        net.backward(tags[i])
        net.step(0.1)
    if sweep % 10 == 0:
        print(sweep, np.mean([(net.forward(p)[0] > 0.5) == t for p, t in zip(pts, tags)]))
