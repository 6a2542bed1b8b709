"""Plain ReLU training script on a generated quadrant dataset; bug: a learning rate far too large kills the ReLUs."""
import numpy as np

np.random.seed(2)
samples = np.random.randn(100, 2)
answers = (samples[:, :1] * samples[:, 1:] > 0).astype(float)  # same-sign quadrants -> 1

n_hidden = 8
w_hidden = np.random.randn(2, n_hidden) * np.sqrt(2.0 / 2)
b_hidden = np.zeros((1, n_hidden))
w_out = np.random.randn(n_hidden, 1) * np.sqrt(1.0 / n_hidden)
b_out = np.zeros((1, 1))
step_size = 4.0  # BUG(ND301): with gradients summed over 100 samples this step blows the ReLUs dead

for epoch in range(1000):
    pre = samples @ w_hidden + b_hidden
    act = np.maximum(0, pre)
    guess = 1 / (1 + np.exp(-np.clip(act @ w_out + b_out, -500, 500)))

    err = guess - answers
    grad_pre = (err @ w_out.T) * (pre > 0)
    w_out -= step_size * act.T @ err
    b_out -= step_size * err.sum(axis=0, keepdims=True)
    w_hidden -= step_size * samples.T @ grad_pre
    b_hidden -= step_size * grad_pre.sum(axis=0, keepdims=True)

    if epoch % 200 == 0:
        alive = np.mean((pre > 0).any(axis=0))
        print(f"epoch {epoch}: mean |error| {np.mean(np.abs(err)):.3f}, units alive {alive:.0%}")

print("accuracy:", np.mean((guess > 0.5) == answers))
