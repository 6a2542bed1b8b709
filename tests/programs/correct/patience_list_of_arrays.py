# parameters in a plain list, updated in place through zip, with patience-based stopping
import numpy as np

rng = np.random.default_rng(21)
pts = rng.normal(size=(200, 2))
lab = ((pts[:, 0] ** 2 + pts[:, 1] ** 2) < 1.2).astype(float).reshape(-1, 1)
train_x, train_y, val_x, val_y = pts[:150], lab[:150], pts[150:], lab[150:]

theta = [rng.normal(0, 0.6, (2, 12)), np.zeros((1, 12)), rng.normal(0, 0.6, (12, 1)), np.zeros((1, 1))]


def logistic(z):
    return 1 / (1 + np.exp(-z))


def outputs(theta, x):
    h = np.tanh(x @ theta[0] + theta[1])
    return h, logistic(h @ theta[2] + theta[3])


def deriv(theta, x, y):
    h, p = outputs(theta, x)
    d2 = (p - y) / len(x)
    d1 = d2 @ theta[2].T * (1 - h * h)
    return [x.T @ d1, d1.sum(0, keepdims=True), h.T @ d2, d2.sum(0, keepdims=True)]


def bce(p, y):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


best, stale, step = 1e9, 0, 0
while True:
    g = deriv(theta, train_x, train_y)
    for t, dt in zip(theta, g):
        t -= 0.9 * dt
    val = bce(outputs(theta, val_x)[1], val_y)
    if val < best - 1e-5:
        best, stale = val, 0
    else:
        stale += 1
        if stale > 100:
            break
    step += 1
    if step >= 5000:
        break
    if step % 1000 == 0:
        print(step, round(val, 4))
print("validation loss", round(best, 4))
