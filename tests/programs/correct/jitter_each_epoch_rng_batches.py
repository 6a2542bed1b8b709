import numpy as np

# four corners, each copied 30 times; every epoch the points get fresh jitter and a
# random batch of them is drawn with a Generator
corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
answers = np.array([[0.0], [1.0], [1.0], [0.0]])
points = np.repeat(corners, 30, axis=0)
truth = np.repeat(answers, 30, axis=0)

rng = np.random.default_rng(7)


def jitter(a, scale=0.05):
    return a + scale * rng.standard_normal(a.shape)


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


hidden_w = rng.uniform(-1, 1, size=(2, 5))
hidden_b = np.zeros((1, 5))
out_w = rng.uniform(-1, 1, size=(5, 1))
out_b = np.zeros((1, 1))
step_size = 1.5

for epoch in range(3000):
    pick = rng.choice(len(points), size=40, replace=False)
    xs = jitter(points[pick])
    ts = truth[pick]
    h = np.tanh(xs @ hidden_w + hidden_b)
    o = squash(h @ out_w + out_b)
    cost = -np.mean(ts * np.log(o) + (1 - ts) * np.log(1 - o))
    d_o = (o - ts) / len(xs)
    d_h = (d_o @ out_w.T) * (1 - h**2)
    out_w -= step_size * h.T @ d_o
    out_b -= step_size * d_o.sum(axis=0, keepdims=True)
    hidden_w -= step_size * xs.T @ d_h
    hidden_b -= step_size * d_h.sum(axis=0, keepdims=True)
    if epoch % 500 == 0:
        print(epoch, round(float(cost), 4))

final = squash(np.tanh(corners @ hidden_w + hidden_b) @ out_w + out_b)
print(final.round(2).ravel())
