# Hausaufgabe: kleines Netz mit quadratischem Fehler, die Ausgabe ist ein Sigmoid
import numpy as np

rng = np.random.default_rng(8)
punkte = rng.uniform(-1, 1, (200, 2))
klasse = (punkte[:, :1] * punkte[:, 1:] > 0).astype(float)

gewichte_ein = rng.normal(0, 1, (2, 8))
schwelle_ein = np.zeros((1, 8))
gewichte_aus = rng.normal(0, 1, (8, 1))
schwelle_aus = np.zeros((1, 1))
schritt = 1.5


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


for runde in range(4000):
    versteckt = np.tanh(punkte @ gewichte_ein + schwelle_ein)
    aus = sig(versteckt @ gewichte_aus + schwelle_aus)
    abweichung = np.mean((aus - klasse) ** 2)

    g_aus = 2 * (aus - klasse) / len(punkte)  # BUG(ND113): the sigmoid's slope is missing
    g_versteckt = (g_aus @ gewichte_aus.T) * (1 - versteckt**2)
    gewichte_aus -= schritt * versteckt.T @ g_aus
    schwelle_aus -= schritt * g_aus.sum(axis=0, keepdims=True)
    gewichte_ein -= schritt * punkte.T @ g_versteckt
    schwelle_ein -= schritt * g_versteckt.sum(axis=0, keepdims=True)

    if runde % 1000 == 0:
        print(
            "Runde",
            runde,
            "Abweichung",
            round(float(abweichung), 4),
            "Treffer",
            np.mean((aus > 0.5) == klasse),
        )
