"""The loss a training loop computes inline (`loss = np.mean((out - y) ** 2)`), as a function.

A file without a loss function often still says which loss it means: the loop computes one
to print. Run from any parameter values, the pass gives that number; `identify.identify_loss`
fingerprints it against the BCE and squared-error variants, so the truth is computed for
the loss the user watches, not for a default.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from types import CodeType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.common import function_tree
from netdoctor.discover.replay import LocalsCapture, Pass
from netdoctor.floats import user_errstate
from netdoctor.subject import ParameterValues

_RETURNED = "<return>"  # what a loss function returns, beside its locals

LoopLosses = Callable[[ParameterValues], list[tuple[str, int, float]]]


def loop_losses(runner: Pass) -> LoopLosses | None:
    """The loss-named scalars one pass computes at given values, as (name, line, value) in
    the body's order; None when the body assigns none. Nothing runs until a check asks
    (only a file without a loss function needs it)."""
    assigned = _assignments(runner.step.loop.node.body)
    called = _returned_losses(runner)
    if not assigned and not called:
        return None

    def losses(values: ParameterValues) -> list[tuple[str, int, float]]:
        capture = LocalsCapture(*called) if called else None
        with user_errstate():
            local = runner.run(values, capture=capture)
        found = [(name, line, _scalar(local.get(name))) for line, name in assigned]
        for code, named in called.items():
            kept = dict(capture.by_code.get(code, {})) if capture is not None else {}
            if capture is not None and code in capture.returned:
                kept.update(_returned_parts(capture.returned[code]))
            found += [
                (
                    f"{code.co_name}()" if name.startswith(_RETURNED) else name,
                    line,
                    _scalar(kept.get(name)),
                )
                for line, name in named
            ]
        return [(name, line, value) for name, line, value in found if value is not None]

    return losses


def _returned_losses(runner: Pass) -> dict[CodeType, list[tuple[int, str]]]:
    """The file's functions and methods that compute a loss and return it (`err = 0.5 *
    (self.a - target) ** 2 ... return err` of a per-sample `learn_from`, the loop only
    summing what it returns): code -> (line, name) of each such local."""
    found: dict[CodeType, list[tuple[int, str]]] = {}
    for function in _user_functions(runner):
        code = function.__code__
        tree = function_tree(function)
        if tree is None:
            continue
        returned = {
            n.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Return) and node.value is not None
            for n in ast.walk(node.value)
            if isinstance(n, ast.Name)
        }
        named = [
            (code.co_firstlineno - 1 + node.lineno, t.id)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
            and t.id in returned
            and (naming.loss_or_error_name(t.id) or loss_shaped(node.value, per_sample=True))
        ]
        # `return np.mean((A - Y) ** 2)` of a loss object's `value()`: what it returns,
        # or the part of it that is a loss (`return [gW1, gb1], ((a - y) ** 2).mean()`)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Return) or node.value is None:
                continue
            line = code.co_firstlineno - 1 + node.lineno
            if isinstance(node.value, ast.Tuple):
                named += [
                    (line, f"{_RETURNED}[{i}]")
                    for i, part in enumerate(node.value.elts)
                    if loss_shaped(part, per_sample=True)
                ]
            elif loss_shaped(node.value, per_sample=True):
                named.append((line, _RETURNED))
        if named:
            found[code] = sorted(set(named))
    return found


def _returned_parts(value: Any) -> dict[str, Any]:
    """What a function returned, whole and item by item (`(grads, loss)`)."""
    parts = {_RETURNED: value}
    if isinstance(value, tuple | list) and len(value) <= 8:
        parts.update({f"{_RETURNED}[{i}]": part for i, part in enumerate(value)})
    return parts


def _user_functions(runner: Pass) -> list[Any]:
    """Functions and methods defined in the checked file, from the pass's globals."""
    seen: list[Any] = []
    filename = runner.step.code.co_filename  # as the file was compiled, whatever the path
    for value in list(runner.step.globals.values()):
        members = list(vars(value).values()) if isinstance(value, type) else [value]
        for member in members:
            member = getattr(member, "__func__", member)  # staticmethod, classmethod
            code = getattr(member, "__code__", None)
            if isinstance(code, CodeType) and code.co_filename == filename:
                if member not in seen:
                    seen.append(member)
    return seen


def in_layer_arrays(losses: LoopLosses, layout: Any) -> LoopLosses:
    """The same losses, called with the layer arrays the checks use when the user keeps
    the network in another layout (`discover.neurons`: folded biases, one flat vector):
    `layout.unpack` gives the user's own arrays back."""

    def in_layers(values: ParameterValues) -> list[tuple[str, int, float]]:
        return losses(layout.unpack(values))

    return in_layers


def _assignments(body: list[ast.stmt]) -> list[tuple[int, str]]:
    """Plain `name = ...` assignments in the body, in order (not `+=`: a running total over
    samples or epochs is not the loss at one point)."""
    found: list[tuple[int, str]] = []
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Assign):
                found += [
                    (node.lineno, t.id)
                    for t in node.targets
                    if isinstance(t, ast.Name)
                    and (naming.loss_or_error_name(t.id) or loss_shaped(node.value))
                ]
    return sorted(set(found))


_REDUCTIONS = {"mean", "sum", "average"}


def loss_shaped(value: ast.expr, per_sample: bool = False) -> bool:
    """A value computed like a loss whatever its name (`Fehler = 0.5 * np.mean((a - y) **
    2)`, `perdida = -np.mean(y * np.log(p) + ...)`): a mean or sum over logs or squares;
    `per_sample`: also one sample's squared difference (`0.5 * (a - t) ** 2`), unreduced.
    Only a candidate: `identify_loss` keeps it when it fingerprints as one."""
    called = {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(value)
        if isinstance(node, ast.Call)
    }
    squared = any(
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Pow)
        and isinstance(node.right, ast.Constant)
        and node.right.value == 2
        for node in ast.walk(value)
    )
    if per_sample and any(
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Pow)
        and isinstance(node.left, ast.BinOp)
        and isinstance(node.left.op, ast.Sub)
        for node in ast.walk(value)
    ):
        return squared
    return bool(called & _REDUCTIONS) and (
        squared or bool(called & {"log", "square", "log1p", "logaddexp", "xlogy"})
    )


def _scalar(value: object) -> float | None:
    if isinstance(value, float | np.floating) or (
        isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind == "f"
    ):
        number = float(np.asarray(value).reshape(-1)[0])
        return number if np.isfinite(number) else None
    return None
