# gradient descent with momentum: a velocity per weight, the weight moved by its velocity
import numpy as np

rand = np.random.RandomState(21)
coords = rand.uniform(-1, 1, (160, 2))
inside = (np.abs(coords[:, 0]) + np.abs(coords[:, 1]) < 0.9).astype(float)[:, None]

Wh = rand.normal(0, 0.8, (2, 10))
bh = np.zeros(10)
Wo = rand.normal(0, 0.8, (10, 1))
bo = np.zeros(1)
vWh, vbh = np.zeros_like(Wh), np.zeros_like(bh)
vWo, vbo = np.zeros_like(Wo), np.zeros_like(bo)
step_size, friction = 0.2, 0.9

for it in range(1200):
    hid = np.tanh(coords @ Wh + bh)
    prob = 1 / (1 + np.exp(-(hid @ Wo + bo)))
    delta = (prob - inside) / len(coords)
    gWo, gbo = hid.T @ delta, delta.sum(0)
    dh = (delta @ Wo.T) * (1 - hid**2)
    gWh, gbh = coords.T @ dh, dh.sum(0)
    vWo = friction * vWo - step_size * gWo
    vbo = friction * vbo - step_size * gbo
    vWh = friction * vWh - step_size * gWh
    vbh = friction * vbh - step_size * gbh
    Wo += vWo
    bo += vbo
    Wh += vWh
    bh += vbh
    if it % 300 == 0:
        print(it, np.mean((prob > 0.5) == inside))
