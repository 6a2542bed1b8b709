# circles, tanh, momentum as an exponential average kept in a dict that starts at 0.0
import numpy as np

rng = np.random.default_rng(11)
radius = np.r_[rng.uniform(0, 0.8, 50), rng.uniform(1.2, 2.0, 50)]
theta = rng.uniform(0, 2 * np.pi, 100)
data = np.c_[radius * np.cos(theta), radius * np.sin(theta)]
target = (radius > 1.0).astype(float)[:, None]

hp = {"hidden": 10, "lr": 0.6, "beta": 0.9, "epochs": 1500}
Wh = rng.normal(0, 0.7, (2, hp["hidden"]))
bh = np.zeros((1, hp["hidden"]))
Wo = rng.normal(0, 0.7, (hp["hidden"], 1))
bo = np.zeros((1, 1))
avg = {"Wh": 0.0, "bh": 0.0, "Wo": 0.0, "bo": 0.0}


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


for epoch in range(hp["epochs"]):
    hid = np.tanh(data @ Wh + bh)
    out = squash(hid @ Wo + bo)
    cost = -np.mean(target * np.log(out) + (1 - target) * np.log(1 - out))
    g_out = (out - target) / len(data)
    g_hid = g_out @ Wo.T * (1 - hid**2)
    grads = {
        "Wo": hid.T @ g_out,
        "bo": g_out.sum(axis=0, keepdims=True),
        "Wh": data.T @ g_hid,
        "bh": g_hid.sum(axis=0, keepdims=True),
    }
    for key in avg:
        avg[key] = hp["beta"] * avg[key] + (1 - hp["beta"]) * grads[key]
    Wh -= hp["lr"] * avg["Wh"]
    bh -= hp["lr"] * avg["bh"]
    Wo -= hp["lr"] * avg["Wo"]
    bo -= hp["lr"] * avg["bo"]
    if epoch % 300 == 0:
        print(f"{epoch:5d}  cost={cost:.4f}  acc={np.mean((out > 0.5) == target):.2f}")
