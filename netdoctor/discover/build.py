"""Build what the file never builds: an instance and a training call, as a reader would.

Many pasted files define the network and stop (the question is "why does this not
learn?", the driver was left out), or make the instance only in a block that did not run.
The constructor's arguments come from their names and the data (`input_size`, `n_inputs`,
`nx` from the data's features; `output_size` 1; the hidden size `--hidden`; defaults
kept); then the file's own training method or function is called with its data and a
long run of epochs, under the same follower that watches a user's own run, which stops
after the first step. Each attempt says what it built, for the report.

The data is the file's own when it has some: arrays, lists of lists, or a list of `(x, t)`
pairs, which a training function taking no separate targets (`train(self, dataset,
epochs)`) is handed as the list itself. Only when the file has none is a default made,
and the driver says so (`made_data`), so the report never calls it the user's.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor.data import canonical_data, find_module_data
from netdoctor.discover.binding import Unbindable, bind_arguments, role_of, signature_of

TRAIN_NAME = re.compile(r"^(train|fit|learn|run|main|gradient_descent|optimi[sz]e|sgd)", re.I)
DRIVER_EPOCHS = 100_000  # the follower stops after one step; the loop just has to run twice
DEFAULT_RATE = 0.1


@dataclass
class Driver:
    description: str
    call: Callable[[], Any]
    made_data: str | None = None  # the data netdoctor made, when the file has none it can use


@dataclass
class _Data:
    X: np.ndarray
    Y: np.ndarray
    pairs: Any  # the user's list of (x, t) pairs, as written, when that is the data
    made: str | None


def drivers(namespace: dict[str, Any], path: str, hidden: int, seed: int) -> Iterator[Driver]:
    """Ways to start the file's training, most faithful first."""
    data = _data(namespace, seed)
    X, Y = data.X, data.Y
    roles = _roles(X, Y, hidden)
    name = namespace.get("__name__")
    for cls_name, cls in list(namespace.items()):
        if not (isinstance(cls, type) and cls.__module__ == name):
            continue
        methods = [m for m in vars(cls) if TRAIN_NAME.search(m) and callable(vars(cls)[m])]
        if not methods:
            continue
        try:
            kwargs = bind_arguments(cls.__init__, {}, _without_defaults(cls.__init__, roles))
            kwargs = kwargs if _has_init(cls) else {}
        except Unbindable:
            continue
        for method in methods:
            yield Driver(
                f"constructed `{cls_name}({_shown(kwargs)})` and called its `{method}`: "
                "the file makes no instance that trains",
                _method_call(cls, kwargs, method, roles, seed, data.pairs),
                data.made,
            )
    for function_name, function in list(namespace.items()):
        if not (inspect.isfunction(function) and function.__code__.co_filename == path):
            continue
        if not TRAIN_NAME.search(function_name):
            continue
        try:
            kwargs = _with_pairs(function, bind_arguments(function, {}, roles), data.pairs)
        except Unbindable:
            continue
        yield Driver(
            f"called `{function_name}({_shown(kwargs)})`: the file never calls it",
            _function_call(function, kwargs, seed),
            data.made,
        )


def _with_pairs(function: Any, kwargs: dict[str, Any], pairs: Any) -> dict[str, Any]:
    """A function taking data but no targets gets the user's list of pairs as written: it
    loops `for x, t in data`. One taking both gets the stacked X and Y."""
    if pairs is None:
        return kwargs
    names = [p.name for p in signature_of(function).parameters.values()]
    roles = {role_of(name): name for name in names if name not in ("self", "cls")}
    if "X" in roles and "Y" not in roles and roles["X"] in kwargs:
        return {**kwargs, roles["X"]: pairs}
    return kwargs


def _without_defaults(function: Any, roles: dict[str, Any]) -> dict[str, Any]:
    """Sizes and rates the constructor gives defaults for stay the user's own."""
    from netdoctor.discover.binding import role_of, signature_of

    kept = dict(roles)
    for parameter in signature_of(function).parameters.values():
        role = role_of(parameter.name)
        if parameter.default is not inspect.Parameter.empty and role not in (None, "X", "Y"):
            kept.pop(role, None)
    return kept


def _has_init(cls: type) -> bool:
    return cls.__init__ is not object.__init__


def _method_call(
    cls: type,
    kwargs: dict[str, Any],
    method: str,
    roles: dict[str, Any],
    seed: int,
    pairs: Any = None,
) -> Callable[[], Any]:
    def call() -> Any:
        instance = cls(**kwargs)  # the file's own np.random.seed, if any, already ran
        bound = getattr(instance, method)
        given = roles
        if _scalar_weights(instance):  # one float per weight: one number per target
            given = {**roles, "Y": np.asarray(roles["Y"]).reshape(-1)}
        return bound(**_with_pairs(bound, bind_arguments(bound, {}, given), pairs))

    return call


def _scalar_weights(instance: Any) -> bool:
    """Weights kept one float each (`self.w1 = np.random.normal()`), no weight matrices."""
    values = list(vars(instance).values()) if hasattr(instance, "__dict__") else []
    floats = [v for v in values if isinstance(v, float)]
    matrices = [v for v in values if isinstance(v, np.ndarray) and v.ndim == 2]
    return len(floats) >= 3 and not matrices


def _function_call(function: Any, kwargs: dict[str, Any], seed: int) -> Callable[[], Any]:
    def call() -> Any:
        return function(**kwargs)

    return call


def _data(namespace: dict[str, Any], seed: int) -> _Data:
    """The file's data as the training code is handed it, else XOR, said to be ours.

    Targets keep their shape ((m,) stays (m,): that is how the label-broadcast bug shows)."""
    data = find_module_data(namespace)
    if data.X is not None and data.Y is not None and np.asarray(data.X).ndim == 2:
        X = np.asarray(data.X, dtype=np.float64)
        Y = np.asarray(data.Y, dtype=np.float64)
        m = X.shape[0]
        if Y.size == m:
            pairs = namespace.get(data.pairs) if data.pairs else None
            return _Data(X, Y.reshape(m, 1) if Y.ndim == 2 else Y, pairs, None)
    if data.X is not None and data.Y is None:
        data.unused = (f"`{data.X_name}` {np.shape(data.X)} (no targets beside it)", *data.unused)
        data.X = None
    X, Y, made = canonical_data(data, 2, seed)
    return _Data(X, Y, None, made)


def _roles(X: np.ndarray, Y: np.ndarray, hidden: int) -> dict[str, Any]:
    d = X.shape[1]
    return {
        "X": X,
        "Y": Y,
        "input_size": d,
        "hidden_size": hidden,
        "output_size": 1,
        "sizes": [d, hidden, 1],
        "learning_rate": DEFAULT_RATE,
        "epochs": DRIVER_EPOCHS,
        "n_samples": X.shape[0],
    }


def _shown(kwargs: dict[str, Any]) -> str:
    parts = []
    for key, value in kwargs.items():
        shown = f"array{tuple(value.shape)}" if isinstance(value, np.ndarray) else repr(value)
        parts.append(f"{key}={shown}")
    return ", ".join(parts)
