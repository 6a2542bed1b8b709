"""Plain-Python regression: y = sin(x), bias folded in as weight 0 of every unit."""
import math
import random

random.seed(11)
samples = [(x / 10.0, math.sin(x / 10.0)) for x in range(-25, 26)]
H = 8
hid = [[random.uniform(-1, 1), random.uniform(-1, 1)] for _ in range(H)]
top = [random.uniform(-1, 1) for _ in range(H + 1)]
lr = 0.03

for epoch in range(800):
    random.shuffle(samples)
    sse = 0.0
    for idx in range(len(samples)):
        x_in = [1.0, samples[idx][0]]
        s = [hid[j][0] * x_in[0] + hid[j][1] * x_in[1] for j in range(H)]
        hv = [1.0] + [math.tanh(v) for v in s]
        yp = sum(top[j] * hv[j] for j in range(H + 1))
        sse += (yp - samples[idx][1]) ** 2
        e = yp - samples[idx][1]
        back = [e * top[j + 1] * (1.0 - hv[j + 1] ** 2) for j in range(H)]
        for j in range(H + 1):
            top[j] -= lr * e * hv[j]
        for j in range(H):
            hid[j][0] -= lr * back[j] * x_in[0]
            hid[j][1] -= lr * back[j] * x_in[1]
    if epoch % 100 == 0:
        print(f"epoch {epoch}: mse {sse / len(samples):.5f}")
