"""Where a file with no loss function of its own says its loss is the squared error: a
statement that computes one (`mse = np.mean((yall - ys01) ** 2) / 2`, often only to print
it every 50 epochs, outside the loop that steps).

Only a hint: `loss_readings.loss_choice` takes it when no loss function, no loss the loop
computes and no log of the outputs says otherwise, and only for targets that are not
labels (a regression squashed into [0, 1]). Beside binary labels the same line is as often
a metric printed next to a cross-entropy network (`A - Y` there is right): the default
stays there. From the file's syntax only.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from netdoctor import naming

_REDUCTIONS = {"mean", "average", "sum"}
_SHOWN = {"print", "append", "format", "write", "info", "debug", "set_description"}


@dataclass(frozen=True)
class SquaredHint:
    line: int
    reduction: str  # "mean" or "sum", as the statement reduces its squares
    half: bool  # `0.5 * ...`, `... / 2`

    @property
    def source(self) -> str:
        return f"the squared error your file computes at line {self.line}"


def squared_error_hint(tree: ast.Module) -> SquaredHint | None:
    """The first statement, in the file's order, that assigns a squared difference to a
    loss-named variable (`err = 0.5 * (a - t) ** 2`, `mse = ...`) or shows a reduced one
    (`print(np.mean((out - y) ** 2))`, `history.append(...)`)."""
    found: list[tuple[int, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = any(
                isinstance(t, ast.Name) and naming.loss_or_error_name(t.id) for t in targets
            )
            if named and node.value is not None and _squared_difference(node.value):
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.Call) and _called(node) in _SHOWN:
            shown = [*node.args, *(k.value for k in node.keywords)]
            if any(_squared_difference(a) and _reduced(a) for a in shown):
                found.append((node.lineno, node))
    if not found:
        return None
    line, value = min(found, key=lambda item: item[0])
    return SquaredHint(line, "mean" if _averaged(value) else "sum", _halved(value))


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _squared_difference(value: ast.AST) -> bool:
    """`(a - t) ** 2`, `np.square(a - t)`, `np.power(a - t, 2)`, `(a - t) * (a - t)`; not
    inside an exponential (`np.exp(-(x - c) ** 2)` makes Gaussian data, not a loss)."""
    inside_exp = {
        id(n)
        for call in ast.walk(value)
        if isinstance(call, ast.Call) and _called(call) in ("exp", "exp2")
        for n in ast.walk(call)
    }
    for node in ast.walk(value):
        if id(node) in inside_exp:
            continue
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Pow)
            and isinstance(node.left, ast.BinOp)
            and isinstance(node.left.op, ast.Sub)
            and isinstance(node.right, ast.Constant)
            and node.right.value == 2
        ):
            return True
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mult)
            and isinstance(node.left, ast.BinOp)
            and isinstance(node.left.op, ast.Sub)
            and ast.dump(node.left) == ast.dump(node.right)
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and _called(node) in ("square", "power")
            and node.args
            and isinstance(node.args[0], ast.BinOp)
            and isinstance(node.args[0].op, ast.Sub)
        ):
            return True
    return False


def _reduced(value: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and _called(n) in _REDUCTIONS for n in ast.walk(value))


def _averaged(value: ast.AST) -> bool:
    """A mean, or a sum divided by something other than 2 (`/ m`, `/ len(X)`)."""
    for node in ast.walk(value):
        if isinstance(node, ast.Call) and _called(node) in ("mean", "average"):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            if not (isinstance(node.right, ast.Constant) and node.right.value == 2):
                return True
    return False


def _halved(value: ast.AST) -> bool:
    for node in ast.walk(value):
        if not isinstance(node, ast.BinOp):
            continue
        if isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant):
            if node.right.value == 2:
                return True
        if isinstance(node.op, ast.Div) and _twice(node.right):  # `/ (2 * m)`
            return True
        if isinstance(node.op, ast.Mult):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and side.value == 0.5:
                    return True
    return False


def _twice(node: ast.AST) -> bool:
    """`2 * m`, `m * 2`, `2. * len(X)`: a divisor that halves what it averages."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mult)
        and any(isinstance(s, ast.Constant) and s.value == 2 for s in (node.left, node.right))
    )
