# training written as a generator that yields each epoch; the hidden delta has no slope
import numpy as np

rs = np.random.RandomState(21)


def ring_points(count=160):
    r = np.concatenate([rs.uniform(0, 0.9, count // 2), rs.uniform(1.3, 2.0, count // 2)])
    angle = rs.uniform(0, 2 * np.pi, count)
    pts = np.c_[r * np.cos(angle), r * np.sin(angle)]
    return pts, (r < 1.1).astype(float).reshape(-1, 1)


def logistic(z):
    return 1 / (1 + np.exp(-z))


def fit(pts, targets, width=6, eta=0.8, rounds=1500):
    wi = rs.randn(pts.shape[1], width) * 0.6
    bi = np.zeros(width)
    wo = rs.randn(width, 1) * 0.6
    bo = np.zeros(1)
    n = len(pts)
    for r in range(rounds):
        hid = np.tanh(pts @ wi + bi)
        prob = logistic(hid @ wo + bo)
        d_out = (prob - targets) / n
        d_hid = d_out @ wo.T  # BUG(ND110): the tanh slope (1 - hid**2) is left out
        wo -= eta * hid.T @ d_out
        bo -= eta * d_out.sum(axis=0)
        wi -= eta * pts.T @ d_hid
        bi -= eta * d_hid.sum(axis=0)
        loss = -np.mean(targets * np.log(prob + 1e-9) + (1 - targets) * np.log(1 - prob + 1e-9))
        yield r, loss, (wi, bi, wo, bo)


if __name__ == "__main__":
    pts, targets = ring_points()
    for r, loss, weights in fit(pts, targets):
        if r % 300 == 0:
            print(r, round(loss, 4))
    wi, bi, wo, bo = weights
    print("accuracy", np.mean((logistic(np.tanh(pts @ wi + bi) @ wo + bo) > 0.5) == targets))
