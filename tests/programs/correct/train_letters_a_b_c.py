import numpy as np
import matplotlib.pyplot as plt

pts = np.array([[0.1, 0.9], [0.8, 0.2], [0.4, 0.5], [0.9, 0.9], [0.2, 0.1], [0.6, 0.7]])
tags = np.array([[1], [0], [1], [0], [0], [1]])

def relu(v):
    return np.maximum(v, 0)

def train(pts, tags, width=6, speed=0.5, rounds=2000):
    rng = np.random.default_rng(1)
    A = rng.normal(0, 0.7, (2, width)); a = np.full((1, width), 0.1)
    B = rng.normal(0, 0.7, (width, 1)); c = np.zeros((1, 1))
    history = []
    for k in range(rounds):
        pre = pts @ A + a
        hid = relu(pre)
        yhat = 1 / (1 + np.exp(-(hid @ B + c)))
        history.append(float(np.mean((yhat - tags) ** 2)))
        g_out = (yhat - tags) / len(pts)
        g_hid = (g_out @ B.T) * (hid > 0)
        B -= speed * hid.T @ g_out
        c -= speed * g_out.sum(0, keepdims=True)
        A -= speed * pts.T @ g_hid
        a -= speed * g_hid.sum(0, keepdims=True)
    plt.plot(history); plt.show()
    return A, a, B, c

if __name__ == "__main__":
    params = train(pts, tags)
    print(params[0])
