"""One pattern at a time with np.vectorize'd math, parameters in a namedtuple rebuilt
with _replace, and the output error written output minus target."""
import math
from collections import namedtuple

import numpy as np

P = namedtuple("P", "Wi bi Wo bo")
squash = np.vectorize(lambda v: 1.0 / (1.0 + math.exp(-max(min(v, 500.0), -500.0))))

rng = np.random.RandomState(8)
data = [(np.array([a, b], float), float(a != b)) for a in (0, 1) for b in (0, 1)]
p = P(rng.uniform(-1, 1, (2, 3)), np.zeros(3), rng.uniform(-1, 1, 3), 0.0)

for sweep in range(4000):
    for x, t in data:
        h = squash(x @ p.Wi + p.bi)
        o = float(squash(h @ p.Wo + p.bo))
        e = o - t
        dh = e * p.Wo * h * (1 - h)
        p = p._replace(Wo=p.Wo - 0.5 * e * h, bo=p.bo - 0.5 * e,
                       Wi=p.Wi - 0.5 * np.outer(x, dh), bi=p.bi - 0.5 * dh)
    if sweep % 1000 == 0:
        print(sweep, [round(float(squash(squash(x @ p.Wi + p.bi) @ p.Wo + p.bo)), 3) for x, _ in data])
