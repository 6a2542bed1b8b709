import numpy as np

np.random.seed(17)
samples = np.random.uniform(-2, 2, (160, 3))
kinds = (np.sin(samples[:, 0]) + samples[:, 1] * samples[:, 2] > 0).astype(float).reshape(-1, 1)

Wh = np.random.randn(3, 9) * 0.6
bh = np.zeros(9)
Wo = np.random.randn(9, 1) * 0.6
bo = np.zeros(1)


def gradients(xb, tb):
    pre = xb @ Wh + bh
    hid = np.maximum(pre, 0.1 * pre)
    prob = 1 / (1 + np.exp(-(hid @ Wo + bo)))
    err_o = (prob - tb) / len(xb)
    err_h = err_o @ Wo.T * np.where(pre > 0, 1.0, 0.1)
    return (xb.T @ err_h, err_h[-1] * len(xb),  # BUG(ND108): one sample's delta, not the batch's sum
            hid.T @ err_o, err_o.sum(axis=0))


for epoch in range(150):
    shuffle = np.random.permutation(len(samples))
    for start in range(0, len(samples), 16):
        pick = shuffle[start:start + 16]
        gWh, gbh, gWo, gbo = gradients(samples[pick], kinds[pick])
        Wh -= 0.3 * gWh
        bh -= 0.3 * gbh
        Wo -= 0.3 * gWo
        bo -= 0.3 * gbo
