import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def main():
    np.random.seed(42)
    pts = np.random.randn(40, 2) + np.repeat([[1.5, 1.5], [-1.5, -1.5]], 20, axis=0)
    cls = np.repeat([1.0, 0.0], 20)[:, None]
    W1 = np.random.randn(2, 3) * 0.3
    b1 = np.zeros(3)
    W2 = np.random.randn(3, 1) * 0.3
    b2 = np.zeros(1)
    for it in range(400):
        H = np.tanh(pts @ W1 + b1)
        P = sigmoid(H @ W2 + b2)
        G = (P - cls) / len(pts)
        gW2 = H.T @ G
        gb2 = G.sum(0)
        GH = G @ W2.T * (1 - H * H)
        gW1 = pts.T @ GH
        gb1 = GH.sum(0)
        W1 -= 1.0 * gW1
        b1 -= 1.0 * gb1
        W2 -= 1.0 * gW2
        b2 -= 1.0 * gb2
    return W1, b1, W2, b2


main()
