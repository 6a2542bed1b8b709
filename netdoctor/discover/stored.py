"""Gradients a step keeps rather than returns.

A model whose `backward()` fills `self.grads` (or `self.dW1`) for an optimizer object's
`step()` to read returns nothing: the claim is then what the step did to the weights,
(before - after) / rate. For plain gradient descent that is the gradient. For Adam,
RMSprop or Nesterov it is not, and reading it as one reports every correct gradient as
wrong. So the gradients the pass left where the model keeps them are read too: a dict
named like gradients with the parameters' keys (`grads["W1"]`, `grads["dW1"]`), or an
attribute beside each parameter (`self.dW1` by `self.W1`)."""

from __future__ import annotations

from collections.abc import Callable
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.routes import descend
from netdoctor.discover.state import Parameter
from netdoctor.objects import attributes


def stored_gradients(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    """Parameter label -> the gradient kept for it after a pass, for every parameter; None
    when the pass keeps none where these look."""
    for found in (
        _from_dicts(scope, parameters),
        _beside(parameters),
        _named(scope, parameters),
        _listed(scope, parameters),
        _routed(scope, parameters),
        _in_sibling_dicts(scope, parameters),
    ):
        if found is not None and len(found) == len(parameters):
            return found
    return None


def _keys(key: str) -> tuple[str, ...]:
    return (key, f"d{key}", f"d_{key}", f"grad_{key}", f"{key}_grad", f"g{key}", f"d{key.lower()}")


def _from_dicts(scope: dict[str, Any], parameters: list[Parameter]) -> dict[str, Any] | None:
    # `params["W1"]` and `grads["W1"]`, or `net.Wh` and `grads["Wh"]`
    items = {p.label: p.primary.key for p in parameters if p.primary.kind in ("item", "attr")}
    if len(items) != len(parameters) or not all(isinstance(k, str) for k in items.values()):
        return None
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
    object, named as its gradient."""
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
        if value is not None:
            found[parameter.label] = value
    return found


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
            if not isinstance(holder, dict) or not naming.GRADIENT_NAME.match(name):
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
    return None


def _fits(value: Any, parameter: Parameter) -> bool:
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and value.shape == np.shape(parameter.before)
        and value is not parameter.primary.current()
    )
