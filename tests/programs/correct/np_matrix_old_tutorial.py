# an old tutorial's network in np.matrix, where * is the matrix product and
# np.multiply the elementwise one
import numpy as np

samples = np.matrix([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
answers = np.matrix([[0], [1], [1], [0]], dtype=float)

np.random.seed(5)
wi = np.matrix(np.random.uniform(-1, 1, (2, 4)))
bi = np.matrix(np.zeros((1, 4)))
wo = np.matrix(np.random.uniform(-1, 1, (4, 1)))
bo = np.matrix(np.zeros((1, 1)))
speed = 0.8


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


for sweep in range(5000):
    h = squash(samples * wi + bi)
    o = squash(h * wo + bo)
    d_o = o - answers
    d_h = np.multiply(d_o * wo.T, np.multiply(h, 1 - h))
    wo = wo - speed * h.T * d_o
    bo = bo - speed * d_o.sum(axis=0)
    wi = wi - speed * samples.T * d_h
    bi = bi - speed * d_h.sum(axis=0)
    if sweep % 1000 == 0:
        print(sweep, float(np.abs(d_o).mean()))
