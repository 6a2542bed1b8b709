"""The learning rate of an observed step, read from the update statements themselves.

A gradient recovered from an update is (before - after) / learning rate, so a wrong rate
would look like a wrongly scaled gradient. The rate is the product of the scalar factors
in the update (`W -= lr * dW`, `self.w += self.alpha * delta`, `syn1 += l1.T.dot(d)` has
none: 1), resolved in the scope where the update runs: the loop's frame, or the arguments
and instance of the function that does the update. Names like `lr` in scope come next.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.common import function_tree
from netdoctor.discover.follow import LoopStep, Observation
from netdoctor.discover.loops import function_nodes
from netdoctor.discover.state import restore
from netdoctor.discover.stepping import overwritten_by_methods, setattr_step, whole_slice_name


def learning_rate_of_step(
    observation: Observation,
    step: LoopStep,
    tree: ast.Module,
    after_pass: Callable[[], dict[str, Any]] | None = None,
) -> tuple[float, str | None]:
    """`after_pass` gives the pass's scope once it has run: a rate the body itself sets
    before its update (`lr = 0.1`, `lr = warmup(step)`) is not bound when the pass
    begins."""
    scopes: list[tuple[list[ast.stmt], dict[str, Any], Any]] = []
    # The rate as the pass's update saw it: a decay later in the body (`lr *= 0.999`) or in
    # the passes run since must not leak into (before - after) / rate.
    restore(step.slots)
    frame_scope = dict(step.globals)
    frame_scope.update(step.locals)
    body_rates = {
        name
        for name in _bound_names(step.loop.node.body)
        if _rate_like(name) and name not in frame_scope
    }
    if body_rates and after_pass is not None:
        try:
            ran = after_pass()
        except Exception:  # the pass raising is reported where the checks run it
            ran = {}
        frame_scope.update({k: ran[k] for k in body_rates if k in ran})
        restore(step.slots)
    scopes.append((step.loop.node.body, frame_scope, frame_scope.get("self")))
    functions = function_nodes(tree)
    seen: set[int] = set()
    for record in observation.calls[step.first_call : step.last_call]:
        node = functions.get((record.code.co_name, record.code.co_firstlineno))
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        scope = dict(step.globals)
        scope.update(record.arguments)
        scopes.append((node.body, scope, record.instance))
    found_update = False
    names = {
        str(slot.key) for p in step.parameters for slot in p.slots if slot.kind in ("name", "attr")
    }
    fresh = {f".{name}" for name in overwritten_by_methods(tree)}  # `self.ha`: a unit's value
    for statements, scope, instance in scopes:
        rate, statement = _rate_in(statements, scope, instance, names, fresh)
        found_update = found_update or statement is not None
        if rate is not None and statement is not None:
            return rate, f"from `{ast.unparse(statement).strip()[:60]}`"
    for name in naming.LEARNING_RATE_NAMES:
        value = _scalar(frame_scope.get(name))
        if value is not None and value > 0:
            return value, f"`{name}` in your file"
    for record in observation.calls[step.first_call : step.last_call]:
        for name, value in record.arguments.items():
            rate = _scalar(value)
            if _rate_like(name) and rate is not None and rate > 0:
                return rate, f"the argument `{name}` of `{record.name}`"
    if found_update:
        return 1.0, "your update has no learning-rate factor"
    return 1.0, None


def _rate_in(
    statements: list[ast.stmt],
    scope: dict[str, Any],
    instance: Any,
    names: set[str],
    fresh: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[float | None, ast.AST | None]:
    """The rate of the first update among `statements` whose scalar factors all resolve in
    `scope`, with that update; (None, the first update) when none resolves. `fresh` are
    attributes (`.ha`) a method sets anew each pass: a scalar network's unit values."""
    computed = _bound_names(statements) | fresh
    settings = _settings_read(statements)
    steps = _steps_made(statements)
    first: ast.AST | None = None
    for statement in _walk_statements(statements):
        factors = update_factors(statement)
        if factors is None or _counter(statement, names):
            continue
        first = first or statement
        rate = 1.0
        numbers = 0
        for factor in _expanded(factors, steps):
            if isinstance(factor, ast.Name) and factor.id in settings:
                factor = settings[factor.id]  # `lr = self.hp.learning_rate`, then `lr * dW`
            value = _resolve(factor, scope, instance, computed)
            if value is _ARRAY:
                continue
            if value is None:
                break
            rate *= value
            numbers += 1
        else:
            if numbers and rate > 0:
                return rate, statement
    return None, first


def rate_of_method(method: Callable[..., Any], instance: Any) -> float | None:
    """The rate an update method applies when called without its rate: a default argument
    (`def learn(self, x, y, pace=0.4)`), a module constant or an attribute, read from the
    method's own update statements. None when they have no resolvable scalar factor."""
    function = getattr(method, "__func__", method)
    tree = function_tree(function)
    node = tree.body[0] if tree is not None and tree.body else None
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    scope = dict(getattr(function, "__globals__", {}))
    for parameter in inspect.signature(function).parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            scope[parameter.name] = parameter.default
    rate, _ = _rate_in(node.body, scope, instance, set())
    return rate


def _counter(statement: ast.AST, parameter_names: set[str]) -> bool:
    """`epoch += 1`, `err += 0.5 * np.sum((o - t) ** 2)` in the loop: a name that is no
    parameter, stepped by a number or summing a loss; its factor is no learning rate."""
    if (  # `self.t += 1`: an optimizer's step count
        isinstance(statement, ast.AugAssign)
        and isinstance(statement.target, ast.Attribute)
        and statement.target.attr not in parameter_names
        and isinstance(statement.value, ast.Constant)
    ):
        return True
    return (
        isinstance(statement, ast.AugAssign)
        and isinstance(statement.target, ast.Name)
        and statement.target.id not in parameter_names
        and (
            isinstance(statement.value, ast.Constant)
            or naming.loss_or_error_name(statement.target.id)
            or _measures_error(statement.value)
        )
    )


def _measures_error(value: ast.expr) -> bool:
    """`0.5 * (o - t) ** 2`, `np.log(p)`, `abs(o - t)`: a loss term summed into a total
    (`total += ...`), whatever the total's name; no update of a weight squares or logs."""
    for node in ast.walk(value):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return True
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
            if called in ("log", "square", "abs", "fabs", "log1p"):
                return True
    return False


def _walk_statements(statements: list[ast.stmt]) -> list[ast.AST]:
    """Assignments, and the parts of `return W1 - lr * dW1, ...` (new weights returned)."""
    found: list[ast.AST] = []
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.AugAssign | ast.Assign):
                found.append(node)
            elif setattr_step(node) is not None:  # setattr(net, k, getattr(net, k) - lr * g)
                found.append(node)
            elif isinstance(node, ast.Return) and node.value is not None:
                value = node.value
                parts = value.elts if isinstance(value, ast.Tuple | ast.List) else [value]
                found.extend(p for p in parts if isinstance(p, ast.BinOp))
    return found


def update_factors(statement: ast.AST) -> list[ast.expr] | None:
    """Scalar-looking factors of `P -= a * b * g` or `P = P - a * g`; None if no update."""
    step = setattr_step(statement)
    if step is not None:
        return _product_operands(step.right) or None
    if isinstance(statement, ast.BinOp):  # a returned `W - lr * dW`
        if isinstance(statement.op, ast.Sub | ast.Add) and isinstance(statement.left, ast.Name):
            factors = _product_operands(statement.right)
            return factors if factors else None
        return None
    if isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Sub | ast.Add):
        if not isinstance(statement.target, ast.Attribute | ast.Name | ast.Subscript):
            return None
        return _product_operands(statement.value)
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        value = statement.value
        target = ast.unparse(statement.targets[0])
        element = _comprehension_element(value)
        if element is not None:  # weights = [W - lr * g for W, g in zip(weights, grads)]
            return _product_operands(element.right) or None
        if (
            isinstance(value, ast.BinOp)
            and isinstance(value.op, ast.Sub | ast.Add)
            and ast.unparse(value.left) == target
        ):
            return _product_operands(value.right)
    return None


def scaled_names(nodes: list[ast.AST]) -> set[str]:
    """Names an update scales into its step (`dW` of `W -= lr * dW`, anywhere under
    `nodes`): gradients, never an output, and a helper may clip them in place."""
    return {
        factor.id
        for tree in nodes
        for node in ast.walk(tree)
        for factor in update_factors(node) or []
        if isinstance(factor, ast.Name)
    }


def _comprehension_element(value: ast.expr) -> ast.BinOp | None:
    """The `W - lr * g` of a list or dict comprehension that builds new parameters."""
    if (  # tuple(p - lr * g for p, g in zip(params, grads))
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in ("tuple", "list")
        and len(value.args) == 1
    ):
        value = value.args[0]
    if isinstance(value, ast.ListComp | ast.GeneratorExp):
        element = value.elt
    elif isinstance(value, ast.DictComp):
        element = value.value
    else:
        return None
    if isinstance(element, ast.BinOp) and isinstance(element.op, ast.Sub | ast.Add):
        return element
    return None


def _product_operands(expression: ast.expr) -> list[ast.expr]:
    """The operands of a chain of `*` whose value could be a scalar (names, constants)."""
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Mult | ast.MatMult):
        # (lr * A.T) @ d == lr * (A.T @ d): a scalar inside a matrix product scales it too
        return _product_operands(expression.left) + _product_operands(expression.right)
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Div):
        return _product_operands(expression.left)
    if isinstance(expression, ast.Constant) and isinstance(expression.value, int | float):
        return [expression]
    if isinstance(expression, ast.UnaryOp) and isinstance(expression.op, ast.USub):
        return _product_operands(expression.operand)  # `-lr * dW` made apart, then `+=`
    if isinstance(expression, ast.Name | ast.Attribute):
        return [expression]  # a number multiplies the update, an array is the gradient
    if isinstance(expression, ast.Subscript) and isinstance(expression.slice, ast.Constant):
        return [expression]  # `cfg["lr"]`, `self.hp["alpha"]`, or `grads["dW1"]`
    if _is_cast(expression):  # `np.float32(lr) * dW`: the cast keeps the rate's value
        return _product_operands(expression.args[0])  # type: ignore[attr-defined]
    return []


NUMBER_CASTS = ("float", "float16", "float32", "float64", "double", "single", "longdouble")


def _is_cast(expression: ast.expr) -> bool:
    if not isinstance(expression, ast.Call) or len(expression.args) != 1 or expression.keywords:
        return False
    function = expression.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name in NUMBER_CASTS


def _rate_like(name: str) -> bool:
    lowered = name.lower()
    return (
        name in naming.LEARNING_RATE_NAMES or "rate" in lowered or lowered in ("lr", "alpha", "eta")
    )


_ARRAY = object()  # a factor that is an array: part of the gradient, not of the rate


def _bound_names(statements: list[ast.stmt]) -> set[str]:
    """Names the statements compute (`e = p - y`, `for x, t in ...`): parts of a gradient."""
    names: set[str] = set()
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def _resolve(
    node: ast.expr, scope: dict[str, Any], instance: Any, computed: set[str] | None = None
) -> Any:
    """The number a factor stands for, `_ARRAY` for an array or a local, None if unknown.

    A name the step computes is part of the gradient even when it holds a number (a
    network of scalar weights at top level: `wo1 -= lr * e * h1`), unless named a rate."""
    if isinstance(node, ast.Constant):
        return _scalar(node.value)
    value: Any = None
    if isinstance(node, ast.Name):
        if computed and node.id in computed and not _rate_like(node.id):
            return _ARRAY
        if node.id not in scope:
            return None if _rate_like(node.id) else _ARRAY  # a local of the step: a delta
        value = scope[node.id]
    elif isinstance(node, ast.Attribute):
        if computed and f".{node.attr}" in computed and not _rate_like(node.attr):
            return _ARRAY  # `self.ha` of `self.wo1 -= step * do * self.ha`
        owner = _resolve_container(node.value, scope, instance)  # `self.hp` of `self.hp.lr`
        if owner is None or not hasattr(owner, node.attr):
            return None if _rate_like(node.attr) else _ARRAY
        value = getattr(owner, node.attr)
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        key = node.slice.value
        container = _resolve_container(node.value, scope, instance)
        if not isinstance(container, dict) or key not in container:
            return None if isinstance(key, str) and _rate_like(key) else _ARRAY
        value = container[key]
    if isinstance(value, np.ndarray):
        return _ARRAY
    number = _scalar(value)
    if number == 0.0 and not isinstance(node, ast.Constant):
        # a velocity that starts at 0.0 (`avg = {k: 0.0 ...}`, `W -= lr * avg["W"]`) is
        # part of the step, and no learning rate is 0
        return _ARRAY
    return number


def _steps_made(statements: list[ast.stmt]) -> dict[str, ast.expr]:
    """Names bound once to a product (`weight_updates = -self.current_learning_rate *
    layer.dweights`, then `layer.weights += weight_updates`): the step, made apart."""
    bound: dict[str, list[ast.expr]] = {}
    for node in (n for statement in statements for n in ast.walk(statement)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]  # `v_w[:] = mu * v_w - lr * dW`, then `W += v_w`
            name = target.id if isinstance(target, ast.Name) else whole_slice_name(target)
            # (not a rate decayed from itself, `alpha = alpha * 0.99999`, after the update)
            decayed = isinstance(target, ast.Name) and _rate_like(name or "")
            if decayed and any(
                isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.value)
            ):
                continue
            if name is not None:
                bound.setdefault(name, []).append(node.value)
    products = {
        name: [
            v
            for v in (_rate_term(value, name) for value in values)
            if len(_product_operands(v)) > 1
        ]
        for name, values in bound.items()
    }
    # `if self.momentum: weight_updates = mu * m - lr * g` `else: weight_updates = -lr * g`:
    # the one plain product is the step without momentum
    return {name: found[0] for name, found in products.items() if len(found) == 1}


def _rate_term(value: ast.expr, name: str = "") -> ast.expr:
    """Of a momentum step made apart (`v = mu * self.velocity[k] - self.hp.learning_rate *
    grad`), the term the rate scales: the first step of a zero velocity is that term. Not
    the one reading the velocity `name` itself (`mu * sW`: some call the rate `mu` too)."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add | ast.Sub):
        rated = [
            side
            for side in (value.left, value.right)
            if any(_rate_like(_last_name(f)) for f in _product_operands(side))
            and not any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(side))
        ]
        if len(rated) == 1:
            return rated[0]
    return value


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _expanded(factors: list[ast.expr], steps: dict[str, ast.expr]) -> list[ast.expr]:
    """The factors, a step made apart replaced by its own factors."""
    found: list[ast.expr] = []
    for factor in factors:
        if isinstance(factor, ast.Name) and factor.id in steps:
            found += _product_operands(steps[factor.id])
        else:
            found.append(factor)
    return found


def _settings_read(statements: list[ast.stmt]) -> dict[str, ast.expr]:
    """Rate-like names a function binds once from a setting (`lr = self.hp.learning_rate`,
    `lr = config["lr"]`): the setting's expression, resolved where the update is."""
    found: dict[str, ast.expr] = {}
    for statement in statements:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and _rate_like(statement.targets[0].id)
            and isinstance(statement.value, ast.Attribute | ast.Subscript)
        ):
            found.setdefault(statement.targets[0].id, statement.value)
    return found


def _resolve_container(node: ast.expr, scope: dict[str, Any], instance: Any) -> Any:
    """The dict a settings lookup reads (`config` of `config["lr"]`, `self.hp`)."""
    if isinstance(node, ast.Name):
        return instance if node.id == "self" else scope.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve_container(node.value, scope, instance)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


def _scalar(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.floating | np.integer):
        return float(value)
    return None
