import numpy as np


def logistic(t):
    return 1 / (1 + np.exp(-t))


def fit(points, marks, width=10, rate=0.4, rounds=1500):
    gen = np.random.default_rng(6)
    u = gen.normal(0, 0.6, (points.shape[1], width))
    a = np.zeros(width)
    v = gen.normal(0, 0.6, (width, 1))
    c = np.zeros(1)
    for r in range(rounds):
        h = np.tanh(points @ u + a)
        out = logistic(logistic(h @ v + c))  # BUG(ND202): the output squashed twice
        dz = (out - marks) / len(points)
        dh = dz @ v.T * (1 - h ** 2)
        v -= rate * h.T @ dz
        c -= rate * dz.sum(0)
        u -= rate * points.T @ dh
        a -= rate * dh.sum(0)
        if r % 300 == 0:
            print(r, float(np.mean((out > 0.5) == marks)))
    return u, a, v, c


if __name__ == "__main__":
    pts = np.random.default_rng(2).normal(size=(200, 2))
    lab = (pts[:, :1] * pts[:, 1:] > 0).astype(float)
    fit(pts, lab)
