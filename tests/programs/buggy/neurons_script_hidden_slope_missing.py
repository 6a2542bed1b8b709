# Three hidden tanh neurons by hand (floats), a sigmoid output with cross-entropy.
# The hidden error is passed back without tanh's slope.
import math
import random

random.seed(4)
data = [((0.0, 0.0), 0), ((0.0, 1.0), 1), ((1.0, 0.0), 1), ((1.0, 1.0), 0)]

w11, w12, w13 = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
w21, w22, w23 = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
bh1, bh2, bh3 = 0.1, -0.1, 0.05
wo1, wo2, wo3 = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
bo = 0.0
lr = 0.3


def train_one(point, y):
    global w11, w12, w13, w21, w22, w23, bh1, bh2, bh3, wo1, wo2, wo3, bo
    h1 = math.tanh(w11 * point[0] + w21 * point[1] + bh1)
    h2 = math.tanh(w12 * point[0] + w22 * point[1] + bh2)
    h3 = math.tanh(w13 * point[0] + w23 * point[1] + bh3)
    p = 1 / (1 + math.exp(-(wo1 * h1 + wo2 * h2 + wo3 * h3 + bo)))
    e = p - y
    g1 = e * wo1  # BUG(ND110): tanh's slope (1 - h1 ** 2) is missing
    g2 = e * wo2
    g3 = e * wo3
    wo1, wo2, wo3, bo = wo1 - lr * e * h1, wo2 - lr * e * h2, wo3 - lr * e * h3, bo - lr * e
    w11, w21, bh1 = w11 - lr * g1 * point[0], w21 - lr * g1 * point[1], bh1 - lr * g1
    w12, w22, bh2 = w12 - lr * g2 * point[0], w22 - lr * g2 * point[1], bh2 - lr * g2
    w13, w23, bh3 = w13 - lr * g3 * point[0], w23 - lr * g3 * point[1], bh3 - lr * g3
    return -(y * math.log(p) + (1 - y) * math.log(1 - p))


for epoch in range(2000):
    loss = 0.0
    for point, y in data:
        loss += train_one(point, y)
    if epoch % 400 == 0:
        print(epoch, loss / len(data))
