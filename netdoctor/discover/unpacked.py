"""A sample unpacked into numbers (`for x1, x2, target in data`): a network written one
weight at a time reads its inputs by name, and the step's data is that one sample."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

import numpy as np

from netdoctor.discover.loops import target_names

if TYPE_CHECKING:
    from netdoctor.discover.replay import Pass

# (X, Y, where they come from, X's name, Y's name)
Sample = tuple[np.ndarray, np.ndarray, str, str, str]


def unpacked_sample(runner: Pass, inputs: tuple[str, ...]) -> Sample | None:
    """One sample unpacked into numbers, as the observed pass had them: the inputs named,
    the target the one other number unpacked beside them (`for x1, x2, target in data`,
    `for (i1, i2), t in zip(inputs, targets)`)."""
    loop = next(
        (
            node
            for node in ast.walk(runner.step.loop.node)
            if isinstance(node, ast.For) and set(inputs) <= set(target_names(node.target))
        ),
        None,
    )
    if loop is None:
        return _unpacked_in_the_body(runner, inputs)
    if loop is not runner.step.loop.node:
        return None  # an inner loop over the samples: the step reads all of them, not one
    row = target_names(loop.target)
    _, scope = runner.scope()
    if not all(_number(scope.get(name)) for name in row):
        return None
    if not any(scope[name] for name in inputs):  # XOR's (0, 0) hides the first layer's
        _another_sample(runner, loop, row, inputs, scope)  # gradients: take another
        _, scope = runner.scope()
    others = [name for name in row if name not in inputs]
    if len(others) != 1:
        return None
    where = (
        f"one sample per step, unpacked into the numbers {', '.join(inputs)} (inputs) and "
        f"{others[0]} (target) by your loop at line {runner.step.loop.header}"
    )
    return _sample(scope, inputs, others[0], where)


def _unpacked_in_the_body(runner: Pass, inputs: tuple[str, ...]) -> Sample | None:
    """A sample the pass unpacks itself (`x1, x2 = sample["x"]`), its target the one number
    read from the same place (`t = sample["y"]`): their values after one run of the pass."""
    body = [n for s in runner.step.loop.node.body for n in ast.walk(s)]
    assigns = [n for n in body if isinstance(n, ast.Assign) and len(n.targets) == 1]
    unpacking = next((a for a in assigns if set(inputs) <= set(target_names(a.targets[0]))), None)
    if unpacking is None or not isinstance(unpacking.value, ast.Subscript | ast.Attribute):
        return None
    source = ast.unparse(unpacking.value.value)  # `sample` of `sample["x"]`
    read_beside = [
        a.targets[0].id
        for a in assigns
        if isinstance(a.targets[0], ast.Name)
        and isinstance(a.value, ast.Subscript | ast.Attribute)
        and ast.unparse(a.value.value) == source
    ]
    try:
        local = runner.run({p.label: p.before for p in runner.parameters})
    except Exception:
        return None
    targets = [n for n in read_beside if _number(local.get(n))]
    if len(targets) != 1 or not all(_number(local.get(n)) for n in inputs):
        return None
    where = (
        f"one sample per step, unpacked by your loop's body into the numbers "
        f"{', '.join(inputs)} (inputs) and {targets[0]} (target) from `{source}`"
    )
    return _sample(local, inputs, targets[0], where)


def _number(value: Any) -> bool:
    return isinstance(value, int | float | np.number)


def _sample(values: dict[str, Any], inputs: tuple[str, ...], target: str, where: str) -> Sample:
    """X (one row of the inputs) and Y (the target) as the step reads them."""
    X = np.array([[float(values[name]) for name in inputs]])
    Y = np.array([[float(values[target])]])
    return X, Y, where, f"({', '.join(inputs)})", target


def _another_sample(
    runner: Pass, loop: ast.For, row: list[str], inputs: tuple[str, ...], scope: dict[str, Any]
) -> None:
    """Make the pass run on the first sample of the loop's data whose inputs are not all 0
    (`data` of `for x1, x2, t in data`, or `zip(inputs, targets)`), as a later pass of the
    user's loop does."""
    source = loop.iter  # only a name or a zip of names: nothing of the user's runs again
    is_zip = isinstance(source, ast.Call) and getattr(source.func, "id", None) == "zip"
    names = source.args if is_zip else [source]  # type: ignore[attr-defined]
    if not all(isinstance(n, ast.Name) and n.id in scope for n in names) or (
        is_zip and source.keywords  # type: ignore[attr-defined]
    ):
        return
    columns = [scope[n.id] for n in names]  # type: ignore[attr-defined]
    samples = list(zip(*columns, strict=False)) if is_zip else list(columns[0])
    for sample in samples[:1000]:
        flat = _flattened(sample)
        if len(flat) != len(row):
            return
        unpacked = dict(zip(row, flat, strict=True))
        if any(unpacked[name] for name in inputs):
            runner.step.locals.update(unpacked)
            return


def _flattened(sample: Any) -> list[Any]:
    if isinstance(sample, list | tuple | np.ndarray):
        return [x for item in sample for x in _flattened(item)]
    return [sample]
