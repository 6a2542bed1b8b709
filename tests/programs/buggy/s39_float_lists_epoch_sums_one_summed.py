# plain Python lists of floats, gradients summed over the whole set each epoch and
# averaged in the step; a tanh hidden layer of three units and a sigmoid output
import math
import random

random.seed(3)
pts = [(random.uniform(-1, 1), random.uniform(-1, 1)) for _ in range(60)]
lab = [1.0 if a * a + b * b < 0.5 else 0.0 for a, b in pts]
n = len(pts)
K = 3
A = [[random.uniform(-1, 1) for _ in range(2)] for _ in range(K)]
a0 = [0.0] * K
B = [random.uniform(-1, 1) for _ in range(K)]
b0 = 0.0
step = 0.1

for rnd in range(400):
    sA = [[0.0, 0.0] for _ in range(K)]
    sa0 = [0.0] * K
    sB = [0.0] * K
    sb0 = 0.0
    for (u, v), t in zip(pts, lab):
        h = [math.tanh(A[k][0] * u + A[k][1] * v + a0[k]) for k in range(K)]
        q = 1.0 / (1.0 + math.exp(-(sum(B[k] * h[k] for k in range(K)) + b0)))
        g = q - t
        for k in range(K):
            sB[k] += g * h[k]
            gh = g * B[k] * (1 - h[k] ** 2)
            sA[k][0] += gh * u
            sA[k][1] += gh * v
            sa0[k] += gh
        sb0 += g
    for k in range(K):
        B[k] -= step * sB[k] / n
        A[k][0] -= step * sA[k][0]  # BUG(ND106): summed, where every other step averages
        A[k][1] -= step * sA[k][1]
        a0[k] -= step * sa0[k] / n
    b0 -= step * sb0 / n
    if rnd % 100 == 0:
        print(rnd, round(b0, 4))
