"""Running a network found by name: an optional forward call, then a gradient or update call.

A `CallPlan` is how the name-based finder (`guess`) calls the user's code when the file
never calls it itself: arguments bound by name and role, data handed in several layouts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.data import DataVariant
from netdoctor.discover.binding import (
    Unbindable,
    bind_arguments,
    find_output,
    match_results,
    returned_names,
)
from netdoctor.discover.common import (
    DEFAULT_LEARNING_RATE,
    UserCodeError,
)
from netdoctor.discover.helpers import (
    _broadcasts,
    _copy,
)
from netdoctor.discover.raised import raised_before
from netdoctor.equal import same_array
from netdoctor.floats import user_errstate
from netdoctor.store import Store
from netdoctor.structure import (
    NetworkStructure,
)
from netdoctor.subject import ClaimedGradients, ParameterValues, UserFunction


@dataclass
class CallPlan:
    """How to run the user's code once: optional forward step, then gradient or update step."""

    store: Store
    main: Callable[..., Any]
    forward: Callable[..., Any] | None = None
    feed_forward_results: bool = False
    mode: str = "gradients"  # or "update"
    learning_rate: float | None = None
    instance: Any = None
    per_sample: bool = False
    loss: Callable[..., Any] | None = None
    functions: list[UserFunction] = field(default_factory=list)


@dataclass
class PlanRun:
    result: Any
    kwargs: dict[str, Any]
    handed: dict[str, Any]
    output: np.ndarray | None
    mutated_forward_values: list[str] = field(default_factory=list)


def _arrays_in(result: Any, prefix: str = "forward") -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(label, array, copy) for every array a forward pass returned, caches included."""
    found: list[tuple[str, np.ndarray, np.ndarray]] = []
    if isinstance(result, np.ndarray):
        found.append((prefix, result, result.copy()))
    elif isinstance(result, dict):
        for key, value in result.items():
            found += _arrays_in(value, f"{prefix}[{key!r}]")
    elif isinstance(result, tuple | list):
        for index, value in enumerate(result):
            found += _arrays_in(value, f"{prefix}[{index}]")
    return found


# --------------------------------------------------------------------------- running a plan
def _roles(variant: DataVariant, structure: NetworkStructure, lr: float | None) -> dict[str, Any]:
    return {
        "X": _copy(variant.X_user),
        "Y": _copy(variant.Y_user),
        "input_size": structure.layer_sizes[0],
        "hidden_size": structure.layer_sizes[1] if structure.n_layers > 1 else 1,
        "output_size": 1,
        "sizes": list(structure.layer_sizes),
        "learning_rate": lr if lr is not None else DEFAULT_LEARNING_RATE,
        "epochs": 1,
        "n_samples": variant.X.shape[0],
    }


def _run_plan(
    plan: CallPlan, variant: DataVariant, values: ParameterValues, structure: NetworkStructure
) -> PlanRun:
    kwargs, handed = plan.store.prepare(values)
    roles = _roles(variant, structure, plan.learning_rate)
    named: dict[str, Any] = dict(kwargs)
    output = None
    m = variant.X.shape[0]
    forward_values: list[tuple[str, np.ndarray, np.ndarray]] = []
    if plan.forward is not None:
        forward_kwargs = bind_arguments(plan.forward, named, roles)
        if (known := raised_before(plan.forward, forward_kwargs)) is not None:
            raise known
        result = plan.forward(**forward_kwargs)
        forward_values = _arrays_in(result, f"the output of `{plan.forward.__name__}`")
        names = returned_names(plan.forward)
        output = find_output(result, m, names)
        if output is None and plan.instance is not None:
            output = _instance_output(plan.instance, m)
        if plan.feed_forward_results:
            _bind_forward_results(named, roles, result, names, output)
    main_kwargs = bind_arguments(plan.main, named, roles)
    if (known := raised_before(plan.main, main_kwargs)) is not None:
        raise known  # the file's own run made this very call, and it raised
    result = plan.main(**main_kwargs)
    kwargs.update(main_kwargs)
    changed = [label for label, array, copy in forward_values if not same_array(array, copy)]
    return PlanRun(result, kwargs, handed, output, changed)


def _bind_forward_results(
    named: dict[str, Any], roles: dict[str, Any], result: Any, names: list[str], output: Any
) -> None:
    if output is not None:
        roles["output"] = output
    if isinstance(result, tuple):
        for name, value in zip(names, result, strict=False):
            if name and name not in named:
                named[name] = value
        caches = [r for r in result if isinstance(r, dict | tuple | list)]
        if caches:
            roles["cache"] = caches[-1]
    elif isinstance(result, dict):
        roles["cache"] = result
    if isinstance(roles.get("cache"), dict):
        for key, value in roles["cache"].items():
            if isinstance(key, str) and key not in named:
                named[key] = value
    if output is not None:
        for name in names:
            if name in naming.OUTPUT_NAMES:
                named.setdefault(name, output)


def _claim(
    plan: CallPlan,
    variant: DataVariant,
    values: ParameterValues,
    structure: NetworkStructure,
    path: str,
) -> ClaimedGradients:
    """Run the user's code once at `values`; return what it says the gradients are."""
    if variant.samples:
        return _claim_per_sample(plan, variant, values, structure, path)
    pristine = {k: _copy(v) for k, v in values.items()}
    try:
        with user_errstate():
            run = _run_plan(plan, variant, values, structure)
    except Unbindable:
        raise
    except Exception as error:
        raise UserCodeError(error, path, f"`{plan.main.__name__}`") from None
    names = plan.store.names
    shapes = {name: tuple(np.shape(pristine[name])) for name in names}
    mode = plan.mode
    gradients: dict[str, Any] = {}
    if mode in ("gradients", "auto") and run.result is not None:
        gradients = match_results(run.result, names, shapes, strip_prefix=True)
        if mode == "auto" and len(gradients) < len(names):
            gradients = {}
        if gradients:
            mode = "gradients"
    if not gradients and mode in ("update", "auto"):
        after = _updated_values(plan, run, names, shapes)
        lr = plan.learning_rate if plan.learning_rate is not None else 1.0
        gradients = {
            name: (
                np.asarray(pristine[name], dtype=np.float64)
                - np.asarray(after[name], dtype=np.float64)
            )
            / lr
            for name in names
            if name in after and _broadcasts(np.shape(after[name]), shapes[name])
        }
        if all(not np.any(g) for g in gradients.values()):
            gradients = {}
    mutated: list[str] = list(run.mutated_forward_values)
    if mode == "gradients":
        for name in names:
            handed = run.handed[name]
            if isinstance(handed, np.ndarray) and not np.array_equal(
                handed, pristine[name], equal_nan=True
            ):
                mutated.append(name)
    return ClaimedGradients(gradients=gradients, mutated=mutated)


def _claim_per_sample(
    plan: CallPlan,
    variant: DataVariant,
    values: ParameterValues,
    structure: NetworkStructure,
    path: str,
) -> ClaimedGradients:
    """Per-sample code, run from the same point on each sample: the claims add up."""
    total: dict[str, Any] = {}
    mutated: set[str] = set()
    for index, sample in enumerate(variant.samples):
        claimed = _claim(plan, sample, values, structure, path)
        mutated.update(claimed.mutated)
        if index == 0:
            total = {k: np.asarray(v, dtype=np.float64) for k, v in claimed.gradients.items()}
            continue
        for name in list(total):
            value = claimed.gradients.get(name)
            if value is None or np.shape(value) != np.shape(total[name]):
                del total[name]
            else:
                total[name] = total[name] + np.asarray(value, dtype=np.float64)
    return ClaimedGradients(gradients=total, mutated=sorted(mutated))


def _updated_values(
    plan: CallPlan, run: PlanRun, names: list[str], shapes: dict[str, tuple[int, ...]]
) -> dict[str, Any]:
    if run.result is not None and plan.instance is None:
        returned = match_results(run.result, names, shapes, strip_prefix=False)
        if len(returned) == len(names):
            return returned
    return plan.store.read_back(run.kwargs, run.handed)


def _forward_callable(
    plan: CallPlan, variant: DataVariant, path: str
) -> Callable[[ParameterValues], np.ndarray] | None:
    if plan.forward is None:
        return None
    forward = plan.forward

    if variant.samples:
        per_sample = [_forward_callable(plan, sample, path) for sample in variant.samples]

        def run_each(values: ParameterValues) -> np.ndarray:
            return np.concatenate([f(values).reshape(1, 1) for f in per_sample if f is not None])

        return run_each

    def run_forward(values: ParameterValues) -> np.ndarray:
        kwargs, _ = plan.store.prepare(values)
        roles = _roles(variant, _FakeStructure(variant), plan.learning_rate)
        try:
            with user_errstate():
                result = forward(**bind_arguments(forward, kwargs, roles))
        except Unbindable:
            raise
        except Exception as error:
            raise UserCodeError(error, path, f"`{forward.__name__}`") from None
        m = variant.X.shape[0]
        output = find_output(result, m, returned_names(forward))
        if output is None and plan.instance is not None:
            output = _instance_output(plan.instance, m)
        if output is None or output.size != m:
            raise UserCodeError(
                ValueError(f"forward returned {type(result).__name__}, not {m} outputs"),
                path,
                f"`{forward.__name__}`",
            )
        return output.reshape(m, 1)

    return run_forward


def _loss_callable(
    plan: CallPlan, variant: DataVariant, path: str
) -> Callable[[ParameterValues], float] | None:
    if plan.loss is None or plan.forward is None or variant.samples:
        return None
    loss_function = plan.loss
    forward = _forward_callable(plan, variant, path)
    assert forward is not None

    def run_loss(values: ParameterValues) -> float:
        output = forward(values)
        user_output = (
            output.reshape(np.shape(variant.Y_user)) if np.ndim(variant.Y_user) else output
        )
        kwargs, _ = plan.store.prepare(values)
        roles = _roles(variant, _FakeStructure(variant), plan.learning_rate)
        roles["output"] = user_output
        bound = bind_arguments(loss_function, kwargs, roles)
        with user_errstate():
            return float(np.asarray(loss_function(**bound)).reshape(-1)[0])

    return run_loss


class _FakeStructure:
    """Sizes for binding a forward or loss call (no hidden size is needed there)."""

    def __init__(self, variant: DataVariant) -> None:
        self.layer_sizes = (variant.X.shape[1], 1)
        self.n_layers = 1


def _instance_output(instance: Any, m: int) -> np.ndarray | None:
    for name in naming.OUTPUT_NAMES:
        value = getattr(instance, name, None)
        if isinstance(value, np.ndarray) and value.size == m:
            return np.asarray(value, dtype=np.float64)
    return None
