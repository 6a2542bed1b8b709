"""The forward pass inside an observed step: the body's statements before the first update,
or a call of the user's that returned the network's output."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover import step_names
from netdoctor.discover.common import UserCodeError
from netdoctor.discover.follow import CallRecord, Observation
from netdoctor.discover.rate import scaled_names
from netdoctor.discover.replay import Pass
from netdoctor.discover.state import Parameter
from netdoctor.discover.step_data import StepData
from netdoctor.discover.stepping import stepped_in_place
from netdoctor.equal import same_array
from netdoctor.floats import user_errstate
from netdoctor.objects import attributes
from netdoctor.subject import ParameterValues


# ---------------------------------------------------------------------- forward
def body_forward(
    runner: Pass,
    parameters: list[Parameter],
    data: StepData,
    path: str,
    gradient: CallRecord | None = None,
    output_hint: str | None = None,
) -> Callable[[ParameterValues], np.ndarray] | None:
    """The body's statements before the first one that changes a parameter, and their output.

    Names bound from the gradient call (`gW1, gb1 = grads(...)`) are gradients, not outputs.
    `output_hint` is the name the caller knows holds the output (a scalar network's `o1`).
    """
    m = data.X.shape[0]
    gradient_names = _bound_from(runner.step.loop.node.body, gradient)
    values = {p.label: p.before for p in parameters}
    first_update = None
    for count in range(1, len(runner.statements) + 1):
        try:
            with user_errstate():
                local = runner.run(values, upto=count)
        except Exception:
            return None
        if any(_differs(runner.read(p.primary, local), p.before) for p in parameters):
            first_update = count - 1
            break
    if not first_update:
        return None
    globals_, local = runner.scope()
    runner.install(values, local)
    before = {k: id(v) for k, v in local.items()}
    with user_errstate():
        for code in runner.statements[:first_update]:
            exec(code, globals_, local)
    body = runner.step.loop.node.body
    excluded = {s.key for p in parameters for s in p.slots if s.kind == "name"}
    excluded |= {data.X_name, data.Y_name}  # `xb, yb = X[idx], y[idx]`: the batch, no output
    excluded |= scaled_names(body[first_update:])  # `W2 -= lr * gW2`: a gradient
    excluded |= stepped_in_place(body)  # `total += example_loss(...)`: a running sum
    excluded |= step_names.bound_per_sample(body[:first_update])  # the last sample's `a2`
    targets = _aliases(body[:first_update], data.Y_name)
    # the targets under a name of the body's own (`ts = np.array(ts)`, stacked a sample at
    # a time): the step's data is a slice no name holds, so equal values tell them
    targets |= {k for k, v in local.items() if _holds_targets(v, data.Y)}
    excluded |= targets
    compared = _compared_with_targets(body, targets)
    output_name = _output_name(local, before, m, excluded | gradient_names, output_hint, compared)
    if output_name is None:
        return None

    def forward(values: ParameterValues) -> np.ndarray:
        try:
            with user_errstate():
                scope = runner.run(values, upto=first_update)
        except Exception as error:
            raise UserCodeError(error, path, "your training loop's forward pass") from None
        return np.asarray(_read_output(scope, output_name), dtype=np.float64).reshape(m, 1)

    return forward


def _holds_targets(value: Any, Y: np.ndarray) -> bool:
    if not isinstance(value, np.ndarray) or value.size != Y.size or value.dtype.kind not in "fiub":
        return False
    return bool(np.array_equal(np.asarray(value, dtype=np.float64).reshape(-1), Y.reshape(-1)))


def _returns_every_parameter(result: Any, parameters: list[Parameter]) -> bool:
    """`return W1, b1, W2, b2`: one array in each parameter's shape, and nothing else."""
    if not isinstance(result, tuple | list) or len(result) != len(parameters) or len(result) < 2:
        return False
    shapes = sorted(str(np.shape(item)) for item in result)
    return shapes == sorted(str(np.shape(p.before)) for p in parameters)


def call_forward(
    observation: Observation,
    runner: Pass,
    parameters: list[Parameter],
    m: int,
    path: str,
    gradient: CallRecord | None = None,
    X: np.ndarray | None = None,
) -> tuple[Callable[[ParameterValues], np.ndarray] | None, CallRecord | None]:
    """A call in the pass that returned the network's output, re-run with new parameters.

    The gradient call itself is never the forward, whatever it returns; nor is a call
    handed other samples than the step's inputs `X` (an evaluation after the update,
    `for point in X: predict(point)`, whose first point is not the step's sample)."""
    step = runner.step
    originals = {id(s.original): p.label for p in parameters for s in p.slots}
    # the object the values are installed in now, for each one a call was handed
    holders = {id(s.owner): s for p in parameters for s in p.slots if s.kind == "attr"}
    in_pass = observation.calls[step.first_call : step.last_call]
    # outputs in (0, 1) first; then any, so a forward without its sigmoid is still found (ND207)
    # (one number out of range is tried last: a linear output's, once every parameter is
    # seen to move it; a bias alone moves with its own layer only)
    relaxed = [(r, False) for r in in_pass]
    for record, in_range in [(r, True) for r in in_pass] + relaxed:
        if not record.returned or record.function is None:
            continue
        if gradient is not None and record.code is gradient.code:
            continue
        if naming.LOSS_FUNCTION.search(record.code.co_name):
            continue  # `sample_loss(x, t, ...)`: one sample's loss lies in (0, 1) too
        if _returns_every_parameter(record.result, parameters):
            continue  # an update function's new weights (zero ones are "in range" too)
        position = _output_position(record.result, m, in_range)
        if position is None:
            continue
        output = _at(record.result, position)
        if not in_range and any(np.shape(output) == np.shape(p.before) for p in parameters):
            continue  # returned weights (an update function), not an output without its sigmoid
        owners = {id(s.owner) for p in parameters for s in p.slots if s.kind != "name"}
        uses = [k for k, v in record.arguments.items() if _holds(v, originals) or id(v) in owners]
        if not uses and record.instance is None and not _reads_globals(record, parameters):
            continue
        if X is not None and _handed_other_samples(record, X, originals):
            continue

        moved: list[bool] = []  # per run: whether the call changed the parameters

        def forward(
            values: ParameterValues,
            record: CallRecord = record,
            position: Any = position,
            moved: list[bool] = moved,
        ) -> np.ndarray:
            _, local = runner.scope()
            runner.install(values, local)
            kwargs = {}
            for key, value in record.arguments.items():
                if id(value) in originals:
                    kwargs[key] = np.array(values[originals[id(value)]], copy=True)
                elif id(value) in holders:  # an object the file rebinds each step
                    kwargs[key] = holders[id(value)].holder()  # (`w = update(w, ...)`)
                elif key in record.copies:
                    kwargs[key] = record.copies[key].copy()
                else:
                    kwargs[key] = _substituted(value, originals, values)
            try:
                with user_errstate():
                    if record.instance is not None:
                        result = record.function(record.instance, **kwargs)
                    else:
                        result = record.function(**kwargs)
            except Exception as error:
                raise UserCodeError(error, path, f"`{record.name}`") from None
            handed = [  # the copies it was handed: `W2 -= eta * ...` inside the call
                (kwargs[k], values[originals[id(v)]])
                for k, v in record.arguments.items()
                if id(v) in originals
            ]
            moved.append(
                any(_differs(runner.read(p.primary, local), values[p.label]) for p in parameters)
                or any(_differs(now, given) for now, given in handed)
            )
            return np.asarray(_at(result, position), dtype=np.float64).reshape(m, 1)

        try:
            before = forward({p.label: p.before for p in parameters})
        except Exception:
            continue
        if moved[-1]:
            continue  # the update function, returning its loss: not the forward pass
        if not _sees_the_parameters(forward, before, parameters):
            continue  # the last layer's `forward(x)` handed the previous layer's output
        return forward, record
    return None, None


def _reads_globals(record: CallRecord, parameters: list[Parameter]) -> bool:
    """`def forward(xb): h = np.tanh(Wxh @ xb + bh) ...` of a script whose weights are
    module globals: the call is handed the batch only, and reads the weights by name."""
    names = set(record.code.co_names)
    return any(s.kind == "name" and str(s.key) in names for p in parameters for s in p.slots)


def _sees_the_parameters(
    forward: Callable[[ParameterValues], np.ndarray],
    before: np.ndarray,
    parameters: list[Parameter],
) -> bool:
    """Whether the output moves with the first layer's parameter: a call that is handed
    what the layers before it computed (`Dense.forward(a1)` or `Sigmoid.forward(z)` in a
    loop over layers) does not; and with the last one, the output layer's: one hidden
    neuron's own call (`n([x])` of a network of neuron objects) does not."""
    if not _moves_with(forward, before, parameters, parameters[:1]):
        return False
    saturated = np.all((before == 0) | (before == 1))  # (a sigmoid at exactly 0 or 1)
    if len(parameters) < 2 or saturated:
        return True
    return _moves_with(forward, before, parameters, parameters[-1:])


def _moves_with(
    forward: Callable[[ParameterValues], np.ndarray],
    before: np.ndarray,
    parameters: list[Parameter],
    moving: list[Parameter],
) -> bool:
    """Whether the output changes when `moving` change (every parameter else as it was)."""
    moved: ParameterValues = {p.label: p.before for p in parameters}
    try:
        if not any(np.any(np.asarray(p.before) != 0) for p in parameters[1:]):
            # zero weights after the first layer hide it from the output (zero
            # initialisation): compare where every layer passes its input on
            moved = {p.label: np.asarray(p.before, dtype=np.float64) + 0.25 for p in parameters}
            before = forward(moved)
        for parameter in moving:
            moved[parameter.label] = np.asarray(parameter.before, dtype=np.float64) * 1.25 + 0.125
        after = forward(moved)
    except Exception:
        return True  # it read them, and failed with other values
    return not same_array(before, after)


def _bound_from(body: list[Any], gradient: CallRecord | None) -> set[str]:
    """Names the body assigns from a call of the gradient function."""
    if gradient is None:
        return set()
    name = gradient.code.co_name
    names: set[str] = set()
    for statement in body:
        for node in ast.walk(statement):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                continue
            func = node.value.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == name:
                for target in node.targets:
                    names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def _substituted(value: Any, originals: dict[int, str], values: ParameterValues) -> Any:
    """A list, tuple or dict handed to the call, with each parameter in it replaced by its new
    value. The file may have rebound the container since (`weights = [W - lr * g ...]`), so
    installing into the current one would leave the one the call was handed untouched."""

    def new(item: Any) -> Any:
        if id(item) in originals:
            return np.array(values[originals[id(item)]], copy=True)
        return item

    if isinstance(value, dict) and _holds(value, originals):
        return {k: new(v) for k, v in value.items()}
    if isinstance(value, list) and _holds(value, originals):
        return [new(v) for v in value]
    if isinstance(value, tuple) and _holds(value, originals):
        return tuple(new(v) for v in value)
    return value


def _handed_other_samples(record: CallRecord, X: np.ndarray, originals: dict[int, str]) -> bool:
    """Whether the call was handed an array of the inputs' size that holds other values
    than the inputs (either layout): the forward pass of other samples."""
    inputs = np.asarray(X, dtype=np.float64)
    layouts = (inputs.reshape(-1), inputs.T.reshape(-1))
    handed = False
    for value in record.arguments.values():
        if _holds(value, originals) or not isinstance(value, np.ndarray | list):
            continue
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            continue
        if array.size != inputs.size:
            continue
        if any(np.array_equal(array.reshape(-1), layout) for layout in layouts):
            return False
        handed = True
    return handed


def _holds(value: Any, originals: dict[int, str], depth: int = 0) -> bool:
    """Whether an argument is a parameter, or a dict, list or object holding one (nested a
    few deep: a network kept as layers of neuron dicts, `network[0][1]['weights']`)."""
    if id(value) in originals:
        return True
    if depth >= 3:
        return False
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, list | tuple):
        items = list(value)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        items = list(attributes(value).values())
    else:
        return False
    return any(_holds(item, originals, depth + 1) for item in items[:64])


def _output_position(result: Any, m: int, in_range: bool = True) -> Any:
    """Where the output sits in what a call returned: -1 for the result itself, else an index."""
    if _is_output(result, m, in_range):
        return -1
    if isinstance(result, tuple | list):
        found = [i for i, item in enumerate(result) if _is_output(item, m, in_range)]
        for index in found:  # `return z1, h, z2, out`: one sample's z2 may lie in (0, 1) too
            value = np.asarray(result[index], dtype=np.float64)
            for other in found:
                with np.errstate(all="ignore"):
                    logit = np.asarray(result[other], dtype=np.float64)
                    if other != index and np.allclose(value, 1 / (1 + np.exp(-logit))):
                        return index  # the sigmoid of another item: that is the output
        if found:
            return found[0]
        for index, item in enumerate(result):  # `return zs, As`: the output is `As[-1]`
            if isinstance(item, list) and item and _is_output(item[-1], m, in_range):
                return (index, -1)
    return None


def _at(result: Any, position: Any) -> Any:
    """The output where `_output_position` found it."""
    if position == -1:
        return result
    if isinstance(position, tuple):
        return result[position[0]][position[1]]
    return result[position]


def _is_output(value: Any, m: int, in_range: bool = True) -> bool:
    if m == 1 and isinstance(value, float | np.floating):
        value = np.asarray([value], dtype=np.float64)  # one sample through scalar weights
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and value.size == m
        and (value.ndim == 1 or 1 in value.shape or m == 1)
        and (not in_range or bool(np.all((value >= 0) & (value <= 1))))
    )


def _differs(now: Any, before: Any) -> bool:
    if isinstance(before, float | np.floating) and isinstance(now, float | np.floating):
        return float(now) != before
    if not isinstance(now, np.ndarray):
        return False
    return not same_array(now, before)


def _output_name(
    local: dict[str, Any],
    before: dict[str, int],
    m: int,
    excluded: set[str],
    hint: str | None = None,
    compared: list[str] | None = None,
) -> str | None:
    """The name holding the network's output: the caller's hint, a usual output name,
    else the first name the body compares with the targets or takes the log of (`salida -
    objetivos`, `np.log(salida)`), all within [0, 1]; else one of those outside it (a
    linear output); else the last fresh one within [0, 1]."""
    fresh = [
        name
        for name, value in local.items()
        if name not in excluded and before.get(name) != id(value) and _is_output(value, m)
    ]
    if hint in fresh:
        return hint
    for name in naming.OUTPUT_NAMES:
        if name in fresh:
            return name
    for name in compared or []:
        if name in fresh:
            return name
    # A linear output (a regression's `yhat`, outside [0, 1]) by its name or its use: the
    # name the body compares with the targets, before merely the last fresh array (with
    # one sample a step, its delta `d_out = yhat - y` is one number that may be in [0, 1])
    for name in [hint, *naming.OUTPUT_NAMES, *(compared or [])]:
        value = local.get(name) if name else None
        if name not in excluded and before.get(name) != id(value) and _is_output(value, m, False):
            return name
    if fresh:
        return fresh[-1]
    for name, value in local.items():  # `zs, As = forward(xb)`: the last activation
        if (
            name not in excluded
            and before.get(name) != id(value)
            and isinstance(value, list)
            and len(value) >= 2
            and all(isinstance(item, np.ndarray) for item in value)
            and _is_output(value[-1], m)
        ):
            return f"{name}{LAST}"
    return None


LAST = "[-1]"  # an output name read as the last item of a list of activations


def _read_output(scope: dict[str, Any], name: str) -> Any:
    return scope[name[: -len(LAST)]][-1] if name.endswith(LAST) else scope[name]


def _aliases(body: list[ast.stmt], targets: str | None) -> set[str]:
    """The targets' name and the names the body cuts a batch of them into (`yb` of `xb, yb
    = X[batch], y[batch]`): the loss compares the output with those."""
    if not targets:
        return set()
    found = {targets}
    given = targets  # "Y[i]" when the step's targets are a sample of `Y`: `y = Y[i]`
    for statement in body:
        for node in ast.walk(statement):
            if not isinstance(node, ast.Assign) or len(node.targets) != 1:
                continue
            target, value = node.targets[0], node.value
            pairs = (
                list(zip(target.elts, value.elts, strict=False))
                if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
                else [(target, value)]
            )
            for name, expression in pairs:
                if isinstance(name, ast.Name) and ast.unparse(expression) == given:
                    found.add(name.id)
                    continue
                while isinstance(expression, ast.Subscript | ast.Attribute):
                    expression = expression.value
                if (
                    isinstance(name, ast.Name)
                    and isinstance(expression, ast.Name)
                    and expression.id in found
                ):
                    found.add(name.id)
    return found


def _is_targets(node: ast.expr, targets: set[str]) -> bool:
    return isinstance(node, ast.Name | ast.Subscript) and ast.unparse(node) in targets


def _compared_with_targets(body: list[ast.stmt], targets: set[str]) -> list[str]:
    """Names the body subtracts the targets from (or from the targets), or takes the log
    of, in order: the output the loss and the error are made of, whatever it is called.
    An error computed from it (`error = out - y`) is compared with nothing."""
    found: list[str] = []
    for statement in body:
        for node in ast.walk(statement):
            names: list[ast.expr] = []
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and targets:
                sides = (node.left, node.right)
                if any(_is_targets(n, targets) for n in sides):  # `h - ys[k]`: a sample's
                    names = [n for n in sides if not _is_targets(n, targets)]
            elif isinstance(node, ast.Call) and node.args:
                function = node.func
                called = function.attr if isinstance(function, ast.Attribute) else None
                called = called or (function.id if isinstance(function, ast.Name) else None)
                if called in ("log", "log1p"):
                    names = [node.args[0]]
            for name in names:
                if isinstance(name, ast.Name) and name.id not in found:
                    found.append(name.id)
    return found
