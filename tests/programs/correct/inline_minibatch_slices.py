# relu net on a ring, mini-batches cut inline in the call
import numpy as np

gen = np.random.default_rng(11)
M = 240
feats = gen.normal(size=(M, 2))
target = (np.hypot(feats[:, 0], feats[:, 1]) < 1.1).astype(float).reshape(M, 1)

net = {
    "W1": gen.normal(scale=0.8, size=(2, 10)),
    "b1": np.full((1, 10), 0.05),
    "W2": gen.normal(scale=0.3, size=(10, 1)),
    "b2": np.zeros((1, 1)),
}


def predict(net, x):
    pre = x @ net["W1"] + net["b1"]
    act = np.maximum(pre, 0.0)
    return pre, act, 1.0 / (1.0 + np.exp(-(act @ net["W2"] + net["b2"])))


def grads(net, x, t):
    pre, act, prob = predict(net, x)
    delta = prob - t
    d_hidden = (delta @ net["W2"].T) * (pre > 0)
    return {
        "W1": x.T @ d_hidden,
        "b1": d_hidden.sum(axis=0, keepdims=True),
        "W2": act.T @ delta,
        "b2": delta.sum(axis=0, keepdims=True),
    }


step = 0.01
for epoch in range(150):
    shuffle = gen.permutation(M)
    fs, ts = feats[shuffle], target[shuffle]
    for start in range(0, M, 16):
        g = grads(net, fs[start:start + 16], ts[start:start + 16])
        for name in net:
            net[name] -= step * g[name]
    if epoch % 50 == 0:
        p = predict(net, feats)[2]
        print(epoch, "acc", np.mean((p > 0.5) == target))
