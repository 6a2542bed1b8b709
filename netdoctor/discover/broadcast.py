"""Labels of shape (m,) meeting outputs of shape (m, 1) inside the training loop's own lines:
`labels * np.log(prob)` is an (m, m) array, so a loss printed from it (and any `if loss <
tol: break` on it) averages every output against every label, though the gradients, made
from a reshaped copy, are right. Found by evaluating the body's arithmetic on the values
one pass leaves: pure reads of the user's names and NumPy functions, never a user call;
and by running a function of the file that only reads (`evaluate(X_train, y_train)` of
the epoch loop) on those values, its arithmetic read as it returns."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from types import CodeType, FunctionType
from typing import Any

import numpy as np

from netdoctor.discover.replay import LocalsCapture, Pass
from netdoctor.discover.stepping import called_name
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
        if not _elementwise(node) or not (_pure(node.left) and _pure(node.right)):
            continue
        left, right = _shape(node.left, scope), _shape(node.right, scope)
        if left is not None and right is not None and {left, right} == {(m,), (m, 1)}:
            found.append(Broadcast(node.lineno, ast.unparse(node), left, right))
    return found


def _pure(node: ast.expr, reading: frozenset[str] = frozenset()) -> bool:
    """Names, attributes, subscripts, constants and NumPy calls on them: evaluating it
    again cannot run the user's code, but for the `reading` functions named, which change
    nothing outside themselves."""
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            function = child.func
            if (
                not (
                    isinstance(function, ast.Attribute)
                    and isinstance(function.value, ast.Name)
                    and function.value.id in SAFE_MODULES
                )
                and called_name(child) not in reading
            ):
                return False
        elif isinstance(child, ast.Lambda | ast.NamedExpr | ast.Await | ast.Yield):
            return False
    return True


def _evaluated(node: ast.expr, scope: dict[str, Any]) -> Any:
    """The expression's value in the user's scope (raises what the user's code raises)."""
    code = compile(ast.Expression(node), "<netdoctor>", "eval")
    with user_errstate():
        return eval(code, scope, scope)  # the user's own arithmetic, in its own scope


def _shape(node: ast.expr, scope: dict[str, Any]) -> tuple[int, ...] | None:
    try:
        value = _evaluated(node, scope)
    except Exception:
        return None
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return tuple(value.shape)
    return None


def evaluation_broadcasts(
    runner: Pass, values: ParameterValues, tree: ast.Module
) -> list[Broadcast]:
    """The same in a loss the loops around the step report (`tr_loss, acc =
    evaluate(X_train, y_train)` once an epoch, its early stopping read from it): a function
    of the file that only reads, called there with a label array of shape (m,), is run on
    the values one pass leaves, and its arithmetic read as it returns."""
    step = runner.step
    loops = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.For | ast.While) and node.lineno in step.loop.enclosing
    ]
    reading = _reading_functions(tree)
    readers = {node.name: node for node in tree.body if node in reading}  # module functions
    inside = {id(node) for node in ast.walk(step.loop.node)}
    calls = [
        call
        for loop in loops
        for call in ast.walk(loop)
        if isinstance(call, ast.Call)
        and id(call) not in inside
        and isinstance(call.func, ast.Name)
        and call.func.id in readers
        and not call.keywords
        and all(_pure(argument) for argument in call.args)
    ]
    names = frozenset(node.name for node in reading)
    reported = _reported_arithmetic(tree, step.loop.node, loops, step.is_module, names)
    if not calls and not reported:
        return []
    try:
        with user_errstate():
            scope = runner.run(values)
    except Exception:
        runner.scope()
        return []
    found: dict[int, Broadcast] = {}
    for call in calls:
        for broadcast in _in_call(call, readers[call.func.id], scope, step.globals):
            found.setdefault(broadcast.line, broadcast)
    for node in reported:  # `np.mean((net.predict(X) - y) ** 2)` every 400 steps
        left, right = _shape(node.left, scope), _shape(node.right, scope)
        if left is not None and right is not None and _flat_against_column(left, right):
            found.setdefault(node.lineno, Broadcast(node.lineno, ast.unparse(node), left, right))
    runner.scope()
    return [found[line] for line in sorted(found)]


def _reported_arithmetic(
    tree: ast.Module,
    step_loop: ast.stmt,
    loops: list[ast.stmt],
    at_top: bool,
    reading: frozenset[str],
) -> list[ast.BinOp]:
    """Arithmetic that calls a reading function or method of the file on its way
    (`net.predict(X) - y`, `predict(x_test) - y_test`): in the step's loop (a report every
    N steps, which the first pass skips), the loops around it, and, for a loop at top
    level, the statements after it (a test error). Read on the values one pass leaves."""
    places: list[ast.AST] = [step_loop, *loops]
    if at_top:
        outer = next((s for s in tree.body if any(n is step_loop for n in ast.walk(s))), None)
        if outer is not None:
            places += tree.body[tree.body.index(outer) + 1 :]
    return [
        node
        for place in places
        for node in ast.walk(place)
        if _elementwise(node)
        and _pure(node.left, reading)
        and _pure(node.right, reading)
        and any(_calls(side, reading) for side in (node.left, node.right))
    ]


def _elementwise(node: ast.AST) -> bool:
    """`a - b`, `a * b`, ...: the operations that broadcast; `h @ w` of (k,) and (k, 1) is
    a product, one number per column, no (k, k) array."""
    return isinstance(node, ast.BinOp) and not isinstance(node.op, ast.MatMult)


def _reading_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    """Functions and methods of the file that change nothing outside themselves."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name != "__init__" and _only_reads(node)
    ]


def _calls(node: ast.expr, reading: frozenset[str]) -> bool:
    return any(isinstance(c, ast.Call) and called_name(c) in reading for c in ast.walk(node))


def _flat_against_column(left: tuple[int, ...], right: tuple[int, ...]) -> bool:
    """Shapes (k,) and (k, 1), either way round, k of any size above 1 (a test set's)."""
    for flat, column in ((left, right), (right, left)):
        if len(flat) == 1 and flat[0] > 1 and column == (flat[0], 1):
            return True
    return False


def _in_call(
    call: ast.Call, definition: ast.FunctionDef, scope: dict[str, Any], module: dict[str, Any]
) -> list[Broadcast]:
    function = scope.get(definition.name, module.get(definition.name))
    if not isinstance(function, FunctionType):
        return []
    try:
        arguments = [_evaluated(argument, scope) for argument in call.args]
    except Exception:
        return []
    labels = [a for a in arguments if isinstance(a, np.ndarray) and a.ndim == 1 and a.size > 1]
    if not labels:
        return []
    capture = LocalsCapture(function.__code__)
    try:
        with user_errstate(), capture:
            function(*[a.copy() if isinstance(a, np.ndarray) else a for a in arguments])
    except Exception:
        return []
    local = capture.values
    return [] if local is None else _in(definition, {**module, **local}, labels[0].size)


def _only_reads(definition: ast.FunctionDef) -> bool:
    """A function that changes nothing outside itself: no `global`, no `+=`, no store
    into an item or another object's attribute (running it again leaves the user's state
    as it was); a method may keep what it computed on itself (`self.H = np.tanh(...)` of a
    `predict`, which every pass computes afresh before reading)."""
    for node in ast.walk(definition):
        if isinstance(node, ast.Global | ast.Nonlocal | ast.AugAssign):
            return False
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(
                isinstance(t, ast.Subscript)
                or (isinstance(t, ast.Attribute) and ast.unparse(t.value) != "self")
                or (isinstance(t, ast.Attribute) and _reads(node.value, ast.unparse(t)))
                for t in targets
            ):
                return False  # (`self.W = self.W - lr * g` is a step, not a cache)
    return True


def _reads(value: ast.expr | None, text: str) -> bool:
    return value is not None and any(ast.unparse(n) == text for n in ast.walk(value))
