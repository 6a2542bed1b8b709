# weights in a dict of plain floats, handed to the forward function under another name, tanh
import math
import random

random.seed(2)
table = [(0.0, 0.0, 1), (0.0, 1.0, 0), (1.0, 0.0, 0), (1.0, 1.0, 1)]
params = {k: random.uniform(-1, 1) for k in ("w1", "w2", "w3", "w4", "w5", "w6")}
params.update({"b1": 0.0, "b2": 0.0, "b3": 0.0})


def sig(z):
    return 1 / (1 + math.exp(-z))


def forward(w, x1, x2):
    h1 = math.tanh(w["w1"] * x1 + w["w2"] * x2 + w["b1"])
    h2 = math.tanh(w["w3"] * x1 + w["w4"] * x2 + w["b2"])
    return h1, h2, sig(w["w5"] * h1 + w["w6"] * h2 + w["b3"])


lr = 0.3
for epoch in range(3000):
    for x1, x2, y in table:
        h1, h2, o = forward(params, x1, x2)
        d = o - y
        e1 = d * params["w5"] * (1 - h1 * h1)
        e2 = d * params["w6"] * (1 - h2 * h2)
        params["w5"] -= lr * d * h1
        params["w6"] -= lr * d * h2
        params["b3"] -= lr * d
        params["w1"] -= lr * e1 * x1
        params["w2"] -= lr * e1 * x2
        params["b1"] -= lr * e1
        params["w3"] -= lr * e2 * x1
        params["w4"] -= lr * e2 * x2
        params["b2"] -= lr * e2
print([round(forward(params, a, b)[2], 2) for a, b, _ in table])
