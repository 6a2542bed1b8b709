"""A model object whose forward keeps its input (`self.x = x`); every 100 epochs the loop
scores a validation split through the same forward, so the kept input ends up being the
validation set's. Soft targets (0.1 / 0.9) fitted with squared error."""

import numpy as np

rng = np.random.default_rng(19)
feats = rng.normal(size=(260, 4))
soft = np.where(feats[:, 0] + feats[:, 1] * feats[:, 2] > 0, 0.9, 0.1).reshape(-1, 1)
feats_train, soft_train = feats[:200], soft[:200]
feats_check, soft_check = feats[200:], soft[200:]


class Model:
    def __init__(self, width=12):
        self.U = rng.normal(0, 0.5, (4, width))
        self.c = np.zeros(width)
        self.V = rng.normal(0, 0.5, (width, 1))
        self.d = np.zeros(1)

    def forward(self, x):
        self.x = x
        self.h = np.tanh(x @ self.U + self.c)
        self.p = 1 / (1 + np.exp(-(self.h @ self.V + self.d)))
        return self.p

    def train_step(self, target, rate):
        n = len(self.x)
        e = (self.p - target) / n  # BUG(ND113): the sigmoid's slope left out under squared error
        eh = (e @ self.V.T) * (1 - self.h**2)
        self.V -= rate * self.h.T @ e
        self.d -= rate * e.sum(axis=0)
        self.U -= rate * self.x.T @ eh
        self.c -= rate * eh.sum(axis=0)


model = Model()
for epoch in range(1500):
    guess = model.forward(feats_train)
    spread = 0.5 * np.mean((guess - soft_train) ** 2)
    model.train_step(soft_train, 3.0)
    if epoch % 100 == 0:
        check = model.forward(feats_check)
        print(epoch, "validation rmse", float(np.sqrt(np.mean((check - soft_check) ** 2))))
