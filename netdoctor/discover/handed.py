"""The slices a training step hands its calls inline, as its data: `gradients(params,
Xs[i:i + 20], ys[i:i + 20])`, `self(X[idx])`, `step(params, (X[idx], y[idx]))`. The calls
the follower recorded say which argument got which array; their source text, compiled,
gives each pass's value."""

from __future__ import annotations

import ast
import inspect
from types import CodeType
from typing import Any

import numpy as np

from netdoctor.data import as_pairs
from netdoctor.discover.follow import CallRecord
from netdoctor.discover.replay import Pass
from netdoctor.discover.update_sites import token_of
from netdoctor.floats import user_errstate


def _every_kth(test: ast.expr) -> bool:
    """`j % 300 == 0`, `(epoch + 1) % k == 0 or epoch == last`: a test made of a modulo."""
    return any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) for n in ast.walk(test))


def _a_slice(node: ast.expr) -> bool:
    """`X[idx]`, `Xs[i:i + 20]`; not `np.c_[a, b]` or `np.r_[...]`, which build arrays."""
    if not isinstance(node, ast.Subscript):
        return False
    return not (isinstance(node.value, ast.Attribute) and node.value.attr in ("c_", "r_"))


def handed_slices(
    runner: Pass, calls: list[CallRecord], parameter_objects: set[int]
) -> dict[str, CodeType]:
    """Slices the body hands a call without naming them (`gradients(params, Xs[i:i + 20],
    ys[i:i + 20])`, `self(X[idx])`), by their source text, compiled: the step's data, not
    the arrays they are cut from. Only arrays the observed call got count (never a weight);
    their values are a re-run's, like every other candidate's (the loop moves on)."""
    step = runner.step
    handed: dict[str, CodeType] = {}
    periodic = {  # `if j % 300 == 0: ... predict(np.c_[gx.ravel(), gy.ravel()])`: a plot's
        id(n)  # grid every 300 passes, no step's batch
        for s in step.loop.node.body
        for branch in ast.walk(s)
        if isinstance(branch, ast.If) and _every_kth(branch.test)
        for n in ast.walk(branch)
    }
    for node in (n for s in step.loop.node.body for n in ast.walk(s)):
        if not isinstance(node, ast.Call) or id(node) in periodic:
            continue
        called = token_of(node.func)
        sliced = [(i, a) for i, a in enumerate(node.args) if _a_slice(a)]
        sliced_keywords = [(k.arg, k.value) for k in node.keywords if _a_slice(k.value)]
        # `step(params, (X[idx], y[idx]))`: slices handed inside a tuple, as a batch
        packed = [
            (i, j, e)
            for i, a in enumerate(node.args)
            if isinstance(a, ast.Tuple | ast.List)
            for j, e in enumerate(a.elts)
            if isinstance(e, ast.Subscript)
        ]
        if called is None or not (sliced or sliced_keywords or packed):
            continue
        at_line = [
            r
            for r in calls
            if r.caller == id(step.frame)
            and node.lineno <= r.caller_line <= (node.end_lineno or node.lineno)
        ]
        # `self.loss(y[j], out)`: the function the attribute holds; `self(X[idx])`: __call__
        named = [r for r in at_line if r.code.co_name == called] or [
            r for r in at_line if r.code.co_name == "__call__"
        ]
        record = (named or (at_line if len(at_line) == 1 else []) or [None])[0]
        if record is None:
            continue
        given = _positional(record)
        values = [(given[i], a) for i, a in sliced if i < len(given)]
        values += [(record.arguments[k], a) for k, a in sliced_keywords if k in record.arguments]
        for i, j, expression in packed:
            held = given[i] if i < len(given) else None
            if isinstance(held, tuple | list) and j < len(held):
                values.append((held[j], expression))
        for value, expression in values:
            if not (is_data(value) or _is_batch_of_pairs(value)) or id(value) in parameter_objects:
                continue
            source = ast.unparse(expression)
            handed[source] = compile(ast.Expression(expression), step.code.co_filename, "eval")
    return handed


def _positional(record: CallRecord) -> list[Any]:
    """The values a call was handed by position, a `*args` tuple spread out: `model(X[j])`
    reaching `def __call__(self, *args)` hands X[j] as `args[0]`."""
    code = record.code
    varargs = (
        code.co_varnames[code.co_argcount + code.co_kwonlyargcount]
        if code.co_flags & inspect.CO_VARARGS
        else None
    )
    given: list[Any] = []
    for name, value in record.arguments.items():
        if name == varargs and isinstance(value, tuple):
            given.extend(value)
        elif varargs is None or name not in code.co_varnames[code.co_argcount :]:
            given.append(value)
    return given


def evaluated(handed: dict[str, CodeType], scope: dict[str, Any]) -> list[tuple[str, Any]]:
    """The handed slices' values in a pass's scope after it ran."""
    values: list[tuple[str, Any]] = []
    for source, code in handed.items():
        try:
            with user_errstate():
                value = eval(code, scope, scope)  # the user's own slice, in its own scope
        except TypeError:  # `X[batch]` of a list of rows and a list of indices
            value = _rows_of_list(source, scope)
            if value is None:
                continue
        except Exception:
            continue
        if is_data(value):
            values.append((source, value))
        elif _is_batch_of_pairs(value):  # copied: a shuffle between passes must not move it
            values.append((source, list(value)))
    return values


def _rows_of_list(source: str, scope: dict[str, Any]) -> np.ndarray | None:
    """`X[batch]` where `X` is a list (of rows or of numbers) and `batch` a list of
    indices, as `for k in batch: x = X[k]` walks it: those items, as an array."""
    try:
        node = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Name):
        return None
    items, index = scope.get(node.value.id), None
    if isinstance(node.slice, ast.Name):
        index = scope.get(node.slice.id)
    if not isinstance(items, list | tuple) or not isinstance(index, list | tuple | np.ndarray):
        return None
    try:
        picked = [items[int(i)] for i in index]
        return np.asarray(picked, dtype=np.float64)
    except (TypeError, ValueError, IndexError):
        return None


def _is_batch_of_pairs(value: Any) -> bool:
    """`training_data[k:k + 10]`: a list of `(x, t)` pairs handed on as one mini-batch."""
    return isinstance(value, list) and bool(value) and as_pairs(value) is not None


def is_data(value: Any) -> bool:
    """An array, one sample's number (`y[i]`), or one sample's numbers cut from a row of
    a list of lists (`row[:2]` of `[x1, x2, label]`)."""
    if isinstance(value, list | tuple) and value:
        return all(is_number(item) for item in value)
    return isinstance(value, np.ndarray) or is_number(value)


def is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float | int | np.floating | np.integer):
        return True
    return isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiub"
