# every sample a column vector (n, 1); a batch is (batch, n, 1) and W @ x broadcasts over it
import numpy as np

rng = np.random.default_rng(17)
feats = rng.normal(size=(240, 3, 1))
labels = (feats[:, 0, 0] + feats[:, 1, 0] * feats[:, 2, 0] > 0).astype(float).reshape(-1, 1, 1)

Wh = rng.normal(0, 0.6, (7, 3))
bh = np.zeros((7, 1))
Wo = rng.normal(0, 0.6, (1, 7))
bo = np.zeros((1, 1))


def run(x):
    h = np.tanh(Wh @ x + bh)
    return h, 1 / (1 + np.exp(-(Wo @ h + bo)))


for epoch in range(150):
    idx = rng.permutation(240)
    for s in range(0, 240, 30):
        xb, tb = feats[idx[s:s + 30]], labels[idx[s:s + 30]]
        h, p = run(xb)
        d_o = (p - tb) / len(xb)
        d_h = (Wo.T @ d_o) * (1 - h ** 2)
        Wo -= 0.5 * np.sum(d_o @ h.transpose(0, 2, 1), axis=0)
        bo -= 0.5 * np.sum(d_o, axis=0)
        Wh -= 0.5 * np.einsum("bik,bjk->ij", d_h, xb)
        bh -= 0.5 * np.sum(d_h, axis=0)
    if epoch % 30 == 0:
        _, p = run(feats)
        print(epoch, float(np.mean((p > 0.5) == labels)))
