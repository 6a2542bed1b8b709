import numpy as np

def logistic(x, slope=False):
    if slope:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

patterns = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 0], [0, 0, 1], [1, 1, 1], [0, 1, 0]], dtype=float)
answers = np.array([[1], [0], [0], [1], [1], [0]], dtype=float)

np.random.seed(3)
first = np.random.uniform(-1, 1, (3, 5))
second = np.random.uniform(-1, 1, (5, 1))

for t in range(20000):
    h = logistic(patterns @ first)
    o = logistic(h @ second)
    miss = o - answers  # BUG(ND105): with updates that add, the error is answers - o
    if t % 4000 == 0:
        print(t, np.abs(miss).mean())
    o_delta = miss * logistic(o, slope=True)
    h_delta = o_delta @ second.T * logistic(h, slope=True)
    second += h.T @ o_delta
    first += patterns.T @ h_delta
