"""Hidden-layer activations and their derivatives, stable and precise at any input.

Stable: nothing overflows, exp is only taken of -|z|. Precise: every derivative keeps
full relative precision however saturated the unit, because the truth is compared with
user code exactly where units saturate (the classic bugs live there).

The derivatives are taken with respect to the pre-activation z, which is what backprop
needs; evaluating them at the activation instead is bug ND101, and the mutants that
reproduce it call these same functions with the wrong argument.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

LEAKY_SLOPE = 0.01

# Identification tries these in order; the first whose forward reproduces the user's wins.
ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu", "identity")

# Slopes people give a leaky ReLU other than the default 0.01, tried after ACTIVATIONS:
# a leaky unit of slope 0.1 is named `leaky_relu(0.1)`.
OTHER_LEAKY_SLOPES: tuple[float, ...] = (0.1, 0.2, 0.05, 0.3, 0.02, 0.25, 0.15, 0.001, 0.5)


def leaky(slope: float) -> str:
    """The name of a leaky ReLU of this slope: `leaky_relu` for 0.01, else with the slope."""
    return "leaky_relu" if slope == LEAKY_SLOPE else f"leaky_relu({slope:g})"


# Every hidden activation identification tries, in order: the standard ones, then leaky
# units of the other usual slopes (from the user's forward pass, or from their gradients
# when the file has none).
CANDIDATES: tuple[str, ...] = (*ACTIVATIONS, *(leaky(slope) for slope in OTHER_LEAKY_SLOPES))


def parse(name: str) -> tuple[str, float]:
    """(the activation, its leaky slope): `leaky_relu(0.1)` is ("leaky_relu", 0.1)."""
    if name.startswith("leaky_relu(") and name.endswith(")"):
        try:
            return "leaky_relu", float(name[len("leaky_relu(") : -1])
        except ValueError:
            pass
    return name, LEAKY_SLOPE


def base(name: str) -> str:
    """The activation without its parameter: `leaky_relu` of `leaky_relu(0.1)`."""
    return parse(name)[0]


def stable_sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) without overflow: exp is only ever taken of -|z|."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_sigmoid(z: np.ndarray) -> np.ndarray:
    """log(sigmoid(z)) = -log(1 + exp(-z)), finite for z down to -1e300."""
    z = np.asarray(z, dtype=np.float64)
    return -np.logaddexp(0.0, -z)


def sigmoid_error(z: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """sigmoid(z) - y without forming sigmoid(z) where the difference cancels.

    Once sigmoid(z) rounds to 1 (z > 37), `sigmoid(z) - 1` is 0 or a few bits of noise,
    while the true difference -sigmoid(-z) is a perfectly good number down to 1e-308. For
    z >= 0 the difference is taken as (1 - y) - sigmoid(-z), exact for y = 1; for z < 0
    as sigmoid(z) - y, exact for y = 0. Both branches take exp(-|z|) only: no overflow.
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    e = np.exp(-np.abs(z))
    small = e / (1.0 + e)  # sigmoid(-|z|), full relative precision at any z
    return np.where(z >= 0, (1.0 - y) - small, small - y)


def _sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    # e / (1 + e)^2 with e = exp(-|z|): s * (1 - s) loses every digit of 1 - s once s
    # rounds to 1 (sigma'(40) = 4e-18 would come out 0), and this form never overflows.
    e = np.exp(-np.abs(z))
    return e / ((1.0 + e) * (1.0 + e))


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _relu_derivative(z: np.ndarray) -> np.ndarray:
    # The subgradient at 0 is 0, as in `(z > 0).astype(float)`, which nearly everyone writes.
    return (np.asarray(z) > 0).astype(np.float64)


def _leaky_relu(z: np.ndarray, slope: float = LEAKY_SLOPE) -> np.ndarray:
    return np.where(z > 0, z, slope * z)


def _leaky_relu_derivative(z: np.ndarray, slope: float = LEAKY_SLOPE) -> np.ndarray:
    return np.where(np.asarray(z) > 0, 1.0, slope)


def _tanh_derivative(z: np.ndarray) -> np.ndarray:
    # sech(z)^2 = 4 e / (1 + e)^2 with e = exp(-2|z|): 1 - tanh(z)^2 cancels to 0 once
    # tanh(z) rounds to +-1 (|z| > 19), where the true slope is still 1e-16 or more.
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


_FORWARD: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": stable_sigmoid,
    "tanh": np.tanh,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "identity": lambda z: np.asarray(z, dtype=np.float64),
}

_DERIVATIVE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": _sigmoid_derivative,
    "tanh": _tanh_derivative,
    "relu": _relu_derivative,
    "leaky_relu": _leaky_relu_derivative,
    "identity": lambda z: np.ones_like(np.asarray(z, dtype=np.float64)),
}

# Activations with a kink at 0: finite differences across it are not evidence.
PIECEWISE_LINEAR: frozenset[str] = frozenset({"relu", "leaky_relu"})


def _known(name: str) -> None:
    if base(name) not in _FORWARD:
        raise ValueError(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}")


def activate(name: str, z: np.ndarray) -> np.ndarray:
    _known(name)
    kind, slope = parse(name)
    z = np.asarray(z, dtype=np.float64)
    return _leaky_relu(z, slope) if kind == "leaky_relu" else _FORWARD[kind](z)


def functions(
    kind: str, slope: float = LEAKY_SLOPE
) -> tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    """`activate` and `derivative` of the activation `kind` (a leaky unit of `slope`),
    looked up once, for float64 arrays: a loop of thousands of small steps (the replay)
    would otherwise dispatch on the name each time."""
    _known(kind)
    if kind == "leaky_relu":
        return (lambda z: _leaky_relu(z, slope)), (lambda z: _leaky_relu_derivative(z, slope))
    return _FORWARD[kind], _DERIVATIVE[kind]


def derivative(name: str, z: np.ndarray) -> np.ndarray:
    """d activation / dz, evaluated at the pre-activation z."""
    _known(name)
    kind, slope = parse(name)
    z = np.asarray(z, dtype=np.float64)
    return _leaky_relu_derivative(z, slope) if kind == "leaky_relu" else _DERIVATIVE[kind](z)
