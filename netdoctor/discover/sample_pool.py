"""Every input row a one-sample step is drawn from, for facts about the data as a whole.

A per-sample check runs the user's pass on one sample, so the subject's inputs are one
row. A fact such as "the third input is always 1" (the first layer's bias, iamtrask's
`[0, 0, 1]` rows) needs the rows the sample comes from: the array or list of pairs in
the pass's scope that holds that row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from netdoctor.data import as_pairs


def rows_holding(sample: np.ndarray, candidates: Iterable[tuple[str, Any]]) -> np.ndarray | None:
    """The largest table in `candidates` (arrays, lists of rows, lists of `(x, t)` pairs)
    with the sample's width and more than one row, one of which is the sample."""
    row = np.asarray(sample, dtype=np.float64).reshape(-1)
    best: np.ndarray | None = None
    for _, value in candidates:
        tables = [_rows(value, row.size)]
        if row.size == 1:  # one input: a vector of them (`xs`), or a table's line (`DATA[0]`)
            tables += [line.reshape(-1, 1) for line in _lines(value)]
        for table in tables:
            if table is None or table.shape[0] < 2:
                continue
            if not np.any(np.all(np.isclose(table, row), axis=1)):
                continue
            if best is None or table.shape[0] > best.shape[0]:
                best = table
    return best


def _lines(value: Any) -> list[np.ndarray]:
    """A float vector as it is; a float table's rows and columns: where one number per
    sample may be kept (`DATA = np.vstack([xs, ys])` keeps samples as columns)."""
    if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
        return []
    if value.ndim == 1:
        return [value.astype(np.float64)]
    if value.ndim == 2 and min(value.shape) <= 8:  # a few features, many samples
        return [*value.astype(np.float64), *value.T.astype(np.float64)]
    return []


def _rows(value: Any, width: int) -> np.ndarray | None:
    """`value` as a float table of `width` columns, or None: a list of `(inputs, target)`
    pairs, an array of rows or a list of them; whatever else the scope holds (a cache of
    arrays of several shapes) is none."""
    pairs = as_pairs(value)
    if pairs is not None:
        table = pairs[0]
    else:
        try:
            table = np.asarray(value, dtype=np.float64)
        except (ValueError, TypeError):
            return None
    if table.ndim == 3 and table.shape[1] == 1:  # rows kept as (1, n) arrays
        table = table[:, 0, :]
    if table.ndim != 2 or table.shape[1] != width:
        return None
    return table


def targets_holding(
    target: np.ndarray, rows: int, candidates: Iterable[tuple[str, Any]]
) -> np.ndarray | None:
    """Every target of the table a one-sample step's target comes from: the array in
    `candidates` with one number per row of the inputs' table (`rows`), one of which is
    the step's; or the targets of `(x, t)` pairs."""
    wanted = np.asarray(target, dtype=np.float64).reshape(-1)
    if wanted.size != 1 or rows < 2:
        return None
    for _, value in candidates:
        pairs = as_pairs(value)
        try:  # (anything in the scope, as above)
            table = (pairs[1] if pairs is not None else np.asarray(value, np.float64)).reshape(-1)
        except (ValueError, TypeError):
            continue
        lines = _lines(value) if isinstance(value, np.ndarray) and value.ndim == 2 else []
        for line in [table, *lines]:
            if line.size == rows and np.any(np.isclose(line, wanted[0])):
                return line  # (a table's line: `DATA[1]` of samples kept as columns)
    return None
