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
from netdoctor.equal import same_array

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
MAX_PER_SAMPLE_CALLS = 16  # per-sample code is called this many times per evaluation, at most


@dataclass
class ModuleData:
    """Arrays found at module level under the usual names, as the user wrote them.

    `pairs` names a list of `(x, t)` pairs the arrays were stacked from (X and Y are then
    the stacked rows); `unused` says what looked like data but could not be used, and why,
    so that a report falling back to a default never claims the file has no data."""

    X: np.ndarray | None
    Y: np.ndarray | None
    X_name: str | None
    Y_name: str | None
    pairs: str | None = None
    unused: tuple[str, ...] = ()


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


def same_inputs(first: DataVariant, second: DataVariant) -> bool:
    """Whether the user's code would be handed the very same data by both variants (the
    user's own arrays are often exactly the batch in the network's layout): calling code
    that raised again with the same inputs only repeats the error, at the same cost."""
    if len(first.samples) != len(second.samples):
        return False
    if first.samples:
        return all(same_inputs(a, b) for a, b in zip(first.samples, second.samples, strict=True))
    return _same_value(first.X_user, second.X_user) and _same_value(first.Y_user, second.Y_user)


def _same_value(first: Any, second: Any) -> bool:
    if type(first) is not type(second):
        return False
    if isinstance(first, np.ndarray):
        return (
            first.shape == second.shape
            and first.dtype == second.dtype
            and same_array(first, second)
        )
    try:
        return bool(first == second)
    except (ValueError, TypeError):  # lists holding arrays: compared element by element
        return False


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
    """The data at module level: arrays or lists of lists under the usual names, else a
    list of `(x, t)` pairs (`data = [([0, 0], 0), ...]`), stacked into X and Y."""
    found = _named_arrays(namespace)
    if found.X is None or found.Y is None:
        stacked = _pairs_in(namespace)
        if stacked is not None:
            return stacked
    if found.X is None:
        found.unused = unusable_data(namespace)
    return found


def _named_arrays(namespace: dict[str, Any]) -> ModuleData:
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


def _pairs_in(namespace: dict[str, Any]) -> ModuleData | None:
    """The first list of `(x, t)` pairs, usual data names first (`data`, `training_data`)."""
    names = [n for n in naming.DATA_NAMES if n in namespace]
    names += [n for n in list(namespace) if n not in names and not n.startswith("_")]
    for name in names:
        stacked = as_pairs(namespace[name])
        if stacked is not None:
            return ModuleData(stacked[0], stacked[1], name, None, pairs=name)
    return None


def as_pairs(value: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(X (m, d), Y (m, k)) from a list of `(x, t)` pairs, else None.

    x may be a list, a 1-D array or a column vector (Nielsen's `(np.array([[0], [1]]),
    np.array([[1]]))`), t a number or a small array. A list numpy reads as one numeric
    matrix (`[[0, 0], [0, 1]]`) is a matrix, not pairs: only pairs whose x is itself a
    sequence count, so a two-column table is never split into inputs and targets."""
    if not isinstance(value, list | tuple) or not value:
        return None
    rows: list[np.ndarray] = []
    targets: list[np.ndarray] = []
    for item in value:
        if not isinstance(item, list | tuple) or len(item) != 2:
            return None
        x, t = _numeric_or_none(item[0]), _numeric_or_none(item[1])
        if x is None or t is None or x.ndim == 0:
            return None
        rows.append(x.reshape(-1))
        targets.append(t.reshape(-1))
    if len({r.size for r in rows}) != 1 or len({t.size for t in targets}) != 1:
        return None
    return np.stack(rows).astype(np.float64), np.stack(targets).astype(np.float64)


def _numeric_or_none(value: Any) -> np.ndarray | None:
    if isinstance(value, bool) or not isinstance(
        value, np.ndarray | list | tuple | int | float | np.number
    ):
        return None
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None
    return array if array.dtype.kind in "fiub" and array.size > 0 else None


def unusable_data(namespace: dict[str, Any]) -> tuple[str, ...]:
    """What is named like data but is no numeric table or list of pairs, with why."""
    found: list[str] = []
    for name, value in list(namespace.items()):
        named_like_data = name in naming.DATA_NAMES or name in naming.TARGET_NAMES
        if name.startswith("_") or not (named_like_data or naming.data_role(name)):
            continue
        if not isinstance(value, np.ndarray | list | tuple) or len(value) == 0:
            continue
        array = _as_numeric(value)
        if array is None:
            found.append(f"`{name}` ({_kind(value)}: not numbers in rows or (x, t) pairs)")
        elif array.ndim == 1 and name in naming.DATA_NAMES:
            found.append(f"`{name}` {array.shape} (one number per sample: no targets beside it)")
    return tuple(found)


def _kind(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of {value.dtype} {value.shape}"
    return f"a {type(value).__name__} of {len(value)} items"


def canonical_data(
    data: ModuleData, input_dim: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, str]:
    """(X (m, d), Y (m, 1), description) from the user's arrays, or a small default.

    The description names what was used; a default says it was made by netdoctor and
    why the file's own data was not used (never "no data" when something was there)."""
    unused = data.unused
    if data.X is not None:
        X = np.asarray(data.X, dtype=np.float64)
        if X.shape[1] != input_dim and X.shape[0] == input_dim:
            X = X.T
        if X.shape[1] == input_dim:
            m = X.shape[0]
            if data.Y is not None and np.asarray(data.Y).size == m:
                Y = np.asarray(data.Y, dtype=np.float64).reshape(m, 1)
                return X, Y, describe_module_data(data, m)
            Y = default_targets(X, seed)
            return (
                X,
                Y,
                f"your array {data.X_name} {np.shape(data.X)}: {m} samples, with generated "
                f"0/1 targets (no array of {m} targets found beside it)",
            )
        unused = (
            f"`{data.X_name}` {np.shape(data.X)} ({X.shape[1]} features; the network takes "
            f"{input_dim})",
            *unused,
        )
    why = "found no data at the top level of your file"
    if unused:
        why = f"could not use {'; '.join(unused)}"
    if input_dim == 2:
        return XOR_X.copy(), XOR_Y.copy(), f"XOR (4 samples, made by netdoctor): {why}"
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(8, input_dim))
    return (
        X,
        default_targets(X, seed),
        f"8 seeded random samples of {input_dim} features (made by netdoctor): {why}",
    )


def describe_module_data(data: ModuleData, m: int) -> str:
    """`your arrays X (4, 2), y (4,): 4 samples` or `your list `data`: 4 (x, t) pairs`."""
    if data.pairs is not None:
        X = np.asarray(data.X)
        return (
            f"your list `{data.pairs}`: {m} (x, t) pairs, stacked into X {X.shape} "
            f"and Y ({m}, {np.asarray(data.Y).reshape(m, -1).shape[1]})"
        )
    return (
        f"your arrays {data.X_name} {np.shape(data.X)}, {data.Y_name} {np.shape(data.Y)}: "
        f"{m} samples"
    )


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
