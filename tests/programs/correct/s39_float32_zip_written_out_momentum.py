"""Single precision throughout, a two-ring data set, momentum stepped over a tuple of the
arrays zipped with a tuple of their gradients, inside train()."""
import numpy as np

F = np.float32
rng = np.random.default_rng(3)


def rings(n):
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(rng.random(n) < 0.5, 0.5, 1.2) + rng.normal(0, 0.08, n)
    pts = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    labels = (radius > 0.85).astype(F).reshape(-1, 1)
    return pts.astype(F), labels


def sigmoid(t):
    return 1 / (1 + np.exp(-t))


def train(pts, labels, hidden=12, epochs=300, lr=F(0.1), beta=F(0.9)):
    Wa = (rng.standard_normal((2, hidden)) * 0.5).astype(F)
    ba = np.zeros((1, hidden), F)
    Wb = (rng.standard_normal((hidden, 1)) * 0.5).astype(F)
    bb = np.zeros((1, 1), F)
    speed = [np.zeros_like(a) for a in (Wa, ba, Wb, bb)]
    n = len(pts)
    for epoch in range(epochs):
        h = np.tanh(pts @ Wa + ba)
        p = sigmoid(h @ Wb + bb)
        cost = -np.mean(labels * np.log(p + 1e-7) + (1 - labels) * np.log(1 - p + 1e-7))
        d_out = (p - labels) / n
        gWb = h.T @ d_out
        gbb = d_out.sum(axis=0, keepdims=True)
        d_hid = (d_out @ Wb.T) * (1 - h ** 2)
        gWa = pts.T @ d_hid
        gba = d_hid.sum(axis=0, keepdims=True)
        for k, (arr, grad) in enumerate(zip((Wa, ba, Wb, bb), (gWa, gba, gWb, gbb))):
            speed[k] = beta * speed[k] - lr * grad
            arr += speed[k]
        if epoch % 50 == 0:
            print(f"{epoch:4d} cost={cost:.4f} acc={np.mean((p > 0.5) == labels):.3f}")
    return Wa, ba, Wb, bb


if __name__ == "__main__":
    pts, labels = rings(300)
    train(pts, labels)
