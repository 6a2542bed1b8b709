# A 2-4-1 net where every hidden unit keeps its own weight row (one numpy array each),
# trained one sample at a time on a noisy AND-ish problem. Squared error, sigmoids.
import numpy as np

rng = np.random.default_rng(5)

# two clusters: points near (1, 1) are "on", everything else "off"
pts = rng.uniform(0, 1, size=(40, 2))
labels = ((pts[:, 0] + pts[:, 1]) > 1.1).astype(float)


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


w_rows = [rng.uniform(-1, 1, 2) for _ in range(4)]   # one row per hidden unit
b_hid = np.zeros(4)
w_out = rng.uniform(-1, 1, 4)
b_out = np.float32(0.0)
rate = 0.8

idx = list(range(len(pts)))
for epoch in range(300):
    rng.shuffle(idx)
    sse = 0.0
    for n in idx:
        x, t = pts[n], labels[n]
        h = np.array([sigmoid(row @ x + b_hid[k]) for k, row in enumerate(w_rows)])
        y = sigmoid(w_out @ h + b_out)
        sse += (y - t) ** 2

        delta_o = (y - t) * y * (1 - y)
        delta_h = delta_o * w_out * h * (1 - h)

        w_out -= rate * delta_o * h
        b_out -= rate * delta_o
        for k in range(4):
            w_rows[k] -= rate * delta_h[k] * x
        b_hid -= rate * delta_h
    if epoch % 50 == 0:
        print("epoch", epoch, "sse", round(float(sse), 4))

hits = 0
for x, t in zip(pts, labels):
    h = np.array([sigmoid(row @ x + b_hid[k]) for k, row in enumerate(w_rows)])
    hits += int((sigmoid(w_out @ h + b_out) > 0.5) == t)
print("accuracy:", hits / len(pts))
