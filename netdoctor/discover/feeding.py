"""Which of several arrays that fit the network's inputs the step trains on: the one its
update moves with. `forward(layers, Xt)` trains and `bce(forward(layers, Xv)[0], yv)` only
measures a held-out loss, both in the pass, with names that say nothing of which is which.
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from netdoctor.discover.replay import Pass
from netdoctor.discover.state import Parameter
from netdoctor.equal import same_array
from netdoctor.floats import user_errstate
from netdoctor.subject import ParameterValues


def feeding_first(
    runner: Pass,
    parameters: list[Parameter],
    values: ParameterValues,
    candidates: list[tuple[str, Any]],
    first: str,
    fitting: list[str],
    random_state: Any,
) -> list[tuple[str, Any]]:
    """The candidates with the first input-shaped array the update depends on put first,
    when several different ones fit (`fitting`, the 2-D arrays of the input's width, by
    name; `first`, the one the candidates' order picks): whatever their names, the update
    moves when the training inputs do and not when the held-out ones do."""
    bound = {
        node.id
        for statement in runner.step.loop.node.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    if not fitting or first != fitting[0] or first in bound or not first.isidentifier():
        return candidates  # a batch the pass cuts (`xb = X[idx]`, `X[i]`) is what it feeds
    fitting = [name for name in fitting if name.isidentifier()]
    values_of = dict(candidates)
    distinct = [n for n in fitting if not same_arrays(values_of[fitting[0]], values_of[n])]
    if not distinct:
        return candidates
    after_first = np.random.get_state()
    try:
        np.random.set_state(random_state)
        baseline = _update_after(runner, parameters, values, None)
        for name in [fitting[0], *distinct]:
            np.random.set_state(random_state)
            if not _same_update(baseline, _update_after(runner, parameters, values, name)):
                return sorted(candidates, key=lambda c: c[0] != name)
    except Exception:
        return candidates
    finally:
        np.random.set_state(after_first)
    return candidates


def _update_after(
    runner: Pass, parameters: list[Parameter], values: ParameterValues, changed: str | None
) -> list[Any]:
    """The parameters after one pass, with the array `changed` moved at the pass's start."""
    held: dict[str, Any] = {}

    def move(_: dict[str, Any], local: dict[str, Any]) -> None:
        array = local.get(changed or "")
        if isinstance(array, np.ndarray):
            held["namespace"], held["array"] = local, array
            local[changed or ""] = array * 1.25 + 0.5

    try:
        with user_errstate():
            local = runner.run(values, on_start=move if changed else None)
        return [np.array(runner.read(p.primary, local), dtype=float) for p in parameters]
    finally:  # a module's pass runs in its globals: the data set is put back
        if held:
            held["namespace"][changed or ""] = held["array"]


def _same_update(first: list[Any], second: list[Any]) -> bool:
    return all(
        a.shape == b.shape and np.allclose(a, b, equal_nan=True)
        for a, b in zip(first, second, strict=True)
    )


def same_arrays(a: Any, b: Any) -> bool:
    """Two arrays of one shape holding the same numbers (NaN equal to NaN)."""
    return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and same_array(a, b)
