# Online SGD, one example at a time, for a 2-5-1 sigmoid net that learns to tell
# whether a point lies above the line y = x. Half squared error per sample.
import numpy as np

np.random.seed(11)

points = np.random.rand(50, 2)
targets = (points[:, 1] > points[:, 0]).astype(float)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def predict(x, V, c, w, d):
    h = sigmoid(V @ x + c)
    return h, sigmoid(w @ h + d)


def sample_loss(x, t, V, c, w, d):
    _, out = predict(x, V, c, w, d)
    return 0.5 * (out - t) ** 2


def sample_grads(x, t, V, c, w, d):
    h, out = predict(x, V, c, w, d)
    d_out = (out - t) * out * (1 - out)
    d_hid = d_out * w * h * (1 - h)
    return np.outer(d_hid, x), d_hid, d_out * h, d_out


V = np.random.randn(5, 2) * 0.5
c = np.zeros(5)
w = np.random.randn(5) * 0.5
d = 0.0          # output bias: a plain float
step = 0.9

for epoch in range(400):
    running = 0.0
    for x, t in zip(points, targets):
        running += sample_loss(x, t, V, c, w, d)
        gV, gc, gw, gd = sample_grads(x, t, V, c, w, d)
        V -= step * gV
        c -= step * gc
        w -= step * gw
        d -= step * gd
    if epoch % 80 == 0:
        print(f"epoch {epoch:3d}  loss {running / len(points):.4f}")

correct = sum(int((predict(x, V, c, w, d)[1] > 0.5) == t) for x, t in zip(points, targets))
print("accuracy", correct / len(points))
