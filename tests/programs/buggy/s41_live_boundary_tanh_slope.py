# two rings, labels kept flat; the decision boundary is redrawn every 250 steps
import numpy as np
import matplotlib.pyplot as plt

rng = np.random.default_rng(2)
r = np.r_[rng.normal(1.0, 0.1, 150), rng.normal(0.3, 0.1, 150)]
th = rng.uniform(0, 2 * np.pi, 300)
pts = np.c_[r * np.cos(th), r * np.sin(th)]
lab = np.r_[np.zeros(150), np.ones(150)]
U = rng.normal(0, 1, (2, 10))
c = np.zeros(10)
v = rng.normal(0, 1, 10)
d = 0.0
xx, yy = np.meshgrid(np.linspace(-1.5, 1.5, 60), np.linspace(-1.5, 1.5, 60))


def prob(P):
    return 1 / (1 + np.exp(-(np.tanh(P @ U + c) @ v + d)))


plt.ion()
fig, ax = plt.subplots()
for it in range(1500):
    h = np.tanh(pts @ U + c)
    p = 1 / (1 + np.exp(-(h @ v + d)))
    g = (p - lab) / len(lab)
    gh = np.outer(g, v) * (1 - h)  # BUG(ND109): the tanh slope is 1 - h ** 2
    v -= 1.0 * h.T @ g
    d -= 1.0 * g.sum()
    U -= 1.0 * pts.T @ gh
    c -= 1.0 * gh.sum(axis=0)
    if it % 250 == 0:
        ax.cla()
        ax.contourf(xx, yy, prob(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape), 15)
        ax.scatter(pts[:, 0], pts[:, 1], c=lab, s=5)
        plt.pause(0.001)
        print(it, float(np.mean((p > 0.5) == lab)))
plt.ioff()
