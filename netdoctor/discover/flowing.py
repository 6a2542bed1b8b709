"""Names whose values flow through a pass rather than persist: they change in every pass
of a loop, yet they are values of the pass (a layer's output, a masked delta), never
parameters."""

from __future__ import annotations

import ast
import re

from netdoctor.discover.loops import loop_targets


def flowing_names(tree: ast.Module) -> set[str]:
    """Names a loop rebinds to a fresh value each pass, never by arithmetic on themselves.

    `output = x` then `output = layer.forward(output)` through a list of layers, or
    `grad = loss_prime(y, output)` then `grad = layer.backward(grad, lr)`: values flowing
    through the network, not parameters, though they change in every pass."""
    reset: set[str] = set()
    arithmetic: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            arithmetic.add(node.target.id)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in _names(node.value):
                    arithmetic.add(target.id)
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For | ast.While):
            continue
        items = loop_targets(loop) if isinstance(loop, ast.For) else set()
        for statement in loop.body:
            for node in ast.walk(statement):
                if not isinstance(node, ast.Assign):
                    continue
                read = _names(node.value)
                through = _through_item(node.value, items)
                for target in node.targets:
                    if isinstance(target, ast.Name) and (target.id not in read or through):
                        reset.add(target.id)
    return (reset - arithmetic) | _temporaries(tree)


def _temporaries(tree: ast.Module) -> set[str]:
    """Names a loop's pass first computes afresh, then updates from themselves:
    `d_hidden = err @ W2.T`, then `d_hidden = d_hidden * mask` (or `*=`). A value of the
    pass, not a parameter; a name read as a weight or bias (`W1 = params["W1"]`, then
    `W1 -= lr * dW1`) is never one."""
    found: set[str] = set()
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For | ast.While):
            continue
        first: dict[str, bool] = {}  # name -> whether its first binding in the pass is fresh
        for statement in loop.body:
            for node in _same_pass(statement):
                if isinstance(node, ast.Assign):
                    fresh = isinstance(node.value, ast.BinOp) or _computed_call(node.value)
                    read = _names(node.value)
                    for target in node.targets:
                        if isinstance(target, ast.Name) and target.id not in first:
                            first[target.id] = fresh and target.id not in read
                elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                    first.setdefault(node.target.id, False)
        found |= {name for name, fresh in first.items() if fresh and not _PARAMETER.search(name)}
    return found


# W1, b_2, W, weights_ih, bias, syn0: surely a parameter (the naming module's patterns
# are wider: `back` and `bce` read as biases there)
_PARAMETER = re.compile(r"^[WwBb]([_\d].*)?$|weight|bias|^syn", re.IGNORECASE)


def _same_pass(statement: ast.stmt) -> list[ast.AST]:
    """The nodes of a statement that run once per pass of the loop around it: not those of
    a loop inside it (a sweep makes `syn0` in its pass, and an inner loop trains it)."""
    if isinstance(statement, ast.For | ast.While | ast.AsyncFor):
        return []
    found: list[ast.AST] = [statement]
    for child in ast.iter_child_nodes(statement):
        if isinstance(child, ast.stmt):
            found += _same_pass(child)
        else:
            found += list(ast.walk(child))
    return found


def _computed_call(value: ast.expr) -> bool:
    """`relu(z1)`, `np.dot(a, b)`: a value computed by a call, not a lookup through one
    (`params["W1"].copy()`, `self.W.copy()`)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Attribute):
        return isinstance(func.value, ast.Name) and func.value.id in ("np", "numpy", "math")
    return isinstance(func, ast.Name)


def _through_item(value: ast.expr, items: set[str]) -> bool:
    """`layer.backward(grad)`, `layer(x)` or `self.layers[i].backward(grad)` with `layer`
    or `i` the loop's variable: a value passed through each layer in turn (`grad` came in
    as an argument)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    owner = func.value if isinstance(func, ast.Attribute) else func
    if isinstance(owner, ast.Subscript):  # `self.layers[i].backward(grad)`
        return bool(_names(owner.slice) & items)
    return isinstance(owner, ast.Name) and owner.id in items


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
