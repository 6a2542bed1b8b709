"""Labels of shape (m,) meeting outputs of shape (m, 1) inside the training loop's own lines:
`labels * np.log(prob)` is an (m, m) array, so a loss printed from it (and any `if loss <
tol: break` on it) averages every output against every label, though the gradients, made
from a reshaped copy, are right. Found by evaluating the body's arithmetic on the values
one pass leaves: pure reads of the user's names and NumPy functions, never a user call."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from types import CodeType
from typing import Any

import numpy as np

from netdoctor.discover.replay import LocalsCapture, Pass
from netdoctor.floats import user_errstate
from netdoctor.subject import ParameterValues

SAFE_MODULES = ("np", "numpy")


@dataclass(frozen=True)
class Broadcast:
    line: int
    text: str  # the operation, as written
    left: tuple[int, ...]
    right: tuple[int, ...]


def label_broadcasts(
    runner: Pass, values: ParameterValues, m: int, functions: dict[CodeType, ast.AST]
) -> list[Broadcast]:
    """Operations whose operands have shapes (m,) and (m, 1) (either way round): in the
    loop's body, evaluated in the scope one pass leaves, and in the functions the pass calls
    (`functions`: their code and definition), in their locals as they return; the first per
    line."""
    if m < 2:
        return []
    capture = LocalsCapture(*functions)
    try:
        with user_errstate(), capture:
            scope = runner.run(values)
    except Exception:
        runner.scope()
        return []
    found: dict[int, Broadcast] = {}
    places = [(statement, scope) for statement in runner.step.loop.node.body]
    for code, definition in functions.items():
        local = capture.by_code.get(code)
        if local is not None:
            places.append((definition, {**runner.step.globals, **local}))
    for where, names in places:
        for broadcast in _in(where, names, m):
            found.setdefault(broadcast.line, broadcast)
    runner.scope()
    return [found[line] for line in sorted(found)]


def _in(tree: ast.AST, scope: dict[str, Any], m: int) -> list[Broadcast]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.BinOp) or not (_pure(node.left) and _pure(node.right)):
            continue
        left, right = _shape(node.left, scope), _shape(node.right, scope)
        if left is not None and right is not None and {left, right} == {(m,), (m, 1)}:
            found.append(Broadcast(node.lineno, ast.unparse(node), left, right))
    return found


def _pure(node: ast.expr) -> bool:
    """Names, attributes, subscripts, constants and NumPy calls on them: evaluating it
    again cannot run the user's code."""
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            function = child.func
            if not (
                isinstance(function, ast.Attribute)
                and isinstance(function.value, ast.Name)
                and function.value.id in SAFE_MODULES
            ):
                return False
        elif isinstance(child, ast.Lambda | ast.NamedExpr | ast.Await | ast.Yield):
            return False
    return True


def _shape(node: ast.expr, scope: dict[str, Any]) -> tuple[int, ...] | None:
    try:
        code = compile(ast.Expression(node), "<netdoctor>", "eval")
        with user_errstate():
            value = eval(code, scope, scope)  # the user's own arithmetic, in its own scope
    except Exception:
        return None
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return tuple(value.shape)
    return None
