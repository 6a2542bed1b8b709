# %% data
import numpy as np

rng = np.random.default_rng(12)
pts = rng.normal(size=(300, 2))
lab = (np.abs(pts[:, :1]) + np.abs(pts[:, 1:]) < 1.2).astype(float)

# %% weights
Wa = rng.normal(0, 0.7, (2, 6))
ba = np.zeros((1, 6))
Wb = rng.normal(0, 0.7, (6, 1))
bb = np.zeros((1, 1))
rate = 1.0

# %% train
for it in range(800):
    ha = np.tanh(pts @ Wa + ba)
    pb = 1 / (1 + np.exp(-(ha @ Wb + bb)))
    eb = (pb - lab) / len(pts)
    grad_Wb = ha.T @ eb
    grad_bb = eb.sum(0, keepdims=True)
    ea = eb @ Wb.T * (1 - ha**2)
    grad_Wa = pts.T @ ea
    grad_ba = ea.sum(0, keepdims=True)
    Wb -= rate * grad_Wb
    bb -= rate * grad_bb
    Wa -= rate * grad_Wa
    ba -= rate * grad_ba

# %% more epochs, written shorter this time
for it in range(800):
    ha = np.tanh(pts @ Wa + ba)
    pb = 1 / (1 + np.exp(-(ha @ Wb + bb)))
    eb = (pb - lab) / len(pts)
    ea = eb @ Wb.T * (1 - ha**2)
    Wb -= rate * ha.T @ eb
    bb -= rate * eb.sum(0, keepdims=True)
    Wa -= rate * pts.T @ ea
    ba -= rate * ea.sum(0, keepdims=True)
print("accuracy", float(np.mean((pb > 0.5) == lab)))
