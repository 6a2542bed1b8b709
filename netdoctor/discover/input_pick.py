"""Which array of the pass's scope is the network's input: rows or columns as wide as
the network's first layer, one sample's vector or number, or the data beside the column
of ones a folded first-layer bias reads. Pure: candidates in, a name and an array out."""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.handed import is_number


def with_ones(
    candidates: list[tuple[str, Any]], input_dim: int | None, first: bool | None
) -> tuple[str, np.ndarray | None]:
    """The inputs with the first layer's column of ones beside them (`x_train` of `inputs =
    np.hstack([ones, X])`, the matrix carrying its bias as a row): the data without the
    ones, as the network's input width counts it, under the name the pass reads. ("", None)
    when no candidate has them."""
    if first is None or input_dim is None:
        return "", None
    for name, value in candidates:
        array = numeric(value)
        if array is None or array.ndim != 2 or array.dtype.kind != "f":
            continue
        if not not_target_name(name):
            continue
        for rows in (array, array.T):
            if rows.shape[1] != input_dim + 1:
                continue
            edge, rest = (rows[:, 0], rows[:, 1:]) if first else (rows[:, -1], rows[:, :-1])
            if np.all(edge == 1):
                return name, rest.astype(np.float64)
    return "", None


def pick_inputs(
    candidates: list[tuple[str, Any]],
    input_dim: int | None,
    batches: frozenset[str] = frozenset(),
    compared: frozenset[str] = frozenset(),
) -> tuple[str, np.ndarray | None]:
    """The first candidate shaped like the network's input: rows or columns of it, one
    sample's vector, or (one input) the number a pass takes from the data (`x, t =
    DATA[0, k], DATA[1, k]`). Never a whole sample whose entry the output is `compared`
    with (`samples[idx]` of `yp - samples[idx][1]`: an `(x, t)` pair as wide as `[1, x]`)."""
    for name, value in candidates:
        if holds_targets(name, compared):
            continue
        if input_dim == 1 and name in batches and is_number(value) and np.ndim(value) == 0:
            if not_target_name(name):
                return name, np.array([[float(value)]])
        array = numeric(value)
        if array is None or input_dim is None:
            continue
        if array.ndim == 2 and array.shape[1] == input_dim and not_target_name(name):
            return name, array.astype(np.float64)
        if array.ndim == 2 and array.shape[0] == input_dim and not_target_name(name):
            return name, array.T.astype(np.float64)
        if array.ndim == 1 and array.size == input_dim and not_target_name(name):
            return name, array.reshape(1, -1).astype(np.float64)
    for name, value in candidates:  # `[x1, x2, label]`: a row whose inputs are all but
        array = numeric(value)  # the last, as the blog tutorial's `activate` reads them
        if array is not None and input_dim is not None and array.shape == (input_dim + 1,):
            if not_target_name(name) and name.isidentifier():
                return f"{name}[:-1]", array[:-1].reshape(1, -1).astype(np.float64)
    return "", None


def holds_targets(name: str, compared: frozenset[str]) -> bool:
    """Whether the output is compared with an entry of `name` (`samples[idx][1]`)."""
    return any(source.startswith(f"{name}[") for source in compared)


def not_target_name(name: str) -> bool:
    base = base_name(name)
    return base not in naming.TARGET_NAMES


def numeric(value: Any) -> np.ndarray | None:
    """A numeric array, as the data's rows: a batch of column vectors (batch, n, 1) or of
    row vectors (batch, 1, n), stacked for `W @ x` broadcast over the batch, is (batch, n)."""
    if isinstance(value, np.ndarray):
        if value.ndim == 3 and 1 in value.shape[1:] and value.shape[0] > 0:
            value = value.reshape(value.shape[0], -1)
        return value if value.dtype.kind in "fiub" and value.size > 0 else None
    if isinstance(value, list | tuple) and value:
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            return None
        return array if array.dtype.kind in "fiub" else None
    return None


def base_name(name: str) -> str:
    """`labels` of `labels[idx]`, `input` of `nn.input`: the name a candidate's role is read
    from (a slice handed to a call is named by its source text)."""
    return name.split("[")[0].split(".")[-1]
