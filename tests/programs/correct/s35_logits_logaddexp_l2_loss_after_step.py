# four corners, tanh hidden layer, the loss taken from the logits with logaddexp,
# an L2 penalty on both weight matrices; the loss is measured after each step
import numpy as np

rng = np.random.default_rng(12)
corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
inputs = np.repeat(corners, 10, axis=0) + 0.05 * rng.standard_normal((40, 2))
target = np.repeat([0.0, 1.0, 1.0, 0.0], 10)[:, None]
penalty = 5e-4


def forward(theta, x=inputs):
    Wh, bh, Wo, bo = theta
    pre = x @ Wh + bh
    hid = np.tanh(pre)
    logit = hid @ Wo + bo
    return pre, hid, logit


def objective(theta):
    logit = forward(theta)[2]
    data = np.mean(np.logaddexp(0.0, logit) - target * logit)
    return data + penalty / 2 * (np.sum(theta[0] ** 2) + np.sum(theta[2] ** 2))


def gradients(theta):
    Wh, bh, Wo, bo = theta
    _, hid, logit = forward(theta)
    e = (1 / (1 + np.exp(-logit)) - target) / len(target)
    gWo = hid.T @ e + penalty * Wo
    gbo = e.sum(axis=0)
    eh = (e @ Wo.T) * (1 - hid ** 2)
    gWh = inputs.T @ eh + penalty * Wh
    gbh = eh.sum(axis=0)
    return [gWh, gbh, gWo, gbo]


theta = [rng.normal(0, 0.8, (2, 5)), np.zeros(5), rng.normal(0, 0.8, (5, 1)), np.zeros(1)]
rate, step, last = 0.8, 0, None
while True:
    g = gradients(theta)
    theta = [p - rate * q for p, q in zip(theta, g)]
    now = objective(theta)
    step += 1
    if step % 1000 == 0:
        print(step, round(now, 5))
    if (last is not None and abs(last - now) < 1e-8) or step >= 6000:
        break
    last = now
print("corners", np.round(1 / (1 + np.exp(-forward(theta, corners)[2].ravel())), 2))
