"""Where a parameter's gradient is formed: the line a finding about one parameter's
value points at, read off the trace of the user's step (the names holding the value, a
dict's entry, the update), with the file's syntax for the names that walk it."""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from netdoctor.delta_lines import innermost_function
from netdoctor.discover.loops import target_names
from netdoctor.displays import entry_line
from netdoctor.load import read_source
from netdoctor.structure import HOLDER_FIELDS
from netdoctor.subject import ParameterValues
from netdoctor.tolerances import dtype_tolerance
from netdoctor.trace import Assignment, Trace, first_line_equal_to, first_proportional


def _holds_block(value: np.ndarray, target: np.ndarray, m: int) -> bool:
    """Whether `value` is `target` with a bias row or column beside it (first or last): a
    folded layout's weight gradient, whose weights the checks see apart from the bias."""
    if value.ndim != 2 or target.ndim != 2 or value.size <= target.size:
        return False
    blocks = (value[:, 1:], value[:, :-1], value[1:, :], value[:-1, :])
    return any(
        first_line_equal_to(Trace([Assignment(0, "", block)]), [target], m) is not None
        for block in blocks
        if block.size == target.size
    )


_COMPREHENSIONS = ("<genexpr>", "<listcomp>", "<dictcomp>", "<setcomp>")


def _local_names(trace: Trace, names: list[str], parameters: ParameterValues) -> set[str]:
    """The names the traced code gives the parameters (`W1, b1, W2, b2 = params` makes
    `b1` the name of `params[1]`): a gradient named after one (`db1`) is its own."""
    found: set[str] = set()
    for name in names:
        if parameters.get(name) is None:
            continue
        value = np.asarray(parameters[name], dtype=np.float64)
        for assignment in trace.assignments:
            if (
                not assignment.name.startswith("return")
                and assignment.value.shape == value.shape
                and np.array_equal(assignment.value, value)
            ):
                found.add(assignment.name.split(".")[-1].split("[")[0])
    return {f for f in found if len(f) > 1}


def _loop_variables(path: str) -> set[tuple[int, str]]:
    """(line, name) of every name a `for` statement binds in the file, and of a name bound
    to a gradient container's entry as it is (`g = s.grads[name]` of an optimizer walking
    the layers): one more name for an array formed elsewhere."""
    try:
        _, tree = read_source(path)
    except Exception:  # the file is gone or no longer parses: no loop to know
        return set()
    walked = {
        (node.lineno, name)
        for node in ast.walk(tree)
        if isinstance(node, ast.For | ast.AsyncFor)
        for name in target_names(node.target)
    }
    return walked | {
        (node.lineno, node.targets[0].id)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Subscript)
        and isinstance(node.value.slice, ast.Name | ast.Constant)
        and "grad" in ast.unparse(node.value.value).lower()
    }


def parameter_line(
    trace: Trace,
    names: list[str],
    claimed: dict[str, Any],
    m: int,
    path: str = "",
    parameters: ParameterValues | None = None,
    dtype: str = "float64",
) -> int | None:
    """The line forming the gradient `claimed` holds for `names`. A float32 network's
    claims, read back from its steps, carry its rounding: they match to its precision."""
    rtol = dtype_tolerance(dtype)
    stored = _grad_attribute_line(path, names)  # `self.W2.grad = dz2.T @ self.a1`: formed
    if stored is not None:  # there, whatever name an optimizer gives the value later
        return stored
    values = [np.asarray(claimed[n], dtype=np.float64) for n in names if claimed.get(n) is not None]
    values = [v for v in values if v.size and np.all(np.isfinite(v)) and np.any(v)]
    bases = {n.split("[")[0].split(".")[-1].strip("'\"") for n in names}
    bases |= {n.split("[")[-1].strip("'\"]") for n in names if "[" in n}
    bases |= {n.split(".")[-1].split("[")[0] for n in names}  # `weight` of `layers[0].weight`
    bases |= _local_names(trace, names, parameters or {})
    bases = {b for b in bases if not b.isdigit()}  # `1` of `params[1]` is in every `dZ1`
    equal = [
        a
        for a in trace.assignments
        if values and first_line_equal_to(Trace([a]), values, m, rtol) is not None
    ]
    walkers = _loop_variables(path) if equal else set()  # read only when a name matched

    def walking(assignment: Assignment) -> bool:
        """A name bound while walking the values (`sum(g * g for g in grads.values())`,
        `for key, grad in grads.items():` of the update): bound later than the value."""
        return assignment.function in _COMPREHENSIONS or (
            (assignment.line, assignment.name) in walkers
        )

    # Several names hold the same value (dZ1, then db1 = dZ1): prefer the gradient's own.
    # A returned container's entry (`return grads`, named by its key) is where the value
    # leaves, not where it is formed: an earlier assignment of it wins. With no name
    # holding it, a dict display's entry that formed it (`"db2": np.mean(dz2, axis=0),` of
    # `grads = {...}` or `return {...}`) is its line, and so is an item assignment's.
    if not any(not a.name.startswith("return") and not walking(a) for a in equal):
        entries = [
            a
            for a in trace.entries
            if values and first_line_equal_to(Trace([a]), values, m, rtol) is not None
        ]
        for entry in equal + entries:
            line = entry_line(path, entry)
            if line is not None:
                return line
        if entries:  # `grads["W2"] = A1.T @ dZ2 / m`: an item assignment formed it
            return entries[0].line
    formed = [a for a in equal if not a.name.startswith("return")] or equal
    # nor where a comprehension walks it (`sum(np.sum(g * g) for g in grads.values())` of
    # a clipping helper): its variable is one more name for the array, bound later
    formed = [a for a in formed if not walking(a)]
    named = [a for a in formed if any(b and b in a.name for b in bases)]
    if named or formed:
        return (named or formed)[0].line
    for assignment in trace.assignments:  # `Theta1_grad`, its bias column folded in
        if not assignment.name.startswith("return") and any(
            _holds_block(assignment.value, v, m) for v in values
        ):
            return assignment.line
    # an optimizer's factor between the gradient and the step the claim is read from
    # (Nesterov's `(1 + mu) * v` after `v = mu * v_prev - lr * g`): the first line holding
    # the claim up to one factor, several entries long (any number is one's multiple)
    for assignment in trace.assignments:
        if assignment.name.startswith("return") or walking(assignment):
            continue
        if any(v.size >= 2 and first_proportional([assignment], v.reshape(-1)) for v in values):
            return assignment.line
    for assignment in trace.assignments:  # the gradient's own variable: db1, d_b1, grad_b1
        name = assignment.name.split(".")[-1]
        if any(
            name != b and name.endswith(b) and name.lower().startswith(("d", "grad")) for b in bases
        ):
            return assignment.line
    for assignment in trace.assignments:  # the parameter's own update: params['W1'] -= ...
        if assignment.in_place and assignment.name in names:
            return assignment.line
    returned = [a for a in equal if a.name.startswith("return")]
    if returned:  # `return [X.T @ d1, ...]`: formed in the return itself, named nowhere
        return returned[0].line
    for assignment in trace.assignments:
        if assignment.name.split(".")[-1] in bases:
            return assignment.line
    return None


def _grad_attribute_line(path: str, names: list[str]) -> int | None:
    """`self.W2.grad = dz2.T @ self.a1` of a torch-like layer: the gradient stored on the
    parameter's holder object, an attribute the tracer (which sees names) never holds.
    The first statement setting or adding to `<...>.W2.grad`, for the parameter `W2`."""
    tokens = set()
    for name in names:
        parts = name.split(".")
        while len(parts) > 1 and parts[-1] in HOLDER_FIELDS:  # `net.W2.data`: W2
            parts.pop()
        tokens.add(parts[-1].split("[")[0])
    tokens.discard("")
    if not tokens or not path:
        return None
    try:
        _, tree = read_source(path)
    except Exception:
        return None
    for node in ast.walk(tree):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AugAssign)
            else []
        )
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "grad"
                and ast.unparse(target.value).split(".")[-1] in tokens
            ):
                return node.lineno
    return None


def formed_before(path: str, line: int) -> int | None:
    """Where the array a slice update adds to was formed: `Theta2_grad = Delta2` for the
    L2 line `Theta2_grad[:, 1:] += lam / m * Theta2[:, 1:]`, which holds the final value
    but not the reduction chosen; None when `line` is no such update."""
    try:
        _, tree = read_source(path)
    except Exception:
        return None
    updated = {
        node.target.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.AugAssign)
        and node.lineno == line
        and isinstance(node.target, ast.Subscript)
        and isinstance(node.target.value, ast.Name)
    }
    if len(updated) != 1:
        return None
    name = updated.pop()
    scope: ast.AST = innermost_function(tree, line) or tree
    formed = [
        node.lineno
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign)
        and node.lineno < line
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    return max(formed) if formed else None
