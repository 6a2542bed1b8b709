"""Two moons, a tanh layer, momentum as an average of the gradients
(v = beta * v + (1 - beta) * g), each layer stepped as soon as its gradients are known."""
import numpy as np


def moons(n, rng):
    t = rng.uniform(0, np.pi, n)
    upper = np.c_[np.cos(t), np.sin(t)]
    lower = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    pts = np.vstack([upper, lower]) + rng.normal(0, 0.1, (2 * n, 2))
    lab = np.r_[np.zeros(n), np.ones(n)].reshape(-1, 1)
    return pts, lab


def run(epochs=60, batch=25, lr=0.3, beta=0.9, seed=2):
    rng = np.random.default_rng(seed)
    pts, lab = moons(150, rng)
    net = {
        "Wh": rng.normal(0, 0.7, (2, 16)), "bh": np.zeros((1, 16)),
        "Wo": rng.normal(0, 0.3, (16, 1)), "bo": np.zeros((1, 1)),
    }
    avg = {key: np.zeros_like(val) for key, val in net.items()}
    for epoch in range(epochs):
        order = rng.permutation(len(pts))
        for start in range(0, len(pts), batch):
            rows = order[start:start + batch]
            xb, yb = pts[rows], lab[rows]
            hid = np.tanh(xb @ net["Wh"] + net["bh"])
            prob = 1 / (1 + np.exp(-(hid @ net["Wo"] + net["bo"])))
            err = (prob - yb) / len(rows)
            back = err @ net["Wo"].T
            for key, grad in (("Wo", hid.T @ err), ("bo", err.sum(0, keepdims=True))):
                avg[key] = beta * avg[key] + (1 - beta) * grad
                net[key] -= lr * avg[key]
            d_hid = back * (1 - hid ** 2)
            for key, grad in (("Wh", xb.T @ d_hid), ("bh", d_hid.sum(0, keepdims=True))):
                avg[key] = beta * avg[key] + (1 - beta) * grad
                net[key] -= lr * avg[key]
        if epoch % 10 == 0:
            p = 1 / (1 + np.exp(-(np.tanh(pts @ net["Wh"] + net["bh"]) @ net["Wo"] + net["bo"])))
            print(epoch, "accuracy", np.mean((p > 0.5) == lab))
    return net


if __name__ == "__main__":
    run()
