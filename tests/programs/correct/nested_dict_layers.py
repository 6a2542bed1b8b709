# moons in a dict of layer dicts, each layer {"W", "b"}, updated in place by key path
import numpy as np

np.random.seed(7)
n = 60
angle = np.linspace(0, np.pi, n // 2)
upper = np.c_[np.cos(angle), np.sin(angle)]
lower = np.c_[1 - np.cos(angle), 0.5 - np.sin(angle)]
points = np.vstack([upper, lower]) + 0.08 * np.random.randn(n, 2)
labels = np.r_[np.zeros(n // 2), np.ones(n // 2)].reshape(-1, 1)

net = {
    "hidden": {"W": np.random.randn(2, 8) * 0.5, "b": np.zeros((1, 8))},
    "out": {"W": np.random.randn(8, 1) * 0.5, "b": np.zeros((1, 1))},
}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def run(net, x):
    h = np.tanh(x @ net["hidden"]["W"] + net["hidden"]["b"])
    return h, sigmoid(h @ net["out"]["W"] + net["out"]["b"])


for epoch in range(3000):
    h, p = run(net, points)
    err = (p - labels) / len(points)
    grad_out_W = h.T @ err
    grad_out_b = err.sum(axis=0, keepdims=True)
    back = (err @ net["out"]["W"].T) * (1 - h**2)
    grad_hid_W = points.T @ back
    grad_hid_b = back.sum(axis=0, keepdims=True)
    net["out"]["W"] -= 0.5 * grad_out_W
    net["out"]["b"] -= 0.5 * grad_out_b
    net["hidden"]["W"] -= 0.5 * grad_hid_W
    net["hidden"]["b"] -= 0.5 * grad_hid_b
    if epoch % 500 == 0:
        loss = -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))
        print(f"epoch {epoch}: loss {loss:.4f}")

print("accuracy", np.mean((run(net, points)[1] > 0.5) == labels))
