# rede com uma camada oculta: a saida da rede se chama "saida", os rotulos "rotulos"
import numpy as np


class Rede:
    def __init__(self, n_entrada, n_oculta):
        np.random.seed(8)
        self.pesos_oculta = np.random.randn(n_entrada, n_oculta) * 0.8
        self.vies_oculta = np.zeros((1, n_oculta))
        self.pesos_saida = np.random.randn(n_oculta, 1) * 0.8
        self.vies_saida = np.zeros((1, 1))

    def sigmoide(self, x):
        return 1 / (1 + np.exp(-x))

    def prever(self, entrada):
        self.oculta = self.sigmoide(entrada @ self.pesos_oculta + self.vies_oculta)
        return self.sigmoide(self.oculta @ self.pesos_saida + self.vies_saida)

    def treinar(self, amostras, rotulos, epocas=2500, taxa=2.0):
        amostras = np.array(amostras, dtype=float)
        rotulos = np.array(rotulos, dtype=float)
        historico = []
        for epoca in range(epocas):
            saida = self.prever(amostras)
            custo = -np.mean(rotulos * np.log(saida) + (1 - rotulos) * np.log(1 - saida))
            historico.append(custo)
            erro = (saida - rotulos) / len(amostras)
            erro_oculta = erro @ self.pesos_saida.T * self.oculta * (1 - self.oculta)
            self.pesos_saida -= taxa * self.oculta.T @ erro
            self.vies_saida -= taxa * erro.sum(axis=0, keepdims=True)
            self.pesos_oculta -= taxa * amostras.T @ erro_oculta
            self.vies_oculta -= taxa * erro_oculta.sum(axis=0, keepdims=True)
        return historico


dados = [[0, 0], [0, 1], [1, 0], [1, 1]]
classes = [[0], [1], [1], [0]]
rede = Rede(2, 5)
print("custo final", rede.treinar(dados, classes)[-1])
