# every unit by hand, as in the old course notes; the samples are the COLUMNS of DATA
import math
import numpy as np

np.random.seed(8)
N_IN, N_HID, N_PAT = 3, 5, 60
DATA = np.random.uniform(-1, 1, (N_IN, N_PAT))
WANT = (DATA[0] * DATA[1] + DATA[2] > 0).astype(float)

v = np.random.uniform(-0.5, 0.5, (N_HID, N_IN))
v0 = np.zeros(N_HID)
w = np.random.uniform(-0.5, 0.5, N_HID)
w0 = 0.0
act = np.zeros(N_HID)
back = np.zeros(N_HID)
rate = 0.3


def f(x):
    return 1.0 / (1.0 + math.exp(-x))


for cycle in range(60):
    total = 0.0
    for q in np.random.permutation(N_PAT):
        for j in range(N_HID):
            s = v0[j]
            for i in range(N_IN):
                s += v[j, i] * DATA[i, q]
            act[j] = math.tanh(s)
        s = w0
        for j in range(N_HID):
            s += w[j] * act[j]
        y = f(s)
        total += -(WANT[q] * math.log(y) + (1 - WANT[q]) * math.log(1 - y))
        d_out = y - WANT[q]
        for j in range(N_HID):
            back[j] = w[j] * d_out * (1 - act[j] ** 2)
        for j in range(N_HID):
            w[j] -= rate * d_out * act[j]
            v0[j] -= rate * back[j]
            for i in range(N_IN):
                v[j, i] -= rate * back[j] * DATA[i, q]
        w0 -= rate * d_out
    if cycle % 20 == 0:
        print("cycle", cycle, "mean cross-entropy", total / N_PAT)
