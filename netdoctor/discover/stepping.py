"""Steps: statements that move a value by an amount (`W -= lr * dW`, `W = W - lr * dW`,
`setattr(net, k, getattr(net, k) - lr * g[k])`), the names stepped at the weights' rate,
loops that step what a call yields (any attribute or item may be a parameter then), the
attributes methods make afresh and the dict keys a forward writes anew (a forward's caches,
never stepped). From the file's syntax only."""

from __future__ import annotations

import ast

from netdoctor import naming

# An attribute stepped under a name known only when it runs (`setattr(net, k, getattr(net,
# k) - lr * g[k])` over `net.names`): any attribute may be a parameter.
ANY_ATTR = "attr:*"
# An item stepped through a loop's variable over what a method yields (`for name, p in
# model.parameters(): p -= lr * v[name]`, the method walking `self.layers["hidden"]`'s
# items): any item of a container may be a parameter.
ANY_ITEM = "item:*"


def setattr_step(node: ast.AST) -> ast.BinOp | None:
    """The `getattr(net, k) - lr * g` of `setattr(net, k, getattr(net, k) - lr * g)`."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "setattr"
        and len(node.args) == 3
    ):
        return None
    value = node.args[2]
    if (
        isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Sub | ast.Add)
        and isinstance(value.left, ast.Call)
        and isinstance(value.left.func, ast.Name)
        and value.left.func.id == "getattr"
    ):
        return value
    return None


def stepped_names(tree: ast.AST) -> set[str]:
    """Names updated by a step of the rate the weights are updated with: `d -= eta *
    delta_o` beside `w -= eta * delta_o * h`. A float named like nothing (`d`, `c`) is a
    parameter when it is stepped so; a loss total (`E += 0.5 * (o - t) ** 2`) is not."""
    factors: list[tuple[str, set[str]]] = []
    for node in ast.walk(tree):
        target, step = _step_of(node)
        if target:
            factors.append((target, _factor_names(step)))
    counts: dict[str, set[str]] = {}
    for target, names in factors:
        for name in names:
            counts.setdefault(name, set()).add(target)
    rates = {name for name, targets in counts.items() if len(targets) >= 3}
    stepped = {target for target, names in factors if names & rates}
    return stepped | _stepped_by_velocities(tree) | _stepped_by_a_shared_delta(tree)


def _stepped_by_a_shared_delta(tree: ast.AST) -> set[str]:
    """Names stepped by the delta another stepped name is (`c -= d.mean()` beside `V -=
    h.T @ d / 200`, the rate folded in), when at least three names are stepped: an output
    bias kept in a float. Not a running total of squares, logs or absolute values, nor a sum
    sharing only a sample or an index (`s += w[j][i] * x[i]` beside `e += learn(x, t)`):
    the delta is a value the file computes (`d = o - y`), no loop variable or argument."""
    computed = _computed_names(tree)
    read: dict[str, set[str]] = {}
    lossy: set[str] = set()
    for node in ast.walk(tree):
        target, step = _step_of(node)
        if not target or step is None:
            continue
        read.setdefault(target, set()).update(
            n.id for n in ast.walk(step) if isinstance(n, ast.Name) and n.id in computed
        )
        if any(
            (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow))
            or (isinstance(n, ast.Call) and called_name(n) in ("log", "abs", "square", "log1p"))
            for n in ast.walk(step)
        ):
            lossy.add(target)
    if len(read) < 3:
        return set()
    return {
        target
        for target, names in read.items()
        if target not in lossy and any(names & others for t, others in read.items() if t != target)
    }


def _computed_names(tree: ast.AST) -> set[str]:
    """Names a plain assignment binds, less loop variables, arguments and called names."""
    assigned = {
        t.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign)
        for target in n.targets
        for t in ast.walk(target)
        if isinstance(t, ast.Name)
    }
    walked = {
        t.id
        for n in ast.walk(tree)
        if isinstance(n, ast.For | ast.comprehension)
        for t in ast.walk(n.target)
        if isinstance(t, ast.Name)
    }
    arguments = {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args}
    called = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    return assigned - walked - arguments - called - {"np", "numpy"}


def called_name(call: ast.Call) -> str:
    """The called function's or method's own name (`sum` of `np.sum(x)` and `x.sum()`)."""
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _stepped_by_velocities(tree: ast.AST) -> set[str]:
    """Names moved by a velocity of their own (`c += vc` beside `W += vW`, with `vc = mu *
    vc - lr * gc`): momentum's steps, when at least three arrays are stepped so. A velocity
    is assigned from itself and something more (`v = mu * v - lr * g`)."""
    velocities = {
        expression_key(node.targets[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.value, ast.BinOp)
        and _from_itself(node.targets[0], node.value)
    }
    stepped = set()
    for node in ast.walk(tree):
        target, step = _step_of(node)
        if target and step is not None and expression_key(step) in velocities:
            stepped.add(target)
    return stepped if len(stepped) >= 3 else set()


def _from_itself(target: ast.expr, value: ast.expr) -> bool:
    """Whether `value` reads what `target` writes (`v = mu * v - lr * g`, `s["W"] = s["W"]
    - lr * g`): an update of the value, not a fresh one."""
    key = expression_key(target)
    return key is not None and any(expression_key(n) == key for n in ast.walk(value))


def _step_of(node: ast.AST) -> tuple[str, ast.expr | None]:
    """(name, step) of `name -= step`, `name[j] += step` or `name = name - step`."""
    target, step = step_of(node)
    while isinstance(target, ast.Subscript):  # `w[j] -= step * g * acts[j]`, `w[j] = w[j] - ..`
        target = target.value
    if isinstance(target, ast.Attribute):  # `self.d -= lr * err` beside `self.w[j] -= ...`
        return target.attr, step
    return (target.id, step) if isinstance(target, ast.Name) else ("", None)


def step_of(node: ast.AST) -> tuple[ast.expr | None, ast.expr | None]:
    """(the target as written, the expression it is moved by) of `W += v`, `W -= lr * v`
    and `W = W - lr * v` (`self.W`, `p["W1"]` too); (None, None) of anything else."""
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add | ast.Sub):
        return node.target, node.value
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
        key = expression_key(target)
        if (
            key is not None
            and isinstance(value, ast.BinOp)
            and isinstance(value.op, ast.Add | ast.Sub)
            and expression_key(value.left) == key
        ):
            return target, value.right
    return None, None


def expression_key(node: ast.AST) -> str | None:
    """A name, attribute or item as written (`W1`, `self.W1`, `params['W1']`); None else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute | ast.Subscript):
        return ast.unparse(node)
    return None


def _factor_names(step: ast.expr | None) -> set[str]:
    """The names multiplied together at the top of a step: `eta` and `delta_o` of
    `eta * delta_o`; none in `0.5 * (o - t) ** 2` but for what a product holds. A rate
    written as a number counts as one (`c0 -= 0.2 * g` beside `c -= 0.2 * g * hid`)."""
    if isinstance(step, ast.BinOp) and isinstance(step.op, ast.Mult | ast.Div):
        return _factor_names(step.left) | _factor_names(step.right)
    if isinstance(step, ast.Name):
        return {step.id}
    if isinstance(step, ast.Attribute):  # `self.rate * g`
        return {ast.unparse(step)}
    if isinstance(step, ast.Constant) and isinstance(step.value, float) and step.value < 1:
        return {repr(step.value)}
    return set()


def stepped_in_place(statements: list[ast.stmt]) -> set[str]:
    """Names the statements move in place (`total += loss`, `v *= beta`, `p -= lr * g`,
    `v[:] = mu * v + g`): running sums, velocities, or a loop's variable stepped for the
    item it holds."""
    found = set()
    for node in (n for statement in statements for n in ast.walk(statement)):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            name = whole_slice_name(node.targets[0])
            if name and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.value)):
                found.add(name)
    return found


def whole_slice_name(target: ast.expr) -> str | None:
    """`v` of the target `v[:]`: the whole array written in place (`v[:] = mu * v + g`)."""
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and isinstance(target.slice, ast.Slice)
        and target.slice.lower is None
        and target.slice.upper is None
    ):
        return target.value.id
    return None


def overwritten_by_methods(tree: ast.AST) -> set[str]:
    """Attributes a method other than a constructor sets afresh (`self.x = x`, `self.a =
    act(z)` in `__call__`) and never from their own value (`self.W = self.W - ...`; another
    object's `unit.delta = w * self.out.delta` is fresh): a layer's forward caches. A
    setattr step may move any attribute, but not these: they are made anew each pass."""
    fresh: set[str] = set()
    own: set[str] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or naming.INIT_FUNCTION.search(function.name):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Assign):
                continue
            read = {ast.unparse(n) for n in ast.walk(node.value) if isinstance(n, ast.Attribute)}
            for target in node.targets:
                if isinstance(target, ast.Attribute):
                    (own if ast.unparse(target) in read else fresh).add(target.attr)
    return fresh - own


def steps_what_a_call_lists(tree: ast.AST) -> bool:
    """`for p, g in zip(self.parametros(), grads): p += v` (or `p -= lr * g`): the arrays a
    method returns are stepped in place, attributes of the object as likely as not; so are
    those a function of the file yields (`for name, p in named_arrays(net)`), items of
    its containers as likely as not, and those an object holds (`self.params`) or a step
    is handed (`def step(self, pairs): for p, g in pairs`)."""
    defined = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    handed = {  # loop -> the arguments of the function it is in (`step(self, pairs)`)
        id(loop): {a.arg for a in function.args.args}
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for loop in ast.walk(function)
        if isinstance(loop, ast.For)
    }
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For):
            continue
        variables = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
        stepped = stepped_in_place(loop.body)
        called = any(
            isinstance(n, ast.Call)
            and (
                isinstance(n.func, ast.Attribute)
                or (isinstance(n.func, ast.Name) and n.func.id in defined)
            )
            for n in ast.walk(loop.iter)
        )
        # `for p, g in self.params: p -= ...`: the (weight, gradient) pairs of an optimizer
        # handed `model.parameters()`
        walked, item = loop.iter, loop.target
        if (  # `for k, (w, g) in enumerate(self.pairs)`
            isinstance(walked, ast.Call)
            and getattr(walked.func, "id", "") == "enumerate"
            and walked.args
            and isinstance(item, ast.Tuple)
            and len(item.elts) == 2
        ):
            walked, item = walked.args[0], item.elts[1]
        # (or handed to the step: `opt.step(model.parameters())` walking its argument; or
        # zipped from an object's lists: `zip(self.model.params, self.model.grads)`)
        zipped = isinstance(walked, ast.Call) and getattr(walked.func, "id", "") == "zip"
        held = isinstance(item, ast.Tuple) and (
            isinstance(walked, ast.Attribute)
            or (isinstance(walked, ast.Name) and walked.id in handed.get(id(loop), ()))
            or (zipped and any(isinstance(a, ast.Attribute) for a in walked.args))
        )
        if (called or held) and variables & stepped:
            return True
    return False


def keys_updated(tree: ast.AST) -> set[str]:
    """`key:pesi` for `s["pesi"] -= lr * g`: the constant keys dict items are updated by
    (`key:*` when one update's key is a variable, `p[k] -= ...`); and `afresh:z` for
    `s["z"] = a @ s["pesi"]`, a key written anew, not from itself, by a loop or a function
    other than a constructor: a forward's cache (`changed._keyed_out`)."""
    found: set[str] = set()
    inside = _in_loops_or_functions(tree)
    for node in ast.walk(tree):
        targets = [node.target] if isinstance(node, ast.AugAssign) else []
        targets += node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            if not isinstance(target, ast.Subscript):
                continue
            key = target.slice
            constant = isinstance(key, ast.Constant) and isinstance(key.value, str)
            if isinstance(node, ast.Assign):  # `s["W"] = s["W"] - lr * g`, from itself
                if not _from_itself(target, node.value):
                    if constant and id(node) in inside:
                        found.add(f"afresh:{key.value}")  # type: ignore[attr-defined]
                    continue
            found.add(f"key:{key.value}" if constant else "key:*")  # type: ignore[attr-defined]
    return found


def _in_loops_or_functions(tree: ast.AST) -> set[int]:
    """Ids of the statements in a loop's body or a function that is no constructor (`init`,
    `make`, `build`, ...): where a forward runs, not where the network is made."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.While) or (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and not naming.INIT_FUNCTION.search(node.name)
        ):
            found |= {id(n) for statement in node.body for n in ast.walk(statement)}
    return found


def target_key(node: ast.AST) -> str:
    """The name an update's target is known by: `W` of `W[i, j]`, `W1` of `self.W1`."""
    if isinstance(node, ast.Subscript):
        return target_key(node.value)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def keyed_walks(loop: ast.For | ast.While) -> list[tuple[int, str]]:
    """(line, container) of `params[name] -= lr * grads[name]` under `for name in params`
    (or `params.keys()`, `list(params)`, `params.items()`): every item of the container is
    stepped, whichever moved (a dead layer's gradients are exactly 0)."""
    found: list[tuple[int, str]] = []
    for inner in ast.walk(loop):
        if inner is loop or not isinstance(inner, ast.For):
            continue
        target = inner.target.elts[0] if isinstance(inner.target, ast.Tuple) else inner.target
        walked = inner.iter
        if (
            isinstance(walked, ast.Call)
            and walked.args
            and getattr(walked.func, "id", "") == "list"
        ):
            walked = walked.args[0]
        elif isinstance(walked, ast.Call) and getattr(walked.func, "attr", "") in ("keys", "items"):
            walked = walked.func.value  # type: ignore[attr-defined]
        if not isinstance(target, ast.Name) or not isinstance(walked, ast.Name | ast.Attribute):
            continue
        container = target_key(walked)
        for node in ast.walk(inner):
            if _steps_by_key(node, container, target.id):
                found.append((node.lineno, container))
    return found


def _steps_by_key(node: ast.AST, container: str, key: str) -> bool:
    """`params[name] -= ...` or `params[name] = params[name] - ...`."""
    if isinstance(node, ast.AugAssign):
        target: ast.expr = node.target
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if ast.unparse(target) not in {ast.unparse(n) for n in ast.walk(node.value)}:
            return False
    else:
        return False
    return (
        isinstance(target, ast.Subscript)
        and target_key(target.value) == container
        and isinstance(target.slice, ast.Name)
        and target.slice.id == key
    )
