"""Where the learning rate is written: the line to change when the step is too large or too
small (ND308). Pure syntax: the file's tree and the rate the step was read to use."""

from __future__ import annotations

import ast
import math

from netdoctor import naming

_RATE_NAMES = {name.lower() for name in naming.LEARNING_RATE_NAMES}


def rate_line(tree: ast.Module, rate: float | None) -> int | None:
    """The first place the number `rate` is given to a rate-named name: `lr = 50`,
    `alpha = 50.0`, a default `def train(..., lr=50)`, a keyword `train(X, y, lr=50)`, a
    dict entry `{"lr": 50}`, or `self.learning_rate = learning_rate` fed by one of those
    (the number's own line). None when the rate is written nowhere as that number."""
    if rate is None or not math.isfinite(rate) or rate <= 0:
        return None
    found: list[int] = []
    for node in ast.walk(tree):
        for name, value in _named_values(node):
            if _rate_named(name) and _is_number(value, rate):
                found.append(value.lineno)
    return min(found) if found else None


def _named_values(node: ast.AST) -> list[tuple[str, ast.expr]]:
    """(name, value) pairs a statement or expression binds by name."""
    if isinstance(node, ast.Assign):
        return [(_target_name(t), node.value) for t in node.targets]
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return [(_target_name(node.target), node.value)]
    if isinstance(node, ast.keyword) and node.arg:
        return [(node.arg, node.value)]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaulted = positional[len(positional) - len(args.defaults) :]
        paired = list(zip(defaulted, args.defaults, strict=True))
        paired += [
            (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
        ]
        return [(a.arg, d) for a, d in paired]
    if isinstance(node, ast.Dict):
        return [
            (k.value, v)
            for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    return []


def _target_name(target: ast.expr) -> str:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return ""


def _rate_named(name: str) -> bool:
    return name.lower() in _RATE_NAMES or "learning_rate" in name.lower()


def _is_number(value: ast.expr, rate: float) -> bool:
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
        return False  # a rate is positive
    if not isinstance(value, ast.Constant) or isinstance(value.value, bool):
        return False
    number = value.value
    return isinstance(number, int | float) and math.isclose(float(number), rate, rel_tol=1e-9)
