# a tiny "pass/fail" table typed in by hand, trained one row at a time in a shuffled order
import numpy as np

np.random.seed(2)

# (hours studied, hours slept) scaled to 0..1, and whether the student passed
data = [
    (np.array([0.10, 0.90]), 0.0), (np.array([0.20, 0.20]), 0.0),
    (np.array([0.30, 0.60]), 0.0), (np.array([0.90, 0.80]), 1.0),
    (np.array([0.80, 0.30]), 0.0), (np.array([0.70, 0.90]), 1.0),
    (np.array([0.50, 0.50]), 0.0), (np.array([0.95, 0.60]), 1.0),
    (np.array([0.60, 0.95]), 1.0), (np.array([0.40, 0.10]), 0.0),
    (np.array([0.85, 0.85]), 1.0), (np.array([0.15, 0.55]), 0.0),
]

n_in, n_hid = 2, 4
w_ih = np.random.uniform(-1, 1, (n_in, n_hid))
b_h = np.zeros(n_hid)
w_ho = np.random.uniform(-1, 1, n_hid)
b_o = 0.0
eta = 0.5


def logistic(v):
    return 1.0 / (1.0 + np.exp(-v))


for epoch in range(2000):
    order = np.random.permutation(len(data))
    sq = 0.0
    for idx in order:
        x, t = data[idx]
        hid = logistic(x @ w_ih + b_h)
        out = logistic(hid @ w_ho + b_o)
        sq += 0.5 * (out - t) ** 2

        d_out = (out - t) * out * (1 - out)
        d_hid = d_out * w_ho * hid * (1 - hid)

        w_ho -= eta * d_out * hid
        b_o -= eta * d_out
        w_ih -= eta * np.outer(x, d_hid)
        b_h -= eta * d_hid
    if epoch % 400 == 0:
        print(f"epoch {epoch}: squared error {sq:.4f}")

for x, t in data:
    print(x, t, round(float(logistic(logistic(x @ w_ih + b_h) @ w_ho + b_o)), 3))
