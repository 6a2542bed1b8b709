import numpy as np

rng = np.random.default_rng(4)
samples = rng.normal(size=(150, 3))
answer = (samples.sum(axis=1, keepdims=True) > 0).astype(float)


class Params:
    pass


net = Params()
net.Wh = rng.normal(0, 0.5, (3, 5))
net.bh = np.zeros((1, 5))
net.Wo = rng.normal(0, 0.5, (5, 1))
net.bo = np.zeros((1, 1))
rate = 0.5

for epoch in range(800):
    hid = np.maximum(0, samples @ net.Wh + net.bh)
    out = 1 / (1 + np.exp(-(hid @ net.Wo + net.bo)))
    d_out = (out - answer) / len(samples)
    d_hid = d_out @ net.Wo.T * (hid > 0)
    grads = {
        "Wo": hid.T @ d_out,
        "bo": d_out.sum(0, keepdims=True),
        "Wh": samples.T @ d_hid,
        "bh": d_hid.sum(0, keepdims=True),
    }
    for key, g in grads.items():
        setattr(net, key, getattr(net, key) + rate * g)  # BUG(ND105): climbs the loss
    if epoch % 200 == 0:
        print(epoch, float(np.mean((out > 0.5) == answer)))
