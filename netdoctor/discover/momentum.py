"""Optimizer state the step keeps beside the weights: momentum's velocities (`vW1 = mu *
vW1 - lr * gW1; W1 += vW1`), RMSprop's and Adam's running averages. They change every pass
and are updated from themselves, so they look like parameters; but a weight's update reads
them, and they have that weight's shape. They stay out of the parameters; each pass runs
from their values at the observed pass's start, as every other array does."""

from __future__ import annotations

import ast

import numpy as np

from netdoctor.discover.state import Parameter


def without_optimizer_state(parameters: list[Parameter], tree: ast.AST) -> list[Parameter]:
    """The parameters, less the arrays a parameter's own update reads that have its shape."""
    by_key = {_key(p): p for p in parameters}
    state: set[str] = set()
    for node in ast.walk(tree):
        target, value = _update(node)
        if target is None or value is None or target not in by_key:
            continue
        shape = np.shape(by_key[target].before)
        for name in ast.walk(value):
            key = _expression_key(name)
            if key is None or key == target or key not in by_key:
                continue
            if np.shape(by_key[key].before) == shape:
                state.add(key)
    kept = [p for p in parameters if _key(p) not in state]
    return kept if kept and len(kept) < len(parameters) else parameters


def _update(node: ast.AST) -> tuple[str | None, ast.expr | None]:
    """(the updated name, the expression it is moved by) of `W += v`, `W -= lr * v`,
    `W = W - lr * v`."""
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add | ast.Sub):
        return _expression_key(node.target), node.value
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = _expression_key(node.targets[0])
        value = node.value
        if (
            target is not None
            and isinstance(value, ast.BinOp)
            and isinstance(value.op, ast.Add | ast.Sub)
            and _expression_key(value.left) == target
        ):
            return target, value.right
    return None, None


def _expression_key(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return ast.unparse(node)
    if isinstance(node, ast.Subscript):
        return ast.unparse(node)
    return None


def _key(parameter: Parameter) -> str:
    return parameter.label
