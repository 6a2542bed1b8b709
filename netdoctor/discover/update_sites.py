"""Where a parameter's update is written, found by the parameter's own name in the
statement (`parameters["W1"] += ...`, `W1 = parameters["W1"] - lr * grads["dW1"]`,
`self.W1 -= ...`): the line a report points at when the update, not the gradient, is
wrong. From the file's syntax only."""

from __future__ import annotations

import ast
import re

from netdoctor import naming
from netdoctor.discover.loops import handed_updates
from netdoctor.discover.stepping import setattr_step
from netdoctor.discover.walked import walked_pairs
from netdoctor.load import LoadError, read_source
from netdoctor.structure import FOLDED_BIAS, NetworkStructure

_LAST_KEY = re.compile(r"""(?:\[['"](?P<item>[^'"]+)['"]\]|\.(?P<attr>\w+)|^(?P<name>\w+))$""")


def parameter_token(label: str) -> str | None:
    """`W1` of `W1`, `self.W1`, `parameters['W1']`; None for `layers[0][1]` (an index says
    nothing a statement's text would)."""
    match = _LAST_KEY.search(label)
    if match is None:
        return None
    return match.group("item") or match.group("attr") or match.group("name")


def commented_update_line(source: str, label: str) -> int | None:
    """`# b1 -= lr * db1`: an update of this parameter commented out, the line a reader
    looks at for a parameter the step never updates."""
    token = parameter_token(label)
    if token is None:
        return None
    pattern = re.compile(
        rf"^\s*#\s*(self\.|\w+\[['\"])?{re.escape(token)}(['\"]\])?\s*([-+]=|=\s*\S*{re.escape(token)}\S*\s*[-+])"
    )
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def own_update_line(tree: ast.AST, label: str) -> int | None:
    """The first statement that moves this parameter from its own value: `W1 -= ...`,
    `parameters["W1"] += ...`, `W1 = parameters["W1"] - lr * dW1`, or the keyword that
    rebuilds it (`Weights(W1=w.W1 - lr * g1, ...)`)."""
    indexed = _indexed_update_line(tree, label)
    if indexed is not None:
        return indexed
    if label.endswith("[*]"):  # the rows of a list stacked into one layer: `w_rows[k] += ...`
        return _row_update_line(tree, label[: -len("[*]")].split(".")[-1])
    token = parameter_token(label) or _unpacked_name(tree, label)
    if token is None:
        return None
    for statement in _assignments(tree):
        targets = _targets(statement)
        if not any(mentions(t, token) for t in targets):
            continue
        if isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add | ast.Sub):
            return statement.lineno
        value = statement.value
        if (
            isinstance(value, ast.BinOp)
            and isinstance(value.op, ast.Add | ast.Sub)
            and mentions(value, token)
        ):
            return statement.lineno
    for node in ast.walk(tree):  # `Weights(out_bias=w.out_bias - rate * g, ...)`, rebuilt
        if (
            isinstance(node, ast.keyword)
            and node.arg == token
            and isinstance(node.value, ast.BinOp)
            and isinstance(node.value.op, ast.Add | ast.Sub)
            and mentions(node.value, token)
        ):
            return node.value.lineno
    handed = [line for line, names in handed_updates(tree) if token in names]
    if handed:  # `opt.step([W1, b1], grads)`: the optimizer moves what it is handed
        return min(handed)
    walked = _walked_update_line(tree, label.split("[")[0].split(".")[-1])
    return walked if walked is not None else _setattr_update_line(tree)


def _walked_update_line(tree: ast.AST, container: str) -> int | None:
    """`for p, g in zip(P, G): p += lr * g`: where the items of `P` (`P[0]`) are moved."""
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For):
            continue
        items = {
            item for item, walked in walked_pairs(loop.target, loop.iter) if walked == container
        }
        for node in ast.walk(loop):
            if (
                isinstance(node, ast.AugAssign)
                and isinstance(node.op, ast.Add | ast.Sub)
                and isinstance(node.target, ast.Name)
                and node.target.id in items
            ):
                return node.lineno
    return None


def _row_update_line(tree: ast.AST, container: str) -> int | None:
    """The first update of an item of `container` by index (`w_rows[k] += ...`, `w_rows[k]
    = w_rows[k] - ...`)."""
    for statement in _assignments(tree):
        for target in _targets(statement):
            base = target.value if isinstance(target, ast.Subscript) else None
            while isinstance(base, ast.Subscript):
                base = base.value
            name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
            if name != container:
                continue
            if isinstance(statement, ast.AugAssign) or (
                isinstance(statement.value, ast.BinOp)
                and isinstance(statement.value.op, ast.Add | ast.Sub)
            ):
                return statement.lineno
    return None


_INDEXED = re.compile(r"(?:^|\.)(?P<container>\w+)\[(?P<index>\d+)\]$")


def _indexed(label: str) -> tuple[str, int] | None:
    """("params", 0) of `params[0]` or `self.params[0]`."""
    match = _INDEXED.search(label)
    return None if match is None else (match.group("container"), int(match.group("index")))


def _named(node: ast.expr) -> str | None:
    """`params` of `params` or of `self.params`."""
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)


def _indexed_update_line(tree: ast.AST, label: str) -> int | None:
    """`params[0] += lr * grads[0]`: the statement moving that item of the container."""
    if (indexed := _indexed(label)) is None:
        return None
    container, index = indexed
    by_variable = None  # `weights[l] += vel_w[l]` in a loop over the layers: every item's
    for node in ast.walk(tree):
        if not isinstance(node, ast.AugAssign) or not isinstance(node.op, ast.Add | ast.Sub):
            continue
        target = node.target
        if not isinstance(target, ast.Subscript) or _named(target.value) != container:
            continue
        if isinstance(target.slice, ast.Constant) and target.slice.value == index:
            return node.lineno
        if isinstance(target.slice, ast.Name) and by_variable is None:
            by_variable = node.lineno
    return by_variable


def _unpacked_name(tree: ast.AST, label: str) -> str | None:
    """`W1` for `params[0]` where the code unpacks the list (`W1, b1, W2, b2 = params`):
    the name its update moves (`W1 += lr * dW1` in `sgd_step(params, grads, lr)`)."""
    if (indexed := _indexed(label)) is None:
        return None
    container, index = indexed
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if (
            _named(node.value) == container
            and isinstance(target, ast.Tuple | ast.List)
            and len(target.elts) > index
            and isinstance(target.elts[index], ast.Name)
        ):
            return target.elts[index].id
    return None


def _setattr_update_line(tree: ast.AST) -> int | None:
    """`setattr(net, key, getattr(net, key) - lr * g)` over the gradients: the one line that
    moves every parameter, by a name only the run knows."""
    return next((n.lineno for n in ast.walk(tree) if setattr_step(n) is not None), None)


def other_bias_update_line(tree: ast.AST, label: str) -> int | None:
    """The first update of another bias (`b2 = parameters["b2"] - ...` for a forgotten
    `parameters['b1']`): where the forgotten one's update belongs."""
    token = parameter_token(label)
    if token is None:
        return None
    for statement in _assignments(tree):
        for target in _targets(statement):
            other = token_of(target)
            if other is None or other == token or not naming.BIAS_NAME.search(other):
                continue
            if own_update_line(statement, other) == statement.lineno:
                return statement.lineno
    return None


def odd_update_of(path: str, structure: NetworkStructure, named: list[str]) -> int | None:
    """`odd_update_line` of the one array `named` are (a folded matrix's bias is its own),
    in the file at `path`; None for several arrays, or a file that no longer parses."""
    arrays = {str(name).removesuffix(FOLDED_BIAS) for name in named}
    try:
        _, tree = read_source(path)  # a notebook's cells joined, as lines count
    except Exception:  # the file is gone or no longer parses: no line to give
        return None
    labels = [slot.name for slot in structure.slots]
    return odd_update_line(tree, labels, arrays.pop()) if len(arrays) == 1 else None


def odd_update_line(tree: ast.AST, labels: list[str], label: str) -> int | None:
    """`W1 -= lr * gW1` among `W2 += lr * gW2`, `b2 += ...`, `b1 += ...`: the update of
    `label` when its direction is the only one of its kind. The gradients follow one
    convention (`err = y - out`, steps added); the update that breaks it is the slip."""
    # by statement: `weights[l] -= vel_w[l]` moves every weight, and is one slip
    lines = {name: own_update_line(tree, name) for name in labels}
    signs = {lines[name]: _update_sign(tree, name) for name in labels if lines[name] is not None}
    own_line = lines.get(label)
    own = signs.get(own_line) if own_line is not None else None
    others = [sign for line, sign in signs.items() if line != own_line and sign is not None]
    if own is None or not others or any(sign == own for sign in others):
        return None
    return own_line


def _update_sign(tree: ast.AST, label: str) -> str | None:
    line = own_update_line(tree, label)
    if line is None:
        return None
    for statement in _assignments(tree):
        if statement.lineno != line:
            continue
        op = statement.op if isinstance(statement, ast.AugAssign) else None
        if op is None and isinstance(statement.value, ast.BinOp):
            op = statement.value.op
        if isinstance(op, ast.Add | ast.Sub):
            return type(op).__name__
    return None


def carried_over_line(tree: ast.AST, label: str) -> int | None:
    """`b1 = p["b1"]` beside `b2 = p["b2"] - lr * g["db2"]`: the line that copies a
    forgotten parameter across, in the function (or body) whose statements update another
    bias. That is the line the update was left out of."""
    token = parameter_token(label)
    sibling = other_bias_update_line(tree, label)
    if token is None or sibling is None:
        return None
    scopes = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.For | ast.While)
        and node.lineno <= sibling <= (node.end_lineno or node.lineno)
    ]
    if not scopes:
        return None
    innermost = max(scopes, key=lambda node: node.lineno)
    for statement in _assignments(innermost):
        value = statement.value
        plain = isinstance(value, ast.Name | ast.Attribute | ast.Subscript)
        if (
            isinstance(statement, ast.Assign)
            and plain
            and mentions(value, token)
            and any(token_of(t) == token for t in _targets(statement))
        ):
            return statement.lineno
    return None


def _assignments(tree: ast.AST) -> list[ast.Assign | ast.AugAssign]:
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Assign | ast.AugAssign)]
    return sorted(found, key=lambda n: n.lineno)


def _targets(statement: ast.Assign | ast.AugAssign) -> list[ast.expr]:
    targets = [statement.target] if isinstance(statement, ast.AugAssign) else statement.targets
    flat: list[ast.expr] = []
    for target in targets:
        flat += target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
    return flat


def token_of(target: ast.expr) -> str | None:
    """`W2` of `W2`, `self.W2` or `params["W2"]`; and `forward` of a call's function
    `net["forward"]`, a function kept in a dict under its own name."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        key = target.slice.value
        return key if isinstance(key, str) else None
    return None


def mentions(node: ast.AST, token: str) -> bool:
    for child in ast.walk(node):
        if (
            isinstance(child, ast.Name | ast.Attribute | ast.Subscript) and token_of(child) == token
        ) or _numbered_key(child, token):
            return True
    return False


def _numbered_key(node: ast.AST, token: str) -> bool:
    """`parameters["W" + str(l)]` for `W1`, `W2`: a key built from its letters and a layer
    number, as the deeplearning.ai course writes its update loops."""
    if not (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.BinOp)
        and isinstance(node.slice.op, ast.Add)
        and isinstance(node.slice.left, ast.Constant)
        and isinstance(node.slice.left.value, str)
    ):
        return False
    prefix = node.slice.left.value
    return token.startswith(prefix) and token[len(prefix) :].isdigit()


def file_text(path: str) -> str:
    """The file's text, or "" when it cannot be read again (only lines are looked up)."""
    try:
        return read_source(path)[0]
    except LoadError:
        return ""


def keyed_update_line(tree: ast.AST, label: str) -> int | None:
    """`p[key] -= rate * g[key]` of a loop over the dict's keys: the update of
    `p['W1']`, written once for every entry of `p`."""
    container = label.split("[")[0]
    if container == label:
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.op, ast.Add | ast.Sub)
            and isinstance(node.target, ast.Subscript)
            and ast.unparse(node.target.value) == container
            and not isinstance(node.target.slice, ast.Constant)
        ):
            return node.lineno
    return None
