"""The loops of the user's file, and the names it updates from their own value (from its syntax)."""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass

from netdoctor.discover.gradcheck import finite_differences
from netdoctor.discover.stepping import (
    ANY_ATTR,
    ANY_ITEM,
    keyed_walks,
    keys_updated,
    overwritten_by_methods,
    setattr_step,
    stepped_in_place,
    steps_what_a_call_lists,
    target_key,
)
from netdoctor.discover.walked import walked_pairs


@dataclass(frozen=True)
class LoopInfo:
    node: ast.For | ast.While
    header: int
    body_lines: tuple[int, int]
    enclosing: tuple[int, ...]  # headers of loops around it in the same function


def loops_by_function(tree: ast.Module) -> dict[tuple[str, int], list[LoopInfo]]:
    """Loops per code object, keyed as (name, first line) like `co_name, co_firstlineno`."""
    found: dict[tuple[str, int], list[LoopInfo]] = {}

    def visit(node: ast.AST, key: tuple[str, int], enclosing: tuple[int, ...]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                first = child.decorator_list[0].lineno if child.decorator_list else child.lineno
                visit(child, (child.name, first), ())
            elif isinstance(child, ast.ClassDef):
                visit(child, key, enclosing)
            elif isinstance(child, ast.For | ast.While) and finite_differences(child):
                continue  # a gradient check's loop over the entries: no training, nor within
            elif isinstance(child, ast.For | ast.While):
                body = (child.body[0].lineno, max(n.end_lineno or n.lineno for n in child.body))
                found.setdefault(key, []).append(LoopInfo(child, child.lineno, body, enclosing))
                visit(child, key, (*enclosing, child.lineno))
            else:
                visit(child, key, enclosing)

    visit(tree, ("<module>", 1), ())
    return found


def function_nodes(tree: ast.AST) -> dict[tuple[str, int], ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function's definition, keyed as (name, first line) like `co_name,
    co_firstlineno` (a decorated function's code starts at its first decorator)."""
    nodes: dict[tuple[str, int], ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            nodes[(node.name, first)] = node
    return nodes


def updated_names(tree: ast.AST) -> set[str]:
    """Names the file updates from their own value: `W -= g`, `W = W - g`, `p[k] -= g`;
    and, as `attr:NAME`, the updates that can change an object's attribute: those of an
    attribute (`self.W -= g`, `self.W = self.W - g`, `self.W[0] -= g`) and in-place ones
    of a name that may alias it (`W = self.W; W -= g`). `out = layer.forward(out)` only
    rebinds a name: a layer's cached `self.out` is no parameter for it."""
    found: set[str] = set()
    for node in ast.walk(tree):
        keys = {key for _, key in _updates(node, walk=False)}
        found |= keys
        if isinstance(node, ast.Call) and _setter_update(node):  # an object's setter
            found |= {f"attr:{key}" for key in keys}
        for target in assigned_targets(node):
            inner = target.value if isinstance(target, ast.Subscript) else target
            while isinstance(inner, ast.Subscript):
                inner = inner.value  # `self.W1[j][i] -= ...`: a list of rows' attribute
            in_place = isinstance(node, ast.AugAssign)
            if isinstance(inner, ast.Attribute) or (in_place and isinstance(inner, ast.Name)):
                if target_key(inner) in keys:
                    found.add(f"attr:{target_key(inner)}")
    listed = steps_what_a_call_lists(tree)
    if any(setattr_step(node) is not None for node in ast.walk(tree)) or listed:
        found.add(ANY_ATTR)  # `setattr(net, k, getattr(net, k) + v[k])`: some attribute,
        found |= {f"fresh:{name}" for name in overwritten_by_methods(tree)}  # not these
    if listed:
        found.add(ANY_ITEM)
    walked = _iterated_in_place(tree, found)
    variables = _loop_variables_only(tree, found)
    # and no attribute of that name (`criterion.p`, the predictions a loss keeps)
    found -= variables | {f"attr:{name}" for name in variables}
    found |= walked | _handed_to(tree, walked)
    found |= _aliases_updated(tree, found)
    found |= keys_updated(tree)
    # `W = self.W; W = W - lr * g; self.W = W`: the attribute takes back the name it lent
    # (`self.x = x` of a layer's forward stores its input: no update)
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            lent = _pairs(function, from_attribute=True)
            for attribute, name in _pairs(function, from_attribute=False):
                if name in found and (attribute, name) in lent:
                    found.add(f"attr:{attribute.rsplit('.', 1)[-1]}")
    return found


def _loop_variables_only(tree: ast.AST, found: set[str]) -> set[str]:
    """Names updated in place only as a loop's variable (`p` of `for p, g in zip(params,
    grads): p -= lr * g`): the update is of the items the loop walks, and another `p` of
    the file (the predictions) is no parameter for it."""
    as_variable: set[str] = set()
    elsewhere: set[str] = set()
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For | ast.AsyncFor):
            continue
        variables = loop_targets(loop) if isinstance(loop, ast.For) else set()
        for statement in loop.body:
            for node in ast.walk(statement):
                if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                    (as_variable if node.target.id in variables else elsewhere).add(node.target.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign):
            for _, key in _updates(node, walk=False):
                if key not in as_variable:
                    elsewhere.add(key)
    return {name for name in as_variable & found if name not in elsewhere}


def _handed_to(tree: ast.AST, walked: set[str]) -> set[str]:
    """The names a call hands to a function that updates the items of that argument in
    place: `W1`, `W2` and `b2` of `opt.step([W1, W2, b2], grads)` when `step(self, params,
    grads)` runs `for p, g in zip(params, grads): p -= lr * g`."""
    return {name for _, names in _handings(tree, walked) for name in names}


def handed_updates(tree: ast.AST) -> list[tuple[int, set[str]]]:
    """(line, names) of each call that hands parameters to a function updating them in
    place (`opt.step([W1, W2, b2], grads)`): the line that updates those names."""
    found = {key for node in ast.walk(tree) for _, key in _updates(node, walk=False)}
    return _handings(tree, _iterated_in_place(tree, found))


def _handings(tree: ast.AST, walked: set[str]) -> list[tuple[int, set[str]]]:
    handings: list[tuple[int, set[str]]] = []
    functions = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        method = isinstance(call.func, ast.Attribute)
        name = call.func.attr if method else getattr(call.func, "id", None)
        for function in functions:
            if function.name != name:
                continue
            arguments = [a.arg for a in function.args.args]
            if method and arguments and arguments[0] in ("self", "cls"):
                arguments = arguments[1:]
            for position, value in enumerate(call.args[: len(arguments)]):
                if arguments[position] not in walked:
                    continue
                elements = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
                names = {e.id for e in elements if isinstance(e, ast.Name)}
                # `self.opt.update([self.W, self.b], grads)`: attributes handed, updated
                names |= {f"attr:{e.attr}" for e in elements if isinstance(e, ast.Attribute)}
                if names:
                    handings.append((call.lineno, names))
    return handings


def _iterated_in_place(tree: ast.AST, found: set[str]) -> set[str]:
    """The containers a loop walks whose items its body updates in place: `params` of
    `for p, g in zip(params, grads): p -= lr * g` (or `for p in params: p -= ...`)."""
    containers: set[str] = set()
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For):
            continue
        in_place = stepped_in_place(loop.body)
        # `for j, row in enumerate(self.V): row[i] -= ...`: a row of a list of lists
        entries = {
            node.target.value.id
            for statement in loop.body
            for node in ast.walk(statement)
            if isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Subscript)
            and isinstance(node.target.value, ast.Name)
        }
        attributes = {n.attr for n in ast.walk(loop.iter) if isinstance(n, ast.Attribute)}
        for item, walked in walked_pairs(loop.target, loop.iter):
            if (item in in_place and item in found) or item in entries:
                containers.add(walked)
                if walked in attributes:  # `enumerate(self.V)`: an attribute's lists
                    containers.add(f"attr:{walked}")
    return containers


def _aliases_updated(tree: ast.AST, found: set[str]) -> set[str]:
    """`params` of `P = self.model.params`, then `P[k] -= ...`: the container a short name
    stands for is updated through it."""
    containers: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Attribute | ast.Name)
            and node.targets[0].id in found
        ):
            containers.add(target_key(node.value))
    return containers


def update_keys(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every update from its own value, in line order."""
    return sorted(_updates(tree))


def _pairs(function: ast.AST, from_attribute: bool) -> set[tuple[str, str]]:
    """(attribute, name) of `name = self.attr` (from_attribute) or `self.attr = name`,
    element by element in tuple assignments."""
    pairs: set[tuple[str, str]] = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Assign):
            continue
        values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
        for target in node.targets:
            elements = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
            if len(elements) != len(values):
                continue
            for element, value in zip(elements, values, strict=True):
                attribute, name = (value, element) if from_attribute else (element, value)
                if isinstance(attribute, ast.Attribute) and isinstance(name, ast.Name):
                    pairs.add((ast.unparse(attribute), name.id))
    return pairs


def other_training_loops(tree: ast.Module, checked: int) -> tuple[list[int], list[int]]:
    """(the header lines of loops that update something from its own value, written beside
    the loop at line `checked` in the same function or at top level, not around it nor
    inside it: a notebook's "train some more" cell, a second model trained after the
    first; the header lines of the loop at `checked` and of those around it or inside it,
    which a second look passes over). A loop over the layers in an update function the
    training loop calls is no other training loop."""
    scope_of: dict[int, ast.AST] = {}  # loop -> the function (or module) it is written in

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.For | ast.While):
                scope_of[id(child)] = scope
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            visit(child, inner)

    visit(tree, tree)
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For | ast.While)]
    around = next((n for n in loops if n.lineno == checked), None)
    if around is None:
        return [], []
    first, last = around.lineno, around.end_lineno or around.lineno
    others, same = [], []
    for node in loops:
        if first <= node.lineno <= last or node.lineno <= first <= (node.end_lineno or 0):
            same.append(node.lineno)  # the loop itself, one inside it, or one around it
        elif scope_of.get(id(node)) is scope_of.get(id(around)) and update_lines(node):
            others.append(node.lineno)  # beside it in the same function (or cells)
    return sorted(others), sorted(same)


def update_lines(loop: ast.For | ast.While) -> dict[int, set[str]]:
    """The lines of a loop's body that update a name from its own value, and those names.

    A training loop whose update changes nothing (zero initialisation on XOR is an exact
    fixed point: every gradient is 0) is still a training loop: the update statements ran.
    """
    varying = {
        name
        for node in ast.walk(loop)
        if isinstance(node, ast.For | ast.comprehension)
        for name in (n.id for n in ast.walk(node.target) if isinstance(n, ast.Name))
    }
    # `layer = self.layers[i]` with `i` a loop's variable: which layer is known only when it runs
    for node in ast.walk(loop):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Subscript)
            and any(isinstance(n, ast.Name) and n.id in varying for n in ast.walk(node.value.slice))
        ):
            varying |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    lines: dict[int, set[str]] = {}
    for statement in loop.body:
        for line, key in _updates(statement, items=False, varying=varying):
            lines.setdefault(line, set()).add(key)
    for line, key in keyed_walks(loop):
        lines.setdefault(line, set()).add(key)
    return lines


def steps_parameters(loop: ast.For | ast.While, labels: list[str]) -> bool:
    """Whether the loop's own body updates the parameters (`W1 -= ...`, `params =
    update(params, grads)`), not only a counter (`epoch += 1`, `total += loss`): with no
    update of theirs in the body, the call that computes the gradients is the step too."""
    names = {word for label in labels for word in re.findall(r"[A-Za-z_]\w*", label)}
    return any(keys & names for keys in update_lines(loop).values())


def _updates(
    tree: ast.AST, items: bool = True, varying: set[str] | None = None, walk: bool = True
) -> list[tuple[int, str]]:
    """(line, name) of every update from its own value. Without `items`, not `p[k] -= g`,
    nor `neuron.w -= g` for a `neuron` in `varying` (a loop's variable): which array such a
    line updates is known only when it runs (a loop over the layers or the neurons).
    Without `walk`, `tree` is one statement, and only it is looked at."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree) if walk else [tree]:
        if not items and (_is_item_update(node) or _on_varying(node, varying or set())):
            continue
        if isinstance(node, ast.AugAssign):
            found.append((node.lineno, target_key(node.target)))
        elif isinstance(node, ast.Call) and (named := _setter_update(node)):
            found += [(node.lineno, key) for key in named]
        elif isinstance(node, ast.Assign) and not _reshaped(node.value):
            read = {
                target_key(n)
                for n in ast.walk(node.value)
                if isinstance(n, ast.Name | ast.Attribute | ast.Subscript)
            }
            attributes = {
                ast.unparse(n) for n in ast.walk(node.value) if isinstance(n, ast.Attribute)
            }
            for target in node.targets:
                elements = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
                for element in elements:
                    base = element.value if isinstance(element, ast.Subscript) else element
                    if isinstance(base, ast.Attribute) and ast.unparse(base) not in attributes:
                        continue  # `self.inputs = inputs` stores a value; it updates nothing
                    key = target_key(element)
                    if key in read:
                        found.append((node.lineno, key))
    return [(line, key) for line, key in found if key]


def _setter_update(node: ast.Call) -> list[str]:
    """The attribute a Java-style setter steps from its getter (`self.setW1(self.getW1() -
    lr * g)`, `net.set_weights(net.get_weights() + step)`): `W1` (and `w1`), else []."""
    function = node.func
    if not (isinstance(function, ast.Attribute) and len(node.args) == 1):
        return []
    name = function.attr
    if not (name.startswith("set") and len(name) > 3):
        return []
    field = name[3:].lstrip("_")
    value = node.args[0]
    if not (field and isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add | ast.Sub)):
        return []
    getter = {"get" + name[3:], "get_" + field}
    reads = any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in getter
        for n in ast.walk(value)
    )
    return [field, field[0].lower() + field[1:]] if reads else []


_VIEWS = {"T", "reshape", "astype", "transpose", "ravel", "flatten", "squeeze", "copy"}
_WRAPS = {"array", "asarray", "transpose", "reshape", "atleast_2d", "float32", "float64"}


def _reshaped(value: ast.expr) -> bool:
    """`X.T`, `X.reshape(-1, 1)`, `np.array(X, dtype=float)`: the same values in another
    shape or type. `X = X.T` in a data loader is no update of `X`."""
    if isinstance(value, ast.Attribute):
        return value.attr in _VIEWS and isinstance(value.value, ast.Name)
    if isinstance(value, ast.Call):
        function = value.func
        if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
            if function.attr in _VIEWS:
                return True  # X.reshape(...), X.astype(...)
            if function.attr in _WRAPS and function.value.id in ("np", "numpy"):
                return bool(value.args) and isinstance(value.args[0], ast.Name)
    return False


def _on_varying(node: ast.AST, varying: set[str]) -> bool:
    return any(
        isinstance(n, ast.Name) and n.id in varying
        for target in assigned_targets(node)
        if isinstance(target, ast.Attribute)
        for n in ast.walk(target.value)
    )


def _is_item_update(node: ast.AST) -> bool:
    return any(isinstance(target, ast.Subscript) for target in assigned_targets(node))


def assigned_targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.AugAssign):
        return [node.target]
    return list(node.targets) if isinstance(node, ast.Assign) else []


def target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds, in the order a sample is unpacked into them:
    `(x1, x2), t` -> [x1, x2, t] (ast.walk would give t first)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for item in target.elts for name in target_names(item)]
    return []


def loop_targets(node: ast.For | ast.While) -> set[str]:
    if isinstance(node, ast.For):
        return {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    return set()


@functools.lru_cache(maxsize=256)
def pass_variables(node: ast.For | ast.While) -> frozenset[str]:
    """The names a pass of the loop starts from: a `for` loop's targets, or the counters of
    a `while` loop (`while p < N_PAT: ... p += 1`), names its test reads and its body
    binds. A re-run of the pass must see them as the observed pass did, not as the loop
    left them (`p == N_PAT` indexes past the end). Once per loop: the follower asks at the
    start of every pass."""
    if isinstance(node, ast.For):  # and counters a test reads (`seen += 1; if seen % k == 0:`)
        tested = {
            n.id
            for statement in node.body
            for branch in ast.walk(statement)
            if isinstance(branch, ast.If)
            for n in ast.walk(branch.test)
            if isinstance(n, ast.Name)
        }
        counted = {
            inner.target.id
            for statement in node.body
            for inner in ast.walk(statement)
            if isinstance(inner, ast.AugAssign) and isinstance(inner.target, ast.Name)
        }
        return frozenset(loop_targets(node) | (tested & counted) | _decayed(node))
    read = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
    bound = {
        target.id
        for statement in node.body
        for inner in ast.walk(statement)
        if isinstance(inner, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (inner.targets if isinstance(inner, ast.Assign) else [inner.target])
        if isinstance(target, ast.Name)
    }
    return frozenset(read & bound)


def _decayed(node: ast.For) -> set[str]:
    """Names the body scales from themselves (`alpha = alpha * 0.99999`, `lr *= 0.99`,
    `lr /= 1.01`): a decaying rate, as the observed pass began it, for every re-run and
    for the rate read off its update."""
    found: set[str] = set()
    for statement in node.body:
        for inner in ast.walk(statement):
            if isinstance(inner, ast.AugAssign) and isinstance(inner.op, ast.Mult | ast.Div):
                if isinstance(inner.target, ast.Name):
                    found.add(inner.target.id)
            elif (
                isinstance(inner, ast.Assign)
                and len(inner.targets) == 1
                and isinstance(inner.targets[0], ast.Name)
                and isinstance(inner.value, ast.BinOp)
                and isinstance(inner.value.op, ast.Mult | ast.Div)
                and any(
                    isinstance(n, ast.Name) and n.id == inner.targets[0].id
                    for n in (inner.value.left, inner.value.right)
                )
            ):
                found.add(inner.targets[0].id)
    return found


def binds(node: ast.Assign | ast.AnnAssign, name: str) -> bool:
    """Whether an assignment binds `name`: as a name, or as an attribute (`self.X = ...`),
    anywhere in its targets (`X, y = ...`)."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        for element in ast.walk(target):
            if isinstance(element, ast.Name) and element.id == name:
                return True
            if isinstance(element, ast.Attribute) and element.attr == name:
                return True
    return False
