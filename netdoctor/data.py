"""The data a check runs on: the user's own arrays when the file has them, else a default.

The user's X and Y are passed to their code exactly as they wrote them (a Y of shape (m,)
included: that is how the label-broadcast bug shows). The truth always uses canonical
X (m, d) and Y (m, 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor import naming

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
MAX_PER_SAMPLE_CALLS = 16  # per-sample code is called this many times per evaluation, at most


@dataclass
class ModuleData:
    """Arrays found at module level under the usual names, as the user wrote them."""

    X: np.ndarray | None
    Y: np.ndarray | None
    X_name: str | None
    Y_name: str | None


@dataclass(frozen=True)
class DataVariant:
    """One way of handing data to the user's code, with its canonical twin for the truth."""

    label: str
    X_user: Any
    Y_user: Any
    X: np.ndarray  # canonical (m, d)
    Y: np.ndarray  # canonical (m, 1)
    # Per-sample code: run once per sample from the same point and sum what it claims.
    samples: tuple[DataVariant, ...] = ()


def _as_numeric(value: Any) -> np.ndarray | None:
    if isinstance(value, np.ndarray | list | tuple):
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            return None
        if array.dtype.kind in "fiub" and 1 <= array.ndim <= 2 and array.size > 0:
            return array
    return None


def find_module_data(namespace: dict[str, Any]) -> ModuleData:
    X = Y = None
    X_name = Y_name = None
    for name in naming.DATA_NAMES:
        array = _as_numeric(namespace.get(name))
        if array is not None and array.ndim == 2:
            X, X_name = array, name
            break
    for name in naming.TARGET_NAMES:
        array = _as_numeric(namespace.get(name))
        if array is not None and (X is None or array.size in X.shape):
            Y, Y_name = array, name
            break
    if X is not None and Y is None:  # `all_y_trues`, `true_labels`: named from the words
        for name, value in list(namespace.items()):
            array = _as_numeric(value) if naming.data_role(name) == "Y" else None
            if array is not None and array.ndim <= 2 and array.size == X.shape[0]:
                Y, Y_name = array, name
                break
    return ModuleData(X, Y, X_name, Y_name)


def canonical_data(
    data: ModuleData, input_dim: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, str]:
    """(X (m, d), Y (m, 1), description) from the user's arrays, or a small default."""
    if data.X is not None:
        X = np.asarray(data.X, dtype=np.float64)
        if X.shape[1] != input_dim and X.shape[0] == input_dim:
            X = X.T
        if X.shape[1] == input_dim:
            m = X.shape[0]
            if data.Y is not None and np.asarray(data.Y).size == m:
                Y = np.asarray(data.Y, dtype=np.float64).reshape(m, 1)
                return (
                    X,
                    Y,
                    f"your arrays {data.X_name} {data.X.shape}, {data.Y_name} {data.Y.shape}",
                )
            Y = default_targets(X, seed)
            return X, Y, f"your array {data.X_name} {data.X.shape} with generated 0/1 targets"
    if input_dim == 2:
        return XOR_X.copy(), XOR_Y.copy(), "XOR (4 samples; the file has no data arrays)"
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(8, input_dim))
    return X, default_targets(X, seed), f"8 seeded random samples of {input_dim} features"


def default_targets(X: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed + 1)
    Y = (rng.random((X.shape[0], 1)) > 0.5).astype(np.float64)
    if Y.min() == Y.max():
        Y[0, 0] = 1.0 - Y[0, 0]
    return Y


def data_variants(
    X: np.ndarray, Y: np.ndarray, layout: str, module: ModuleData
) -> list[DataVariant]:
    """Ways to hand data to the user's code, most faithful first.

    The user's own arrays come first, as they wrote them; then batch in the network's
    layout; then one sample (row, column vector, 1-D vector with a scalar target), for
    code that works per sample.
    """
    variants: list[DataVariant] = []
    if module.X is not None and module.Y is not None:
        user_X = np.asarray(module.X)
        user_Y = module.Y
        if user_X.shape[0] == X.shape[0] and user_X.shape[1] == X.shape[1]:
            variants.append(DataVariant("your arrays", module.X, user_Y, X, Y))
        elif user_X.shape == X.T.shape:
            variants.append(DataVariant("your arrays", module.X, user_Y, X, Y))
    if layout == "column":
        variants.append(DataVariant("batch (columns)", X.T.copy(), Y.T.copy(), X, Y))
    else:
        variants.append(DataVariant("batch (rows)", X.copy(), Y.copy(), X, Y))
    n = min(X.shape[0], MAX_PER_SAMPLE_CALLS)
    rows = [(X[i : i + 1], Y[i : i + 1]) for i in range(n)]
    if layout == "column":
        one = [DataVariant("one sample", x.T.copy(), y.T.copy(), x, y) for x, y in rows]
        label = "each sample as a column vector, summed"
    else:
        one = [DataVariant("one sample", x.copy(), y.copy(), x, y) for x, y in rows]
        label = "each sample as a row, summed"
    variants.append(DataVariant(label, None, None, X[:n], Y[:n], tuple(one)))
    vectors = [DataVariant("one sample", x[0].copy(), float(y[0, 0]), x, y) for x, y in rows]
    variants.append(
        DataVariant("each sample as a 1-D vector, summed", None, None, X[:n], Y[:n], tuple(vectors))
    )
    return variants
