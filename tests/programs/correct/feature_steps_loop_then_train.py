"""A feature pipeline run as a loop over steps that keep their statistics in a dict
(on the training rows, then on the held-out rows), before a `train()` that makes its
own weights: the first loop whose passes change arrays is the pipeline, not training."""
import numpy as np

rng = np.random.default_rng(8)
raw = rng.normal(size=(120, 3)) * np.array([1.0, 40.0, 0.01]) + np.array([0.0, 100.0, 0.5])
raw[::17, 1] = np.nan  # gaps in the second column
target = ((raw[:, 0] > 0) ^ (raw[:, 2] > 0.5)).astype(float).reshape(-1, 1)


def fill_gaps(feats, stats, fit):
    if fit:
        stats["fill"] = np.nanmedian(feats, axis=0)
    feats = feats.copy()
    gaps = np.isnan(feats)
    feats[gaps] = np.take(stats["fill"], np.nonzero(gaps)[1])
    return feats


def center(feats, stats, fit):
    if fit:
        stats["mean"], stats["scale"] = feats.mean(axis=0), feats.std(axis=0)
    return (feats - stats["mean"]) / stats["scale"]


def prepare(feats, stats, fit=False):
    for label, fn in [("fill", fill_gaps), ("center", center)]:
        feats = fn(feats, stats, fit)
    return feats


stats = {}
feats = prepare(raw[:90], stats, fit=True)
held_out = prepare(raw[90:], stats)
print("prepared", feats.shape, held_out.shape)


def train(inputs, answers, hidden=8, lr=0.5, rounds=1500):
    gen = np.random.default_rng(2)
    W_a = gen.normal(0, 0.5, (inputs.shape[1], hidden))
    c_a = np.zeros(hidden)
    W_b = gen.normal(0, 0.5, (hidden, 1))
    c_b = np.zeros(1)
    m = len(inputs)
    for r in range(rounds):
        act = np.tanh(inputs @ W_a + c_a)
        prob = 1 / (1 + np.exp(-(act @ W_b + c_b)))
        g_out = (prob - answers) / m
        g_act = (g_out @ W_b.T) * (1 - act**2)
        W_b -= lr * act.T @ g_out
        c_b -= lr * g_out.sum(axis=0)
        W_a -= lr * inputs.T @ g_act
        c_a -= lr * g_act.sum(axis=0)
        if r % 500 == 0:
            print(r, float(np.mean((prob > 0.5) == answers)))
    return W_a, c_a, W_b, c_b


weights = train(feats, target[:90])
