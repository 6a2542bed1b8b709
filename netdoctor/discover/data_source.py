"""Say where the data of an observed training step comes from, in the file's own terms.

The step is fed what the loop hands it: the whole set (`X`, `y`), one sample of it (`for
x, t in data:`), or a batch (`xb = X[idx]`). The report names the set behind it (the
list of pairs, the two lists zipped, the arrays sliced), how many samples it holds, the
line that makes it, and where that line got it: a file read with numpy, a function of the
user's, numpy's random generator. A reader can then tell at a glance that netdoctor used
their data, and which.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from typing import Any

import numpy as np

from netdoctor.discover.loops import binds

READERS = ("loadtxt", "genfromtxt", "load", "fromfile", "read_csv", "open")
SEARCH_DEPTH = 4  # assignments followed back from the data to where it was read or made


def describe_step_data(
    loop: ast.For | ast.While,
    function: str,
    tree: ast.Module,
    values: Sequence[tuple[str, Any]],
    fed: tuple[str, Any, str, Any],
    m: int,
) -> str:
    """`fed` is (X name, X as the step reads it, Y name, Y as read), `m` the samples one
    step takes; `values` what the step's scope holds. The set is looked for among the
    names the loop iterates or slices."""
    X_name, X_raw, Y_name, Y_raw = fed
    scope: dict[str, Any] = {}
    global_too: set[str] = set()  # an argument the global of its name was handed as
    for name, value in values:  # the step's own first: `X` of `fit(X_train)`, not the global
        if name in scope and scope[name] is value:
            global_too.add(name)
        scope.setdefault(name, value)
    shown = f"{X_name} {_shape(X_raw)}, {Y_name} {_shape(Y_raw)}"
    # a slice handed to a call (`X[i]`, `points[idx]`) is cut from its root's whole set
    roots = [n.split("[")[0] for n in (X_name, Y_name) if "[" in n]
    sources = [
        n
        for n in dict.fromkeys([*roots, *_iterated(loop)])
        if n not in (X_name, Y_name) and _is_collection(scope.get(n, None))
    ]
    sources = [n for n in sources if not _indexes_another(scope[n], [scope[o] for o in sources])]
    if not sources:  # the step reads the whole set itself
        where = _origin(tree, function, X_name, X_name not in global_too)
        return f"your arrays {shown}: {m} samples" + (f" ({X_name} {where})" if where else "")
    first = scope[sources[0]]
    total = _samples_in(first, X_raw, m)
    if len(sources) == 1 and _is_pairs(first) and not X_name.startswith("("):  # (x1, x2): rows
        whole = f"your list `{sources[0]}` of {total} (x, t) pairs"
    else:
        names = " and ".join(f"`{n}` {_shape(scope[n])}" for n in sources[:2])
        whole = f"your {'arrays' if len(sources) > 1 else 'array'} {names}, {total} samples"
    where = _origin(tree, function, sources[0], sources[0] not in global_too)
    each = "one sample" if m == 1 else f"batches of {m}"
    return whole + (f" ({where})" if where else "") + f"; {each} per step: {shown}"


def _samples_in(whole: Any, step_inputs: Any, m: int) -> int:
    """How many samples the whole set holds: its length, or its columns when the step
    reads samples as columns (X (2, 300) cut into (2, 32) batches holds 300, not 2)."""
    shape, step = _shape(whole), _shape(step_inputs)
    columns = len(step) == 2 and step[1] == m and step[0] != m
    if columns and len(shape) == 2 and shape[0] == step[0]:
        return shape[1]
    if m == 1 and len(step) == 1 and len(shape) == 2 and shape[0] == step[0]:
        return shape[1]  # one column `PAT[:, p]` of the whole at a time
    return len(whole)


def _indexes_another(value: Any, collections: list[Any]) -> bool:
    """`order` in `for i in order: x = features[i]`: integer positions into another of
    the collections (a shuffled permutation, a batch of indices), not samples."""
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return False
    if array.dtype.kind not in "iu" or array.ndim != 1 or array.size == 0:
        return False
    lengths = [len(c) for c in collections if c is not value and len(c) > 0]
    return bool(lengths) and int(array.min()) >= 0 and int(array.max()) < max(lengths)


def _is_collection(value: Any) -> bool:
    if isinstance(value, np.ndarray):
        return value.ndim > 0 and value.size > 0
    return isinstance(value, list | tuple) and len(value) > 0


def _shape(value: Any) -> tuple[int, ...]:
    try:
        return tuple(np.shape(value))
    except (ValueError, TypeError):  # a ragged list of pairs
        return (len(value),) if isinstance(value, list | tuple) else ()


def _is_pairs(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(item, list | tuple) and len(item) == 2 for item in value)
    )


def _iterated(loop: ast.For | ast.While) -> list[str]:
    """Names the loop walks or its body slices: `data` in `for x, t in data`, `xs`, `ys` in
    `zip(xs, ys)`, `X` in `x = X[i]`, the arguments of a batch generator `batches(X, Y)`."""
    names: list[str] = []
    if isinstance(loop, ast.For):
        names += _names_in(loop.iter)
    for statement in loop.body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript | ast.Tuple):
                parts = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                for part in parts:
                    if isinstance(part, ast.Subscript) and isinstance(part.value, ast.Name):
                        names.append(part.value.id)
    return list(dict.fromkeys(names))


def _names_in(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Call):  # zip(xs, ys), enumerate(data), batches(X, Y, 8)
        found: list[str] = []
        for argument in node.args:
            found += _names_in(argument)
        return found
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return [node.value.id]  # data[:n]
    return []


def _origin(tree: ast.Module, function: str, name: str, handed: bool = True) -> str:
    """`set at line 4, read from points.csv by np.loadtxt at line 3`, or just the line;
    `handed to your fit()` for an argument that is not the global of its name (`handed`)."""
    base = name.split(".")[-1]
    if handed and _an_argument_of(tree, function, base):  # `fit(model, X_train, y_train)`
        return f"handed to your `{function}()`"
    assignment = _assignment(tree, function, base)
    if assignment is None:
        return ""
    made = _made_by(tree, function, assignment, SEARCH_DEPTH)
    return f"set at line {assignment.lineno}" + (f", {made}" if made else "")


def _an_argument_of(tree: ast.Module, function: str, name: str) -> bool:
    """Whether `name` is an argument of the loop's function that it never reassigns: a
    global of the same name is another set (the whole data before a split)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function:
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            return name in {a.arg for a in arguments} and not any(
                isinstance(n, ast.Assign | ast.AnnAssign) and binds(n, name) for n in ast.walk(node)
            )
    return False


def _made_by(tree: ast.Module, function: str, assignment: ast.stmt, depth: int) -> str | None:
    """What the assignment's value comes from, following names back a few assignments."""
    value = getattr(assignment, "value", None)
    if value is None:
        return None
    for node in ast.walk(value):
        if not isinstance(node, ast.Call):
            continue
        called = _called_name(node.func)
        read = _string(node.args[0]) if node.args else None
        if called in READERS and read is not None:
            return f"read from {read} by {_dotted(node.func)} at line {node.lineno}"
        if _dotted(node.func).startswith(("np.random.", "numpy.random.", "rng.", "random.")):
            return f"drawn at random at line {node.lineno}"
        defined = _defined_function(tree, called)
        if defined is not None:
            return f"returned by your `{called}()` (line {defined.lineno})"
    if depth == 0:
        return None
    earlier = {
        node.id: _assignment(tree, function, node.id, before=assignment.lineno)
        for node in ast.walk(value)
        if isinstance(node, ast.Name)
    }
    lists = [
        f"`{name}` (line {node.lineno})"
        for name, node in earlier.items()
        if node is not None and isinstance(getattr(node, "value", None), ast.List | ast.Tuple)
    ]
    if lists:
        return f"made from your list{'s' if len(lists) > 1 else ''} {' and '.join(lists)}"
    for node in earlier.values():
        made = _made_by(tree, function, node, depth - 1) if node is not None else None
        if made is not None:
            return made
    return None


def _assignment(
    tree: ast.Module, function: str, name: str, before: int | None = None
) -> ast.stmt | None:
    """The assignment of `name` the step sees: in the loop's function first (the last one
    before `before`, when given), else at top level, else anywhere."""
    scopes: list[list[ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function:
            scopes.append(list(ast.walk(node)))
    scopes.append(list(tree.body))
    scopes.append(list(ast.walk(tree)))
    for nodes in scopes:
        found = [
            n
            for n in nodes
            if isinstance(n, ast.Assign | ast.AnnAssign)
            and binds(n, name)
            and (before is None or n.lineno < before)
        ]
        if found:
            return max(found, key=lambda n: n.lineno) if before is not None else found[0]
    return None


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _dotted(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return f"{_dotted(func.value)}.{func.attr}"
    return func.id if isinstance(func, ast.Name) else "?"


def _string(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _defined_function(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None
