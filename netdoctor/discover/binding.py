"""Calling user functions: bind arguments by name, read results by name and shape.

People name things their own way; a function is callable by netdoctor when every
argument without a default has a recognisable name (data, targets, a parameter, a size,
a learning rate, a cache from the forward pass ...).
"""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming


class Unbindable(Exception):
    """A user function has arguments netdoctor cannot supply; the message names them."""


@functools.lru_cache(maxsize=256)
def _cached_signature(function: Any) -> inspect.Signature:
    return inspect.signature(function)


def signature_of(function: Any) -> inspect.Signature:
    """inspect.signature, cached: the recorder binds the same function thousands of times."""
    try:
        return _cached_signature(function)
    except TypeError:  # unhashable callables
        return inspect.signature(function)


def positional_names(function: Callable[..., Any]) -> list[str]:
    try:
        parameters = signature_of(function).parameters.values()
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]


def bind_arguments(
    function: Callable[..., Any], values: dict[str, Any], roles: dict[str, Any]
) -> dict[str, Any]:
    """Keyword arguments for a call: exact names first, then roles (data, targets, sizes...)."""
    signature = signature_of(function)
    kwargs: dict[str, Any] = {}
    missing: list[str] = []
    for position, parameter in enumerate(signature.parameters.values()):
        name = parameter.name
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if position == 0 and name in ("self", "cls") and name not in values:
            continue  # an unbound method or a constructor: the instance is not ours to supply
        if name in values:
            kwargs[name] = values[name]
            continue
        role = role_of(name)
        if role is not None and role in roles:
            kwargs[name] = roles[role]
            continue
        if parameter.default is not inspect.Parameter.empty:
            continue
        missing.append(name)
    if missing:
        raise Unbindable(
            f"cannot supply argument(s) {', '.join(missing)} of {function.__name__}{signature}"
        )
    if any(p.kind == p.POSITIONAL_ONLY for p in signature.parameters.values()):
        bound = signature.bind_partial(**kwargs)
        return dict(bound.arguments)
    return kwargs


def role_of(name: str) -> str | None:
    """The role an argument plays, from its name."""
    for role, names in (
        ("X", naming.DATA_NAMES),
        ("Y", naming.TARGET_NAMES),
        ("input_size", naming.INPUT_SIZE_NAMES),
        ("hidden_size", naming.HIDDEN_SIZE_NAMES),
        ("output_size", naming.OUTPUT_SIZE_NAMES),
        ("learning_rate", naming.LEARNING_RATE_NAMES),
        ("epochs", naming.EPOCH_NAMES),
        ("cache", naming.CACHE_NAMES),
        ("output", naming.OUTPUT_NAMES),
    ):
        if name in names:
            return role
    if naming.hidden_size_name(name):
        return "hidden_size"
    if naming.input_size_name(name):
        return "input_size"
    lowered = name.lower()
    if lowered in ("sizes", "layer_sizes", "layers", "architecture", "shape", "topology", "dims"):
        return "sizes"
    if lowered in ("m", "n_samples", "num_samples", "batch_size"):
        return "n_samples"
    return naming.data_role(lowered)


def returned_names(function: Callable[..., Any]) -> list[str]:
    """Names in the function's last `return a, b, c` statement, to bind a backward's arguments.

    Cached per function: the recorder calls the forward thousands of times, and reading
    and parsing its source each time cost more than the user's arithmetic."""
    try:
        return list(_cached_returned_names(function))
    except TypeError:  # unhashable callables
        return list(_returned_names(function))


@functools.lru_cache(maxsize=256)
def _cached_returned_names(function: Any) -> tuple[str, ...]:
    return _returned_names(function)


def _returned_names(function: Callable[..., Any]) -> tuple[str, ...]:
    try:
        source = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return ()
    names: tuple[str, ...] = ()
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            elements = value.elts if isinstance(value, ast.Tuple | ast.List) else [value]
            names = tuple(e.id if isinstance(e, ast.Name) else "" for e in elements)
    return names


def flatten_arrays(result: Any) -> list[Any]:
    """Tuples and lists of arrays (nested one level, like Nielsen's (nabla_b, nabla_w))."""
    if isinstance(result, tuple | list):
        flat: list[Any] = []
        for item in result:
            if isinstance(item, list | tuple) and item and all(_is_numeric(i) for i in item):
                flat.extend(item)
            else:
                flat.append(item)
        return flat
    return [result]


def _is_numeric(value: Any) -> bool:
    return isinstance(value, np.ndarray | float | int | np.floating) and not isinstance(value, bool)


def match_results(
    result: Any, names: list[str], shapes: dict[str, tuple[int, ...]], *, strip_prefix: bool
) -> dict[str, Any]:
    """Map a returned dict / tuple / list to parameter names.

    Dict keys are matched by name (dW1 -> W1, grad_W1 -> W1; case-insensitive), tuples by
    position when sizes line up, else by shape. A leading or trailing scalar that is one
    too many (a loss returned with the gradients) is dropped.
    """
    if isinstance(result, dict):
        return _match_dict(result, names, strip_prefix)
    if isinstance(result, tuple | list):  # `return loss, grads` with grads a dict (CS231n)
        dicts = [item for item in result if isinstance(item, dict)]
        if len(dicts) == 1 and all(np.ndim(i) == 0 for i in result if i is not dicts[0]):
            matched = _match_dict(dicts[0], names, strip_prefix)
            if matched:
                return matched
    items = flatten_arrays(result)
    if len(items) == len(names) + 1:
        if _is_numeric(items[0]) and np.ndim(items[0]) == 0:
            items = items[1:]
        elif _is_numeric(items[-1]) and np.ndim(items[-1]) == 0:
            items = items[:-1]
    items = [i for i in items if _is_numeric(i)]
    if len(items) != len(names):
        return dict(zip(names, items, strict=False)) if len(items) > len(names) else {}
    if all(np.size(item) == int(np.prod(shapes[n])) for item, n in zip(items, names, strict=True)):
        return dict(zip(names, items, strict=True))
    return _match_by_shape(items, names, shapes)


def _match_dict(result: dict[Any, Any], names: list[str], strip_prefix: bool) -> dict[str, Any]:
    lookup = {n.lower(): n for n in names}
    short = {n.split("[")[-1].strip("'\"]").split(".")[-1].lower(): n for n in names}
    matched: dict[str, Any] = {}
    for key, value in result.items():
        if not isinstance(key, str):
            continue
        candidates = [key]
        if strip_prefix:
            candidates.insert(0, naming.gradient_key_to_parameter(key))
        for candidate in candidates:
            target = lookup.get(candidate.lower()) or short.get(candidate.lower())
            if target is not None and target not in matched:
                matched[target] = value
                break
    return matched


def _match_by_shape(
    items: list[Any], names: list[str], shapes: dict[str, tuple[int, ...]]
) -> dict[str, Any]:
    matched: dict[str, Any] = {}
    for item in items:
        for name in names:
            if name not in matched and np.shape(item) == shapes[name]:
                matched[name] = item
                break
    leftovers = [i for i in items if not any(i is v for v in matched.values())]
    for name in names:
        if name not in matched and leftovers:
            matched[name] = leftovers.pop(0)
    return matched


_NUMERIC = (np.ndarray, np.floating, float)


def find_output(result: Any, n_samples: int, names: list[str] | None = None) -> np.ndarray | None:
    """The network output in whatever a forward returned: an array, (A2, cache), a cache dict."""
    if isinstance(result, np.ndarray | float | np.floating):
        return np.asarray(result, dtype=np.float64)
    if isinstance(result, dict):
        for key in naming.OUTPUT_NAMES:
            if key in result:
                return np.asarray(result[key], dtype=np.float64)
        return None
    if isinstance(result, tuple | list):
        if names:
            for key in naming.OUTPUT_NAMES:
                if key in names:
                    index = names.index(key)
                    # (a per-sample forward's output is a numpy float: `return z1, h, z2, out`)
                    if index < len(result) and isinstance(result[index], _NUMERIC):
                        return np.asarray(result[index], dtype=np.float64)
        arrays = [r for r in result if isinstance(r, _NUMERIC) and np.size(r) == n_samples]
        if arrays:
            return np.asarray(arrays[-1], dtype=np.float64)
        if result and isinstance(result[0], np.ndarray):
            return np.asarray(result[0], dtype=np.float64)
    return None
