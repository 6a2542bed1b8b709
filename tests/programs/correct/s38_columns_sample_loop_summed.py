# each sample a column `X[:, [k]]`, gradients summed over a Python loop over all the samples,
# one update per epoch divided by m; as many hidden units as samples (5), so one sample's
# hidden activations have as many entries as the batch has outputs
import numpy as np

np.random.seed(6)
X = np.array([[0.0, 1.0, 0.0, 1.0, 0.5], [0.0, 0.0, 1.0, 1.0, 0.5]])
T = np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
n, m = X.shape
H = 5
Wh = np.random.randn(H, n)
bh = np.zeros((H, 1))
Wo = np.random.randn(1, H)
bo = np.zeros((1, 1))


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


for epoch in range(4000):
    gWh, gbh = np.zeros_like(Wh), np.zeros_like(bh)
    gWo, gbo = np.zeros_like(Wo), np.zeros_like(bo)
    total = 0.0
    for k in range(m):
        x, t = X[:, [k]], T[:, [k]]
        h = sig(Wh @ x + bh)
        o = sig(Wo @ h + bo)
        total += -(t * np.log(o) + (1 - t) * np.log(1 - o)).item()
        d_out = o - t
        gWo += d_out @ h.T
        gbo += d_out
        d_hid = (Wo.T @ d_out) * h * (1 - h)
        gWh += d_hid @ x.T
        gbh += d_hid
    Wh -= 0.8 * gWh / m
    bh -= 0.8 * gbh / m
    Wo -= 0.8 * gWo / m
    bo -= 0.8 * gbo / m
    if epoch % 500 == 0:
        print(epoch, total / m)
