# Three hidden tanh neurons written out by hand, Python floats from the random module,
# a sigmoid output trained with cross-entropy (output error p - y), all at top level.
import math
import random

random.seed(11)

data = [((0.0, 0.0), 0), ((0.0, 1.0), 1), ((1.0, 0.0), 1), ((1.0, 1.0), 0)]

w11, w12, w13 = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
w21, w22, w23 = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
bh1, bh2, bh3 = 0.0, 0.0, 0.0
wo1, wo2, wo3 = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
bo = 0.0
lr = 0.3

for epoch in range(3000):
    total = 0.0
    for point, y in data:
        z1 = w11 * point[0] + w21 * point[1] + bh1
        z2 = w12 * point[0] + w22 * point[1] + bh2
        z3 = w13 * point[0] + w23 * point[1] + bh3
        h1, h2, h3 = math.tanh(z1), math.tanh(z2), math.tanh(z3)
        p = 1 / (1 + math.exp(-(wo1 * h1 + wo2 * h2 + wo3 * h3 + bo)))
        total += -(y * math.log(p) + (1 - y) * math.log(1 - p))

        e = p - y
        g1 = e * wo1 * (1 - h1 * h1)
        g2 = e * wo2 * (1 - h2 * h2)
        g3 = e * wo3 * (1 - h3 * h3)
        wo1 -= lr * e * h1
        wo2 -= lr * e * h2
        wo3 -= lr * e * h3
        bo -= lr * e
        w11 -= lr * g1 * point[0]
        w21 -= lr * g1 * point[1]
        bh1 -= lr * g1
        w12 -= lr * g2 * point[0]
        w22 -= lr * g2 * point[1]
        bh2 -= lr * g2
        w13 -= lr * g3 * point[0]
        w23 -= lr * g3 * point[1]
        bh3 -= lr * g3
    if epoch % 500 == 0:
        print(epoch, total / len(data))
