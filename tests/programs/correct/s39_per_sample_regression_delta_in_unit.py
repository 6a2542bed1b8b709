# fit a damped wave with a small tanh net, one point at a time in a shuffled order;
# the output unit is linear and the error is halved squared error
import numpy as np

rs = np.random.RandomState(17)
grid = np.linspace(-2.5, 2.5, 50).reshape(-1, 1)
wave = np.exp(-0.3 * grid ** 2) * np.cos(2 * grid)

H = 12
P = rs.randn(1, H) * 0.9
p0 = rs.randn(1, H) * 0.3
Q = rs.randn(H, 1) * 0.3
q0 = np.zeros((1, 1))
alpha = 0.02


def epoch():
    global P, p0, Q, q0
    total = 0.0
    for k in rs.permutation(len(grid)):
        u = grid[k:k + 1]
        goal = wave[k:k + 1]
        act = np.tanh(u @ P + p0)
        guess = act @ Q + q0
        delta = guess - goal
        total += 0.5 * float(delta[0, 0] ** 2)
        gQ = act.T @ delta
        gq0 = delta
        back = (delta @ Q.T) * (1 - act ** 2)
        gP = u.T @ back
        gp0 = back
        Q -= alpha * gQ
        q0 -= alpha * gq0
        P -= alpha * gP
        p0 -= alpha * gp0
    return total / len(grid)


for n in range(400):
    err = epoch()
    if n % 100 == 0:
        print(n, round(err, 5))
