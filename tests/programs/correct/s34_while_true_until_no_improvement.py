# gradient descent until the loss stops improving, squared error, weights in a list
import numpy as np
import matplotlib.pyplot as plt

data = np.random.default_rng(2).normal(size=(150, 3))
target = (data[:, 0] - data[:, 2] > 0).astype(float).reshape(-1, 1)
layers = [np.random.default_rng(3).normal(0, 0.5, (3, 7)), np.zeros((1, 7)),
          np.random.default_rng(4).normal(0, 0.5, (7, 1)), np.zeros((1, 1))]
prev, it, history = np.inf, 0, []
while True:
    h = 1 / (1 + np.exp(-(data @ layers[0] + layers[1])))
    o = 1 / (1 + np.exp(-(h @ layers[2] + layers[3])))
    loss = np.mean((o - target) ** 2)
    history.append(loss)
    do = 2 * (o - target) * o * (1 - o) / len(data)
    dh = do @ layers[2].T * h * (1 - h)
    for i, g in enumerate([data.T @ dh, dh.sum(0, keepdims=True), h.T @ do, do.sum(0, keepdims=True)]):
        layers[i] -= 2.0 * g
    it += 1
    if prev - loss < 1e-7 or it > 5000:
        break
    prev = loss
plt.plot(history)
plt.show()
print(it, loss)
