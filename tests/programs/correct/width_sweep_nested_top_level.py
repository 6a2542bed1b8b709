import numpy as np

# which hidden width learns XOR? each width gets its own fresh weights inside the sweep
data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
target = np.array([[0], [1], [1], [0]], dtype=float)
results = {}

for width in (3, 5):
    gen = np.random.RandomState(width)
    Wa = gen.randn(2, width)
    ba = np.zeros((1, width))
    Wb = gen.randn(width, 1)
    bb = np.zeros((1, 1))
    for epoch in range(2500):
        hidden = np.tanh(data @ Wa + ba)
        guess = 1 / (1 + np.exp(-(hidden @ Wb + bb)))
        g_out = (guess - target) / len(data)
        g_hid = g_out @ Wb.T * (1 - hidden**2)
        Wb -= 2.0 * hidden.T @ g_out
        bb -= 2.0 * g_out.sum(axis=0, keepdims=True)
        Wa -= 2.0 * data.T @ g_hid
        ba -= 2.0 * g_hid.sum(axis=0, keepdims=True)
    results[width] = guess.ravel().round(2)
    print(width, results[width])
