"""Online learning, one point at a time: a step function that changes the module's arrays
through `global`, with a velocity per array that is not named after its weight."""

import numpy as np

rng = np.random.default_rng(7)

# a ring: inside (label 1) or outside (label 0) a circle of radius 1
points = rng.uniform(-2.0, 2.0, size=(160, 3))
labels = (points[:, 0] ** 2 + points[:, 1] ** 2 < 1.2).astype(float)

n_in, n_hid = 3, 6
hidden = rng.normal(0.0, 0.7, (n_in, n_hid))
hidden_shift = np.zeros(n_hid)
out = rng.normal(0.0, 0.7, n_hid)
out_shift = 0.0

speed_hidden = np.zeros((n_in, n_hid))
speed_hidden_shift = np.zeros(n_hid)
speed_out = np.zeros(n_hid)
speed_out_shift = 0.0

RATE, FRICTION = 0.02, 0.8


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


def one_point(p, label):
    global hidden, hidden_shift, out, out_shift
    global speed_hidden, speed_hidden_shift, speed_out, speed_out_shift
    pre = p @ hidden + hidden_shift
    act = np.tanh(pre)
    guess = squash(act @ out + out_shift)
    err = guess - label
    grad_out = err * act
    grad_out_shift = err
    back = err * out * (1.0 - act**2)
    grad_hidden = np.outer(p, back)
    grad_hidden_shift = back
    speed_out = FRICTION * speed_out - RATE * grad_out
    speed_out_shift = FRICTION * speed_out_shift - RATE * grad_out_shift
    speed_hidden = FRICTION * speed_hidden - RATE * grad_hidden
    speed_hidden_shift = FRICTION * speed_hidden_shift - RATE * grad_hidden_shift
    out += speed_out
    out_shift += speed_out_shift
    hidden += speed_hidden
    hidden_shift += speed_hidden_shift
    eps = 1e-12
    return -(label * np.log(guess + eps) + (1 - label) * np.log(1 - guess + eps))


if __name__ == "__main__":
    for sweep in range(40):
        total = 0.0
        for p, label in zip(points, labels):
            total += one_point(p, label)
        if sweep % 10 == 0:
            guesses = squash(np.tanh(points @ hidden + hidden_shift) @ out + out_shift)
            print(f"sweep {sweep}: loss {total / len(points):.4f}, "
                  f"accuracy {np.mean((guesses > 0.5) == labels):.3f}")
