import numpy as np

rng = np.random.default_rng(3)

# two noisy rings
angle = rng.uniform(0, 2 * np.pi, 240)
radius = np.r_[rng.normal(1.0, 0.15, 120), rng.normal(2.2, 0.15, 120)]
X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
y = np.r_[np.zeros(120), np.ones(120)].reshape(-1, 1)

n_in, n_hid = 2, 8
layout = [("A", (n_in, n_hid)), ("a", (n_hid,)), ("B", (n_hid, 1)), ("c", (1,))]
counts = [int(np.prod(shape)) for _, shape in layout]


def views(theta):
    parts, at = {}, 0
    for (key, shape), count in zip(layout, counts):
        parts[key] = theta[at : at + count].reshape(shape)
        at += count
    return parts


def cost_and_gradient(theta, X, y):
    P = views(theta)
    m = len(X)
    h = np.tanh(X @ P["A"] + P["a"])
    p = 1 / (1 + np.exp(-(h @ P["B"] + P["c"])))
    J = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    d_out = (p - y) / m
    d_hid = (d_out @ P["B"].T) * (1 - h**2)
    g = [X.T @ d_hid, d_hid.sum(axis=0), h.T @ d_out, d_out.sum(axis=0)]
    return J, np.concatenate([part.ravel() for part in g])


theta = rng.normal(0, 0.5, sum(counts))
shuffled = rng.permutation(len(X))
fit_rows, check_rows = shuffled[:180], shuffled[180:]

best_cost, best_theta, waited = np.inf, theta.copy(), 0
for epoch in range(400):
    for start in range(0, len(fit_rows), 30):
        rows = fit_rows[start : start + 30]
        _, grad = cost_and_gradient(theta, X[rows], y[rows])
        theta -= 0.8 * grad
    held_out, _ = cost_and_gradient(theta, X[check_rows], y[check_rows])
    if held_out < best_cost - 1e-6:
        best_cost, best_theta, waited = held_out, theta.copy(), 0
    else:
        waited += 1
    if waited > 40:
        print("stopped early at", epoch)
        break
    if epoch % 50 == 0:
        print(epoch, round(held_out, 4))

theta = best_theta
print("best held-out cost", best_cost)
