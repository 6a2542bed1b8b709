"""Mini-batches cut from a shuffled copy each epoch, a held-out split, and a report once
an epoch of the loss and the accuracy on both splits; labels kept flat, as sklearn
would hand them."""
import numpy as np

gen = np.random.default_rng(21)
feats = gen.normal(size=(360, 3))
truth = (feats[:, 0] * feats[:, 1] + 0.5 * feats[:, 2] > 0).astype(float)  # shape (360,)
fit_x, fit_y = feats[:280], truth[:280]
hold_x, hold_y = feats[280:], truth[280:]

A = gen.normal(0, 0.5, (3, 10))
a = np.zeros((1, 10))
B = gen.normal(0, 0.5, (10, 1))
b = np.zeros((1, 1))


def predict(x):
    hidden = np.maximum(0, x @ A + a)
    return hidden, 1 / (1 + np.exp(-(hidden @ B + b)))


def report(x, y):
    _, prob = predict(x)
    prob = np.clip(prob, 1e-9, 1 - 1e-9)
    cost = -np.mean(y * np.log(prob) + (1 - y) * np.log(1 - prob))  # BUG(ND206): y is (n,)
    return cost, np.mean((prob[:, 0] > 0.5) == y)


for epoch in range(40):
    shuffled = gen.permutation(len(fit_x))
    for k in range(0, len(fit_x), 20):
        rows = shuffled[k:k + 20]
        xb, yb = fit_x[rows], fit_y[rows].reshape(-1, 1)
        hidden, prob = predict(xb)
        g_out = (prob - yb) / len(rows)
        g_hid = (g_out @ B.T) * (hidden > 0)
        B -= 0.5 * hidden.T @ g_out
        b -= 0.5 * g_out.sum(axis=0, keepdims=True)
        A -= 0.5 * xb.T @ g_hid
        a -= 0.5 * g_hid.sum(axis=0, keepdims=True)
    fit_cost, fit_acc = report(fit_x, fit_y)
    hold_cost, hold_acc = report(hold_x, hold_y)
    if epoch % 10 == 0:
        print(f"epoch {epoch}: cost {fit_cost:.3f}/{hold_cost:.3f} acc {fit_acc:.2f}/{hold_acc:.2f}")
