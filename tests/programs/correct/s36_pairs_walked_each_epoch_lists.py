# whole-batch training, written the long way: the data is a list of ((x1, x2), label)
# pairs, the weights are numpy arrays, and every epoch walks all pairs summing gradients
import numpy as np

rng = np.random.default_rng(2)
samples = []
for _ in range(90):
    a, b = rng.uniform(-1, 1, 2)
    samples.append(((a, b), 1.0 if a * a + b * b < 0.5 else 0.0))

Wi = rng.normal(0, 1, (2, 5))
bi = np.zeros(5)
wo = rng.normal(0, 1, 5)
bo = 0.0


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


rate = 1.5
for epoch in range(600):
    gWi, gbi, gwo, gbo = np.zeros_like(Wi), np.zeros_like(bi), np.zeros_like(wo), 0.0
    loss = 0.0
    for x, label in samples:
        x = np.array(x)
        h = np.tanh(x @ Wi + bi)
        p = squash(h @ wo + bo)
        loss -= label * np.log(p) + (1 - label) * np.log(1 - p)
        e = p - label
        gwo += e * h
        gbo += e
        eh = e * wo * (1 - h ** 2)
        gWi += np.outer(x, eh)
        gbi += eh
    n = len(samples)
    Wi -= rate * gWi / n
    bi -= rate * gbi / n
    wo -= rate * gwo / n
    bo -= rate * gbo / n
    if epoch % 100 == 0:
        print(epoch, loss / n)
