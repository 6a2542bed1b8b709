# each mini-batch gathered a sample at a time (the forward run per sample, results kept in
# lists), then stacked, and the weights updated once per batch
import numpy as np

gen = np.random.default_rng(14)
inputs = gen.uniform(-1, 1, (200, 5))
labels = (inputs[:, 1] - 0.5 * inputs[:, 4] > 0.1).astype(float).reshape(-1, 1)

weights = {
    "hid": gen.normal(0, 0.5, (5, 9)),
    "hid_b": np.zeros(9),
    "out": gen.normal(0, 0.5, (9, 1)),
    "out_b": np.zeros(1),
}


def sample_forward(x):
    h = np.tanh(x @ weights["hid"] + weights["hid_b"])
    return h, 1 / (1 + np.exp(-(h @ weights["out"] + weights["out_b"])))


counter = 0
for epoch in range(60):
    shuffled = gen.permutation(len(inputs))
    for start in range(0, len(inputs), 20):
        rows, hiddens, preds, wanted = [], [], [], []
        for counter, pick in enumerate(shuffled[start : start + 20], start=counter):
            h, p = sample_forward(inputs[pick])
            rows.append(inputs[pick])
            hiddens.append(h)
            preds.append(p)
            wanted.append(labels[pick])
        rows, hiddens = np.vstack(rows), np.vstack(hiddens)
        preds, wanted = np.vstack(preds), np.vstack(wanted)
        err = (preds - wanted) / len(rows)
        err_h = (err @ weights["out"].T) * (1 - hiddens**2)
        weights["out"] -= 0.8 * hiddens.T @ err
        weights["out_b"] -= 0.8 * err.sum(axis=0)
        weights["hid"] -= 0.8 * rows.T @ err_h
        weights["hid_b"] -= 0.8 * err_h.sum(axis=0)
    if epoch % 20 == 0:
        _, p_all = sample_forward(inputs)
        print(epoch, counter, np.mean((p_all > 0.5) == labels))
