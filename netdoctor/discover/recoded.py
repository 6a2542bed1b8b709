"""Class numbers the user's own cost turns into the output's targets.

Course files ported from Octave keep the labels as class numbers, 1 and 2, and make the one
sigmoid output's 0/1 targets inside the cost function (`Y = (y == 2)`, `if y[i - 1] == 2`).
The arrays the training loop hands the cost are then not the targets it trains on; read as
they are, every correct gradient disagrees. Only that comparison, in the called function's
own code, recodes them.
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from netdoctor.discover.follow import CallRecord
from netdoctor.discover.loops import function_nodes


def recoded_targets(
    targets: Any, calls: list[CallRecord], tree: ast.Module
) -> tuple[Any, str] | None:
    """Two class numbers (Octave's 1 and 2) that a function the pass calls turns into its
    0/1 targets itself (`Y = (y == 2)` in `nnCostFunction`): the targets it trains on,
    and what to say of them. Only on that evidence in the function's own code."""
    try:
        array = np.asarray(targets, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    classes = np.unique(array)
    if classes.size != 2 or set(classes.tolist()) <= {0, 1}:
        return None
    definitions = function_nodes(tree)
    for record in calls:
        holders = {
            name
            for name, value in record.arguments.items()
            if isinstance(value, np.ndarray | list)
            and np.shape(value) == array.shape
            and np.array_equal(np.asarray(value), array)
        }
        function = definitions.get((record.code.co_name, record.code.co_firstlineno))
        if not holders or function is None:
            continue
        for node in ast.walk(function):
            chosen = _compared_class(node, holders)
            if chosen is not None and chosen in classes:
                recoded = (array == chosen).astype(np.float64)
                said = f"your labels {classes[0]:g} and {classes[1]:g} read as 0 and 1, as "
                said += f"`{ast.unparse(node)}` at line {node.lineno} makes them"
                return recoded, said
    return None


def _compared_class(node: ast.AST, holders: set[str]) -> float | None:
    """c of `y == c` or `c == y` where `y` is one of `holders` and c a number; `y` may be
    indexed or reshaped (`y[i - 1] == 2`, `y.reshape(-1, 1) == 2`)."""
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    if not isinstance(node.ops[0], ast.Eq):
        return None
    sides = (node.left, node.comparators[0])
    for name, constant in (sides, sides[::-1]):
        if (
            _root_name(name) in holders
            and isinstance(constant, ast.Constant)
            and isinstance(constant.value, int | float)
            and not isinstance(constant.value, bool)
        ):
            return float(constant.value)
    return None


def _root_name(node: ast.expr) -> str | None:
    """`y` of `y`, `y[i]`, `y.T`, `y.reshape(-1, 1)`, `y.ravel()[i]`."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Subscript | ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return None
