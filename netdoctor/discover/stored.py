"""Gradients a step keeps rather than returns.

A model whose `backward()` fills `self.grads` (or `self.dW1`) for an optimizer object's
`step()` to read returns nothing: the claim is then what the step did to the weights,
(before - after) / rate. For plain gradient descent that is the gradient. For Adam,
RMSprop or Nesterov it is not, and reading it as one reports every correct gradient as
wrong. So the gradients the pass left where the model keeps them are read too: a dict
named like gradients with the parameters' keys (`grads["W1"]`, `grads["dW1"]`), or an
attribute beside each parameter (`self.dW1` by `self.W1`)."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.routes import descend
from netdoctor.discover.state import Parameter
from netdoctor.objects import attributes


def stored_gradients(
    scope: dict[str, Any],
    parameters: list[Parameter],
    pairs: dict[str, str] | None = None,
    bound: set[str] | None = None,
) -> dict[str, Any] | None:
    """Parameter label -> the gradient kept for it after a pass, for every parameter; None
    when the pass keeps none where these look. `pairs`: parameter name -> the name the
    loop hands beside it (`paired_names`). `bound`: the names the loop's body binds; a
    gradient named beside its weight is the pass's own only then (`gW1` left by an earlier
    loop in a notebook's cell, when this loop steps `W1 -= lr * (X.T @ d1)`, is stale)."""
    for found in (
        _paired(scope, parameters, pairs or {}),
        _from_dicts(scope, parameters),
        _beside(parameters),
        _named({k: v for k, v in scope.items() if bound is None or k in bound}, parameters),
        _listed(scope, parameters),
        _routed(scope, parameters),
        _in_sibling_dicts(scope, parameters),
    ):
        if found is not None and len(found) == len(parameters):
            return found
    return None


def paired_names(loop: ast.AST) -> dict[str, str]:
    """Name -> the name the loop's code hands beside it, as an optimizer is handed a
    parameter and its gradient: `(hidden_weights, g_hid_w)` in a list of pairs, `zip([W1,
    b1], [gW1, gb1])`, `opt.update(w_out, grad_out)`. Candidates only: `_paired` keeps a
    pair when the second is an array of the first's shape."""
    found: dict[str, str] = {}
    for node in ast.walk(loop):
        if isinstance(node, ast.Tuple | ast.List) and len(node.elts) == 2:
            _pair(found, node.elts[0], node.elts[1])
        elif isinstance(node, ast.Call):
            if _called(node) == "zip" and len(node.args) == 2:
                first, second = node.args
                if isinstance(first, ast.Tuple | ast.List) and isinstance(
                    second, ast.Tuple | ast.List
                ):
                    for a, b in zip(first.elts, second.elts, strict=False):
                        _pair(found, a, b)
            for a, b in itertools.pairwise(node.args):
                _pair(found, a, b)
    return found


def _pair(found: dict[str, str], first: ast.expr, second: ast.expr) -> None:
    if isinstance(first, ast.Name) and isinstance(second, ast.Name) and first.id != second.id:
        found.setdefault(first.id, second.id)


def _called(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else ""


def _paired(
    scope: dict[str, Any], parameters: list[Parameter], pairs: dict[str, str]
) -> dict[str, Any] | None:
    """The array the loop hands beside each parameter (`paired_names`), when it fits it
    and is none of the parameters: `opt.update(p, g)` for `p, g in ((W, gW), ...)`."""
    if not pairs:
        return None
    own = {s.key for p in parameters for s in p.slots if s.kind == "name"}
    found: dict[str, Any] = {}
    for parameter in parameters:
        names = [s.key for s in parameter.slots if s.kind == "name" and s.key in pairs]
        partner = pairs[names[0]] if names else None
        if partner is None or partner in own:
            return None
        value = _kept(scope.get, (partner,), parameter)
        if value is None:
            return None
        found[parameter.label] = value
    return found


def _keys(key: str) -> tuple[str, ...]:
    return (key, f"d{key}", f"d_{key}", f"grad_{key}", f"{key}_grad", f"g{key}", f"d{key.lower()}")


def _from_dicts(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    # `params["W1"]` and `grads["W1"]`, or `net.Wh` and `grads["Wh"]`
    items = {p.label: p.primary.key for p in parameters if p.primary.kind in ("item", "attr")}
    if len(items) != len(parameters) or not all(isinstance(k, str) for k in items.values()):
        return None
    if len(set(items.values())) != len(items):  # each layer's `params["W"]`: its own dict's
        return None  # (`_in_sibling_dicts`), not the first dict with a "W" that broadcasts
    for name, holder in _dicts(scope):
        if not naming.GRADIENT_NAME.match(name):
            continue
        found: dict[str, Any] = {}
        for parameter in parameters:
            value = _kept(holder.get, _keys(str(items[parameter.label])), parameter)
            if value is not None:
                found[parameter.label] = value
        if len(found) == len(parameters):
            return found
    return None


def _dicts(scope: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Dicts in the scope and in the attributes of the objects there (`model.grads`)."""
    found: list[tuple[str, dict[str, Any]]] = []
    for name, value in list(scope.items()):
        if isinstance(value, dict):
            found.append((name, value))
        elif _instance(value):
            for attribute, item in list(attributes(value).items()):
                if isinstance(item, dict):
                    found.append((attribute, item))
                elif _instance(item):
                    found += [
                        (a, d) for a, d in list(attributes(item).items()) if isinstance(d, dict)
                    ]
    return found


def _instance(value: Any) -> bool:
    """An object of the user's (a model, an optimizer), not a module, class or function:
    `np` in a script's globals holds hundreds of attributes, none of them gradients."""
    return hasattr(value, "__dict__") and not isinstance(
        value, type | ModuleType | FunctionType | MethodType | BuiltinFunctionType
    )


# the attribute of a parameter object holding its value, as torch's `p.data`
_VALUE_ATTRIBUTES = ("data", "value", "val", "values")


def _beside(parameters: list[Parameter]) -> dict[str, Any] | None:
    """`self.dW1` beside `self.W1`, `p.grad` beside `p.data`: an attribute of the same
    object, named as its gradient, or an item of its gradient dict (`self.grads["W"]`)."""
    found: dict[str, Any] = {}
    for parameter in parameters:
        slot = parameter.primary
        if slot.kind != "attr" or not isinstance(slot.key, str):
            return None
        owner = slot.holder()
        keys = _keys(slot.key)[1:]
        if slot.key in _VALUE_ATTRIBUTES:  # a `Parameter`'s `.grad` beside its `.data`
            keys += ("grad", "gradient", "g")
        value = _kept(lambda key, of=owner: getattr(of, key, None), keys, parameter)
        if value is None:  # `self.grads["weight"]` beside `self.weight`
            value = _in_own_dicts(owner, slot.key, parameter)
        if value is not None:
            found[parameter.label] = value
    return found


def _in_own_dicts(owner: Any, key: str, parameter: Parameter) -> np.ndarray | None:
    """The gradient an object keeps for its attribute `key` in a dict attribute of its
    own named as gradients (`self.grads["weight"] = self.inp.T @ dout` of a `Linear`)."""
    for name, holder in list(attributes(owner).items()):
        if isinstance(holder, dict) and naming.GRADIENT_NAME.match(name):
            value = _kept(holder.get, _keys(key), parameter)
            if value is not None:
                return value
    return None


def _in_sibling_dicts(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    """`layer.grads["W"]` beside `layer.params["W"]`, each layer its own pair of dicts (an
    Adam that walks the layers reads them)."""
    if not all(p.primary.kind == "item" and isinstance(p.primary.key, str) for p in parameters):
        return None
    owners = _dict_owners(scope)
    found: dict[str, Any] = {}
    for parameter in parameters:
        slot = parameter.primary
        owner = owners.get(id(slot.owner))
        if owner is None:
            return None
        for name, holder in list(attributes(owner).items()):
            if not isinstance(holder, dict):
                continue
            if not (naming.GRADIENT_NAME.match(name) or naming.GRADIENT_HOLDER_NAME.match(name)):
                continue
            value = _kept(holder.get, _keys(slot.key), parameter)
            if value is not None:
                found[parameter.label] = value
                break
    return found


def _dict_owners(scope: dict[str, Any]) -> dict[int, Any]:
    """id of a dict -> the object whose attribute it is, for the objects in the scope, in
    its lists, and in their attributes and lists (`model.layers[0].params`)."""
    objects: list[Any] = []
    for value in list(scope.values()):
        for item in _objects_in(value):
            objects.append(item)
            for inner in list(attributes(item).values()):
                objects += _objects_in(inner)
    return {
        id(holder): owner
        for owner in objects
        for holder in list(attributes(owner).values())
        if isinstance(holder, dict)
    }


def _objects_in(value: Any) -> list[Any]:
    """The user's objects a value is or lists (`layers`); a list whose first item is no
    such object (300 data points) is not walked item by item on every recorded step."""
    if isinstance(value, list | tuple):
        if not value or not _instance(value[0]):
            return []
        return [item for item in value if _instance(item)]
    return [value] if _instance(value) else []


def _named(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    """`dW1` beside `W1` in the pass's scope (`dW1, db1 = grads_of(xb, yb)`, then
    `opt.step([W1, b1], [dW1, db1])`)."""
    found: dict[str, Any] = {}
    for parameter in parameters:
        names = [s.key for s in parameter.slots if s.kind == "name" and isinstance(s.key, str)]
        if not names:  # (`W1` is `params[0]` too: the list's name is the label)
            return None
        for name in names:
            value = _kept(scope.get, _keys(name)[1:], parameter)
            if value is not None:
                found[parameter.label] = value
                break
    return found


def _listed(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    """`grads[i]` beside `params[i]`: a list named as gradients, item for item (`grads =
    [dW1, dW2, db2]` zipped with `params` by the step)."""
    if not all(p.primary.kind == "item" and isinstance(p.primary.key, int) for p in parameters):
        return None
    return _built_alike(scope, parameters, routed=False)


def _routed(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    """`grads[i]["W"]` beside `layers[i]["W"]`: a container named as gradients that is
    built like the parameters' own, down the same indices and keys."""
    slots = [p.primary for p in parameters]
    if not all(s.kind == "item" and s.parent is not None and s.route for s in slots):
        return None
    return _built_alike(scope, parameters, routed=True)


def _built_alike(
    scope: dict[str, Any], parameters: list[Parameter], routed: bool
) -> dict[str, Any] | None:
    """The first container in `scope` named as gradients holding, where each parameter
    sits in its own (its key, down its route when `routed`), an array that fits it."""
    kinds = (list, tuple, dict) if routed else (list, tuple)
    for name, value in list(scope.items()):
        if not isinstance(value, kinds) or not naming.GRADIENT_NAME.match(name):
            continue
        found = {}
        for parameter in parameters:
            slot = parameter.primary
            try:
                kept = descend(value, slot.route if routed else ())[slot.key]
            except (KeyError, IndexError, TypeError):
                break
            if _fits(kept, parameter):
                found[parameter.label] = np.array(kept, dtype=np.float64)
        if len(found) == len(parameters):
            return found
    return None


def _kept(
    get: Callable[[str], Any], keys: tuple[str, ...], parameter: Parameter
) -> np.ndarray | None:
    """The first of `get(key)` for `keys` that fits the parameter, as float64."""
    for key in keys:
        value = get(key)
        if _fits(value, parameter):
            return np.array(value, dtype=np.float64)
        spread = _spread(value, parameter)
        if spread is not None:
            return spread
    return None


def _spread(value: Any, parameter: Parameter) -> np.ndarray | None:
    """A kept gradient of another shape that the update spreads over the parameter: the
    one number `np.sum(g)` (no axis) every unit's bias then gets, or `(n,)` for a `(1, n)`
    bias. As the step applies it: the claim, with its slip (ND108) in it."""
    if isinstance(value, float | np.floating) and not isinstance(value, bool):
        value = np.asarray(value)
    shape = np.shape(parameter.before)
    if not isinstance(value, np.ndarray) or value.dtype.kind != "f" or value.shape == shape:
        return None
    try:
        return np.array(np.broadcast_to(value, shape), dtype=np.float64)
    except ValueError:
        return None


def _fits(value: Any, parameter: Parameter) -> bool:
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and value.shape == np.shape(parameter.before)
        and value is not parameter.primary.current()
    )


def assigned_names(loop: ast.AST, tree: ast.AST) -> set[str]:
    """The names a pass of `loop` may bind: those its body assigns (`gW1 = a1.T @ d2`,
    `dW1, db1 = grads_of(xb, yb)`), and every name a function of the file declares global
    (`def backward(): global dW1; ...`, called from the body)."""
    bound = {
        n.id for n in ast.walk(loop) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    return bound | {name for n in ast.walk(tree) if isinstance(n, ast.Global) for name in n.names}
