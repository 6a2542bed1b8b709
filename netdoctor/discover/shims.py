"""Exact NumPy equivalents of the few SciPy functions hand-written networks call.

`from scipy.special import expit` is the sigmoid of many from-scratch networks. When SciPy
is not installed where netdoctor runs, a stand-in that accepts every call (as for tqdm)
would change the network's arithmetic; these are the same functions, computed the same
way (in the input's float type, without overflow), so the check still tests the user's
own math. Any other SciPy import still fails, with the user's own error.
"""

from __future__ import annotations

import types
from typing import Any

import numpy as np


def _floats(x: Any) -> np.ndarray:
    array = np.asarray(x)
    return array if array.dtype.kind == "f" else array.astype(np.float64)


def _like(result: np.ndarray, x: Any) -> Any:
    return result[()] if np.ndim(x) == 0 else result


def expit(x: Any) -> Any:
    """1 / (1 + exp(-x)), without overflow at either end."""
    z = _floats(x)
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(-np.abs(z))
    return _like(np.where(z >= 0, 1 / (1 + e), e / (1 + e)), x)


def log_expit(x: Any) -> Any:
    """log(expit(x)) = -log1p(exp(-x)), stable for large |x|."""
    z = _floats(x)
    with np.errstate(under="ignore"):
        return _like(np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z))), x)


def logit(p: Any) -> Any:
    q = _floats(p)
    with np.errstate(divide="ignore"):
        return _like(np.log(q) - np.log1p(-q), p)


def softmax(x: Any, axis: int | None = None) -> Any:
    z = _floats(x)
    shifted = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return shifted / np.sum(shifted, axis=axis, keepdims=True)


SPECIAL = {"expit": expit, "log_expit": log_expit, "logit": logit, "softmax": softmax}


def scipy_special() -> types.ModuleType:
    module = types.ModuleType("scipy.special", "netdoctor's exact NumPy equivalents")
    for name, function in SPECIAL.items():
        setattr(module, name, function)
    return module
