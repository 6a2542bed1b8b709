# train / validation split, stop when the validation loss stops improving
import numpy as np

rs = np.random.RandomState(12)
everything = rs.normal(size=(225, 2))
answer = (everything[:, 0] - everything[:, 1] ** 2 > -0.5).astype(float).reshape(-1, 1)
cut = 150
Xtr, Xva = everything[:cut], everything[cut:]  # (150, 2) and (75, 2): 150 numbers each
ytr, yva = answer[:cut], answer[cut:]

Wa = rs.normal(0, 0.7, (2, 6))
ba = np.zeros(6)
Wb = rs.normal(0, 0.7, (6, 1))
bb = np.zeros(1)


def predict(x):
    hid = np.tanh(x @ Wa + ba)
    return hid, 1 / (1 + np.exp(-(hid @ Wb + bb)))


def nll(p, t):
    return float(-np.mean(t * np.log(p + 1e-12) + (1 - t) * np.log(1 - p + 1e-12)))


def gradient(x, t):
    hid, p = predict(x)
    e = (p - t) / len(x)
    eh = (e @ Wb.T) * (1 - hid**2)
    return x.T @ eh, eh.sum(0), hid.T @ e, e.sum(0)


best, bad_epochs = np.inf, 0
for epoch in range(2000):
    gWa, gba, gWb, gbb = gradient(Xtr, ytr)
    Wa -= 0.4 * gWa
    ba -= 0.4 * gba
    Wb -= 0.4 * gWb
    bb -= 0.4 * gbb
    valid_loss = nll(predict(Xva)[1], yva)
    if valid_loss < best - 1e-5:
        best, bad_epochs = valid_loss, 0
    else:
        bad_epochs += 1
        if bad_epochs > 40:
            print("early stop at", epoch)
            break
print("validation loss", best)
