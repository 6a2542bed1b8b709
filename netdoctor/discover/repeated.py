"""A pass that is many steps: the loop calls the user's update function once per sample
inside an expression (`np.mean([net.update(X[i], y[i]) for i in order])`), so the body
holds no update of its own and one pass of it is a whole epoch of steps. The step to check
is one call of that function, as the user makes it."""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from netdoctor.discover.follow import CallRecord, Observation
from netdoctor.discover.loops import function_nodes, target_key, update_keys, update_lines
from netdoctor.equal import same_array


def repeated_step_call(observation: Observation, tree: ast.Module) -> CallRecord | None:
    """The function the observed pass calls more than once, on different data, that updates
    parameters itself, when the loop's body updates none: one call of it is the step."""
    step = observation.step
    if step is None or _updates_parameters(step.loop.node, step.parameters):
        return None
    in_pass = observation.calls[step.first_call : step.last_call]
    if not in_pass:
        return None
    top = min(record.depth for record in in_pass)
    direct = [record for record in in_pass if record.depth == top]
    updaters = updating_functions(tree)
    for record in direct:
        if not _updates(record, in_pass, top, updaters):
            continue
        # the same object's method again: `output.backward(d, lr)` then
        # `hidden.backward(d_h, lr)` are two layers of one step, not two samples
        again = [
            r
            for r in direct
            if r.code is record.code and r is not record and r.instance is record.instance
        ]
        if again and any(_other_data(record, r) for r in again):
            if _walks_the_parameters([record, *again], step.parameters):
                continue  # `for p, g in pairs: opt.update(p, g)`: one step, per parameter
            return record
    return None


def _walks_the_parameters(calls: list[CallRecord], parameters: list[Any]) -> bool:
    """Whether each call is handed others of the step's own parameter arrays, or another
    parameter's key (an optimizer's `update(param, grad)` or a model's `_step("W2", grad)`
    called once per parameter): the calls differ by parameter, not by sample."""
    own = {id(slot.original) for p in parameters for slot in p.slots}
    keys = {str(slot.key) for p in parameters for slot in p.slots}  # `self._step("W2", g)`
    handed = [
        {id(value) for value in record.arguments.values() if id(value) in own}
        | {value for value in record.arguments.values() if isinstance(value, str) and value in keys}
        for record in calls
    ]
    # (disjoint: `momentum_update(syn0, g0, vel0)` hands a velocity the step moves too)
    return all(handed) and len(set().union(*handed)) == sum(map(len, handed))


def _updates_parameters(loop: ast.For | ast.While, parameters: list[Any]) -> bool:
    """Whether the loop's body updates one of the step's parameters itself, by name or as
    an item (`for k in P: P[k] -= lr * grads[k]`); a counter (`epoch += 1` of a `while`
    loop) is no update of the network."""
    bases = {_base(slot.label) for p in parameters for slot in p.slots}
    named = {name for names in update_lines(loop).values() for name in names}
    items = {key for line, key in update_keys(loop) if _steps_item(loop, line, key)}
    return any(_base(name) in bases for name in named | items)


def _steps_item(loop: ast.For | ast.While, line: int, key: str) -> bool:
    """Whether the update of `key` at `line` steps it from its own value (not a forward
    cache `cache["Z2"] = cache["A1"] @ W + b` the body fills)."""
    return any(
        getattr(node, "lineno", None) == line and _steps(node, key) for node in ast.walk(loop)
    )


def _base(label: str) -> str:
    return label.split("[")[0].split(".")[-1]


def _updates(
    record: CallRecord, in_pass: list[CallRecord], top: int, updaters: set[tuple[str, int]]
) -> bool:
    """Whether the call steps parameters, itself or through what it calls
    (`train_step(xb, yb)` calling `optimizer.step()`)."""
    start = in_pass.index(record)
    for inner in in_pass[start:]:
        if inner is not record and inner.depth <= top:
            return False  # the next call of the pass's own: this one's callees are done
        if (inner.code.co_name, inner.code.co_firstlineno) in updaters:
            return True
    return False


def updating_functions(tree: ast.Module) -> set[tuple[str, int]]:
    """(name, first line) of every function that steps something from its own value
    (`self.W1 -= lr * g`, `w = w - lr * g`); `A = np.clip(A, eps, 1 - eps)` of a loss, or
    `A1 = A1 * mask` of dropout, steps nothing."""
    return {
        key
        for key, node in function_nodes(tree).items()
        if any(
            _steps(statement, name) for _, name in update_keys(node) for statement in ast.walk(node)
        )
    }


def _steps(node: ast.AST, name: str) -> bool:
    """Whether `node` adds to or subtracts from `name` (`name -= ...`, `name = name - ...`,
    `P[k] = P[k] - lr * g`): a sum whose terms hold the target itself. A forward cache
    `cache["Z2"] = cache["A1"] @ W + b` is a sum too, of another entry: it steps nothing."""
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add | ast.Sub):
        return target_key(node.target) == name
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp):
        if not isinstance(node.value.op, ast.Add | ast.Sub):
            return False
        terms = {ast.unparse(term) for term in _terms(node.value)}
        return any(
            target_key(target) == name and ast.unparse(target) in terms for target in node.targets
        )
    return False


def _terms(node: ast.expr) -> list[ast.expr]:
    """The terms of a chain of + and - (`W - lr * g - decay * W` -> W, lr * g, decay * W)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        return _terms(node.left) + _terms(node.right)
    return [node]


def _other_data(first: CallRecord, second: CallRecord) -> bool:
    """Whether two calls were handed different arrays (two samples, not the same batch)."""
    for key, value in first.copies.items():
        other = second.copies.get(key)
        if isinstance(value, np.ndarray) and isinstance(other, np.ndarray):
            if not same_array(value, other):
                return True
    numbers = [
        key
        for key, value in first.arguments.items()
        if isinstance(value, float | int | np.number) and not isinstance(value, bool)
    ]
    return any(first.arguments[key] != second.arguments.get(key) for key in numbers)


def stepped_between_calls(observation: Observation) -> CallRecord | None:
    """The first function a pass calls several times, each time handed the network's
    parameters in a new holder with other values (`functools.reduce(lambda p, b: sgd(p,
    grad(p, *b), lr), batches, params)`): the parameters moved between its calls, so the
    pass is many steps and one call of it is the step. Not a per-sample `backprop(x, y)`
    summed into one update, which sees the same weights at every call."""
    step = observation.step
    if step is None:
        return None
    shapes = sorted(np.shape(p.before) for p in step.parameters)
    calls: dict[Any, list[CallRecord]] = {}
    for record in observation.calls[step.first_call : step.last_call]:
        calls.setdefault(record.code, []).append(record)
    for records in calls.values():
        held = [_parameters_held(record, shapes) for record in records]
        if len(records) >= 2 and all(h is not None for h in held):
            firsts = [h[0] for h in held if h is not None]
            if len({id(h) for h in firsts}) > 1 and _moved_step_by_step([h[1] for h in held if h]):
                return records[0]
    return None


def _parameters_held(
    record: CallRecord, shapes: list[tuple[int, ...]]
) -> tuple[Any, list[Any]] | None:
    """(the argument, its arrays) of an argument holding the parameters' arrays (and maybe
    a float bias beside them): a dict, a list or tuple, or an object (a frozen dataclass)."""
    for value in record.arguments.values():
        if isinstance(value, dict):
            items = list(value.values())
        elif isinstance(value, list | tuple):
            items = list(value)
        elif hasattr(value, "__dict__") and not callable(value):
            items = list(vars(value).values())
        else:
            continue
        arrays = [np.asarray(v) for v in items if isinstance(v, np.ndarray | float)]
        extra = sorted(np.shape(a) for a in arrays)
        for shape in shapes:
            if shape not in extra:
                break
            extra.remove(shape)
        else:
            if arrays and len(arrays) == len(items) and all(e == () for e in extra):
                return value, [a.copy() for a in arrays]
    return None


def _moved_step_by_step(held: list[list[Any]]) -> bool:
    """Whether the calls saw the weights move more than once, in more than one direction.

    One step moves them once: a pass that calls the forward before its update and again
    (to print) after it sees two sets of values. A backtracking line search tries points
    `w - t * g` along one direction from one base: many sets, every move from the first
    parallel. Steps chained by `functools.reduce` move them in a new direction each time."""
    distinct: list[np.ndarray] = []
    for arrays in held:
        flat = np.concatenate([np.ravel(a) for a in arrays]) if arrays else np.zeros(0)
        if not any(f.shape == flat.shape and np.array_equal(f, flat) for f in distinct):
            distinct.append(flat)
    if len(distinct) < 3 or len({f.shape for f in distinct}) > 1:
        return False
    moves = [f - distinct[0] for f in distinct[1:]]
    first = moves[0] / (np.linalg.norm(moves[0]) or 1.0)
    for move in moves[1:]:
        size = np.linalg.norm(move)
        if size and abs(float(first @ move) / size) < 1 - 1e-9:
            return True
    return False
