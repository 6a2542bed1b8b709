"""A first training step that crashed on labels of shape (m,), run again with them as a
column.

`A2 - Y` with outputs (m, 1) and labels (m,) is (m, m), and the next matrix product
raises: the user's run ends before any training step, so there is no step to check, and a
check by name would use other data. The crash is the bug (ND206), but the network is
still worth checking: the call that was handed the labels (`fit(points, labels)`, the
outermost one) is made again with `labels.reshape(-1, 1)`, and that run's step is the
subject, with the crash as the evidence that the labels' own shape fails.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor.discover.common import user_frames
from netdoctor.discover.crash import _label_like, flat_labels, last_user_frame
from netdoctor.discover.follow import CallRecord, Observation
from netdoctor.discover.helpers import _assignment_line, module_statements


@dataclass
class ColumnLabels:
    call: Callable[[], Any]  # the outermost call handed the labels, with them as a column
    name: str  # the labels' name where the file made them
    shape: tuple[int, ...]  # as the file made them: (m,)
    failure: str  # what the file's own run raised with them
    line: int | None  # where the file made them


def column_labels_retry(observation: Observation, tree: ast.Module) -> ColumnLabels | None:
    """The retry for a run that raised with (m,) labels beside (m, 1) outputs; None when
    the run did not end that way or no call of the user's was handed those labels."""
    crashed = _crashed_on_labels(observation)
    if crashed is None:
        return None
    flat_name, labels = crashed
    record = _first_handed(observation.calls, labels)
    if record is None or record.function is None:
        return None
    name = _global_name(observation.namespace, labels) or flat_name
    failure = _failure(observation, name, labels)
    column = labels.reshape(-1, 1)
    arguments = {k: (column if v is labels else v) for k, v in record.arguments.items()}
    function, instance = record.function, record.instance

    def call() -> Any:
        if instance is not None:
            return function(instance, **arguments)
        return function(**arguments)

    return ColumnLabels(call, name, tuple(labels.shape), failure, _assignment_line(tree, name))


def module_labels_retry(
    observation: Observation, tree: ast.Module, namespace: dict[str, Any]
) -> ColumnLabels | None:
    """The file run again with its labels made a column right after each module-level
    assignment of them (`targets = targets * 5`, then `targets = column(targets)`): for
    a training loop at top level or in a notebook, where no call of the user's was handed
    the labels. `namespace` is where the file's run leaves its globals."""
    crashed = _crashed_on_labels(observation)
    if crashed is None:
        return None
    labels = crashed[1]
    name = _global_name(namespace, labels) or _global_source(namespace, labels)
    if name is None:
        return None
    name = _made_once(tree, namespace, name)
    rewritten = _with_column_labels(tree, name)
    if rewritten is None:
        return None
    code = compile(rewritten, observation.path, "exec")
    made = namespace.get(name)
    failure = _failure(observation, name, made if _flat_array(made) else labels)
    namespace[_COLUMN] = _column

    def call() -> Any:
        exec(code, namespace)

    return ColumnLabels(call, name, tuple(labels.shape), failure, _assignment_line(tree, name))


def _made_once(tree: ast.Module, namespace: dict[str, Any], name: str) -> str:
    """The flat label array the crashed name is cut from, as the file made it once at
    module level: a mini-batch `yb = y_train[i:i + 16]` bound in the loop is made a column
    where `y = np.array(labels)` was (shuffles and slices keep the column), not in the
    loop. `name` itself when it is made once, or its source cannot be told."""
    once = module_statements(tree.body, once=True)
    seen = {name}
    current = name
    while not any(_binds(s, current) for s in once):
        sources = [
            source
            for statement in module_statements(tree.body)
            for source in _read_into(statement, current)
            if source not in seen and _flat_array(namespace.get(source))
        ]
        if not sources:
            return name
        current = sources[0]
        seen.add(current)
    while True:  # then back to the first flat array it was cut from (`y_train` from `y`)
        made = [s for s in once if _binds(s, current)]
        sources = [
            source
            for source in _read_into(made[-1], current)
            if source not in seen
            and _flat_array(namespace.get(source))
            and any(_binds(s, source) for s in once)
        ]
        if not sources:
            return current
        current = sources[0]
        seen.add(current)


def _read_into(statement: ast.stmt, name: str) -> list[str]:
    """The names read by the part of `statement` that binds `name`: `y[perm[:cut]]` for
    `y_train` in `X_train, y_train = X[perm[:cut]], y[perm[:cut]]`."""
    if not isinstance(statement, ast.Assign) or not _binds(statement, name):
        return []
    value: ast.expr = statement.value
    for target in statement.targets:
        if (
            isinstance(target, ast.Tuple)
            and isinstance(value, ast.Tuple)
            and len(target.elts) == len(value.elts)
        ):
            for element, part in zip(target.elts, value.elts, strict=True):
                if isinstance(element, ast.Name) and element.id == name:
                    value = part
    return [n.id for n in ast.walk(value) if isinstance(n, ast.Name) and n.id != name]


def _flat_array(value: Any) -> bool:
    return isinstance(value, np.ndarray) and value.ndim == 1 and value.size >= 2


def _crashed_on_labels(observation: Observation) -> tuple[str, np.ndarray] | None:
    """(name, labels) when the run raised with labels of shape (m,) beside (m, 1) outputs
    in its innermost frame of the user's file."""
    error = observation.error
    if observation.ended != "raised" or error is None:
        return None
    frame = last_user_frame(error, observation.path)
    found = flat_labels(dict(frame.f_locals)) if frame is not None else None
    return (found[0], found[2]) if found is not None else None


def _failure(observation: Observation, name: str, labels: np.ndarray) -> str:
    """What the file's own run raised with the labels as it made them (ND206's evidence)."""
    error = observation.error
    frames = user_frames(error, observation.path) if error is not None else []
    where = f" at line {frames[-1][0]} (`{frames[-1][2]}`)" if frames else ""
    return (
        f"with `{name}` of shape {labels.shape} your file raised "
        f"{type(error).__name__}{where}: {error}"
    )


_COLUMN = "__netdoctor_column__"


def _column(value: Any) -> Any:
    """The labels as an (m, 1) array, in their own dtype; anything that is not a flat
    sequence of numbers as it is."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return value
    if array.ndim != 1 or array.size < 2 or array.dtype.kind not in "biuf":
        return value
    return array.reshape(-1, 1)


def _with_column_labels(tree: ast.Module, name: str) -> ast.Module | None:
    """A copy of the module with `name = __netdoctor_column__(name)` after the last
    module-level statement that binds `name` (blocks included, functions not): the labels
    as the file finally makes them (`targets = []`, appends, `targets = targets * 5`: a
    list stays a list until then)."""
    copied = copy.deepcopy(tree)
    binding = [s for s in module_statements(copied.body, once=True) if _binds(s, name)]
    if not binding:
        return None
    last = binding[-1]

    def rewrite(body: list[ast.stmt]) -> list[ast.stmt]:
        result: list[ast.stmt] = []
        for statement in body:
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                for field in ("body", "orelse", "finalbody"):
                    inner = getattr(statement, field, None)
                    if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                        setattr(statement, field, rewrite(inner))
            result.append(statement)
            if statement is last:
                reshape = ast.parse(f"{name} = {_COLUMN}({name})").body[0]
                result.append(ast.copy_location(reshape, statement))
        return result

    copied.body = rewrite(copied.body)
    return ast.fix_missing_locations(copied)


def _binds(statement: ast.stmt, name: str) -> bool:
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AugAssign | ast.AnnAssign):
        targets = [statement.target]
    return any(
        isinstance(node, ast.Name) and node.id == name
        for target in targets
        for node in ast.walk(target)
    )


def _global_source(namespace: dict[str, Any], labels: np.ndarray) -> str | None:
    """A module-level list (or array) holding the labels' values, that the code turned into
    the array (`t = np.array(targets)` inside the step); label-like names first."""
    matches = []
    for key, value in namespace.items():
        if key.startswith("_") or not isinstance(value, list | tuple | np.ndarray):
            continue
        if isinstance(value, np.ndarray) and value.ndim != 1:
            continue
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            continue
        if array.shape == labels.shape and np.array_equal(array, labels):
            matches.append(key)
    matches.sort(key=lambda key: not _label_like(key))
    return matches[0] if matches else None


def _first_handed(calls: list[CallRecord], labels: np.ndarray) -> CallRecord | None:
    """The outermost, earliest call of the user's handed the labels array itself."""
    handed = [r for r in calls if any(v is labels for v in r.arguments.values())]
    return min(handed, key=lambda r: (r.depth, r.index)) if handed else None


def _global_name(namespace: dict[str, Any], value: np.ndarray) -> str | None:
    return next((k for k, v in namespace.items() if v is value and not k.startswith("_")), None)
