"""Where a value formed on a line of its own and then handed on is fixed: a wrong
derivative given its own name (`dout_h_dnet_h = net_h * (1 - net_h)`) before the delta
multiplies by it, and a delta handed on as a bias's gradient without its sum (`(x.T @ e,
e)`, or `b -= lr * delta` in the update). Pure reading of the trace and the file's syntax.
"""

from __future__ import annotations

import ast
import re

import numpy as np

from netdoctor.delta_lines import innermost_function
from netdoctor.discover.update_sites import own_update_line, parameter_token
from netdoctor.load import parsed_source as read_source
from netdoctor.subject import Subject
from netdoctor.trace import Assignment, Trace, same_value


def slope_named_apart(
    trace: Trace, found: Assignment, slopes: list[tuple[np.ndarray, np.ndarray]], m: int, path: str
) -> Assignment | None:
    """`dout_h_dnet_h = net_h * (1 - net_h)` on a line of its own, then `delta_h = dE_dout_h
    * dout_h_dnet_h`: the wrong derivative (ND101, ND102, ND109) is fixed where its name is
    formed, the line before the delta. `slopes`: (the mutant's derivative, the true one).
    Not a name the delta only borrows (`* hidden`, the forward's activation, read by the
    next layer too): the fix is then in the delta's line."""
    try:
        source, tree = read_source(path)
        text = source.splitlines()[found.line - 1].split("#")[0]
    except Exception:
        return None
    for assignment in reversed(trace.assignments):
        word = assignment.name.split(".")[-1]
        if (
            assignment.line >= found.line
            or assignment.function != found.function
            or not re.search(rf"(?<![\w.]){re.escape(word)}\b", text.split("=", 1)[-1])
            or _read_elsewhere(tree, word, (assignment.line, found.line))
            or not _named_alone(tree, assignment.line, word)
        ):
            continue
        for wrong, right in slopes:
            if same_value(assignment.value, wrong, m) and not same_value(
                assignment.value, right, m
            ):
                return assignment
    return None


def _read_elsewhere(tree: ast.Module, name: str, lines: tuple[int, int]) -> bool:
    """Whether `name` is read in the function holding `lines` on another line than those."""
    scope = innermost_function(tree, lines[1]) or tree
    return any(
        isinstance(n, ast.Name)
        and n.id == name
        and isinstance(n.ctx, ast.Load)
        and n.lineno not in lines
        for n in ast.walk(scope)
    )


def _named_alone(tree: ast.Module, line: int, name: str) -> bool:
    """`slope = ...`: one name bound by the statement (not `A0, H, A1, O = run_net(...)`)."""
    return any(
        isinstance(n, ast.Assign)
        and n.lineno == line
        and len(n.targets) == 1
        and isinstance(n.targets[0], ast.Name)
        and n.targets[0].id == name
        for n in ast.walk(tree)
    )


def bias_delta_applied(subject: Subject, parameter: str, line: int) -> int | None:
    """Where a bias's unsummed gradient is handed on as the delta bound at `line`, which
    the weights' gradients use rightly: the bias's update applying it as it is
    (`output_bias = output_bias - alpha * delta_out`), or the gradient list holding it bare
    (`gs.append([outs[0].T @ d, d])`). The missing sum belongs there."""
    try:
        _, tree = read_source(subject.path)
    except Exception:
        return None
    bound = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and node.lineno == line
        for target in ast.walk(node)
        if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)
    }
    token = parameter.split("[")[-1].split(".")[-1].strip("'\"]")
    if not bound or any(token and token in name for name in bound):
        return None  # `db1 = dz1`: the bias's own gradient, where its sum belongs
    update = own_update_line(tree, parameter)
    for node in ast.walk(tree):
        if update is not None and update != line and isinstance(node, ast.Assign | ast.AugAssign):
            if node.lineno == update and any(
                isinstance(n, ast.Name) and n.id in bound for n in ast.walk(node.value)
            ):
                return update
    return _held_bare(tree, line, bound)


def _held_bare(tree: ast.Module, line: int, bound: set[str]) -> int | None:
    """The first line after `line`, in the same function, that puts one of `bound` as it
    is into a list, tuple or dict of gradients (`[X.T @ d, d]`, `{"b1": d}`), or names it
    as a bias's gradient (`gb1 = delta_h`)."""
    function: ast.AST = innermost_function(tree, line) or tree  # (or a script's loop)
    found = [  # (the element's own line: a display may span several)
        element.lineno
        for node in ast.walk(function)
        if isinstance(node, ast.List | ast.Tuple | ast.Dict) and node.lineno > line
        for element in (node.values if isinstance(node, ast.Dict) else node.elts)
        if isinstance(element, ast.Name) and element.id in bound
    ]
    found += [  # `gb1 = delta_h`, `self.grads["by"] = dZy`, `layer["db"] = dZ`
        node.lineno
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and node.lineno > line
        and isinstance(node.value, ast.Name)
        and node.value.id in bound
        and any(_BIAS_GRADIENT.match(parameter_token(ast.unparse(t)) or "") for t in node.targets)
    ]
    return min(found, default=None)


_BIAS_GRADIENT = re.compile(r"^(g|d|grad_?|gr_?|nabla_?)?_?b(ias)?(_?\w*)?$", re.IGNORECASE)
