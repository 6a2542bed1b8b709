# -*- coding: utf-8 -*-
# Réseau de neurones très simple : XOR, une couche cachée (tanh), sortie sigmoïde.
import numpy as np

entrées = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
sorties = np.array([[0], [1], [1], [0]], dtype=float)

np.random.seed(4)
poids_1 = np.random.randn(2, 3) * 0.8
biais_1 = np.zeros((1, 3))
poids_2 = np.random.randn(3, 1) * 0.8
biais_2 = np.zeros((1, 1))
taux = 0.3  # taux d'apprentissage


def sigmoïde(z):
    return 1 / (1 + np.exp(-z))


for époque in range(2000):
    cachée = np.tanh(entrées @ poids_1 + biais_1)
    prédiction = sigmoïde(cachée @ poids_2 + biais_2)
    erreur = prédiction - sorties  # dérivée de l'entropie croisée + sigmoïde
    delta_caché = (erreur @ poids_2.T) * (1 - cachée ** 2)
    poids_2 -= taux * cachée.T @ erreur
    biais_2 -= taux * erreur.sum(axis=0, keepdims=True)
    poids_1 -= taux * entrées.T @ delta_caché
    biais_1 -= taux * delta_caché.sum(axis=0, keepdims=True)
    if époque % 500 == 0:
        print("époque", époque, "perte", float(np.mean(erreur ** 2)))
