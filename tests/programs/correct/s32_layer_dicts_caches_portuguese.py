# Exercício: rede com uma lista de camadas; cada camada é um dicionário que guarda
# os seus pesos, o seu viés e o que a passagem direta calculou (entrada, soma, saída)
import numpy as np

gerador = np.random.default_rng(12)


def criar_camadas(tamanhos):
    camadas = []
    for n_ent, n_sai in zip(tamanhos[:-1], tamanhos[1:]):
        camadas.append({
            "pesos": gerador.normal(0, np.sqrt(1.0 / n_ent), (n_ent, n_sai)),
            "vies": np.zeros((1, n_sai)),
        })
    return camadas


def propagar(camadas, entrada):
    for i, camada in enumerate(camadas):
        camada["entrada"] = entrada
        camada["soma"] = entrada @ camada["pesos"] + camada["vies"]
        if i < len(camadas) - 1:
            camada["saida"] = np.tanh(camada["soma"])
        else:
            camada["saida"] = 1 / (1 + np.exp(-camada["soma"]))
        entrada = camada["saida"]
    return entrada


def retropropagar(camadas, alvo, taxa):
    saida = camadas[-1]["saida"]
    erro = (saida - alvo) / len(alvo)
    for i in reversed(range(len(camadas))):
        camada = camadas[i]
        grad_pesos = camada["entrada"].T @ erro
        grad_vies = erro.sum(axis=0, keepdims=True)
        if i > 0:
            anterior = camadas[i - 1]["saida"]
            erro = (erro @ camada["pesos"].T) * (1 - anterior ** 2)
        camada["pesos"] -= taxa * grad_pesos
        camada["vies"] -= taxa * grad_vies


pontos = gerador.uniform(-1, 1, (240, 2))
rotulos = (np.hypot(pontos[:, :1], pontos[:, 1:]) < 0.6).astype(float)
rede = criar_camadas([2, 10, 1])
for epoca in range(2500):
    previsto = propagar(rede, pontos)
    custo = -np.mean(rotulos * np.log(previsto) + (1 - rotulos) * np.log(1 - previsto))
    retropropagar(rede, rotulos, taxa=0.8)
    if epoca % 500 == 0:
        print("época", epoca, "custo", round(float(custo), 4),
              "acerto", np.mean((previsto > 0.5) == rotulos))
