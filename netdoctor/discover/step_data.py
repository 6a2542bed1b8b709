"""Which arrays the observed step feeds the network: the inputs and targets it reads."""

from __future__ import annotations

import ast
import dis
import functools
import re
from collections.abc import Callable, Set
from dataclasses import dataclass
from types import CodeType, FunctionType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover import step_names
from netdoctor.discover.data_source import describe_step_data
from netdoctor.discover.feeding import feeding_first, same_arrays
from netdoctor.discover.follow import CallRecord
from netdoctor.discover.handed import evaluated, handed_slices, is_number
from netdoctor.discover.input_pick import (
    base_name,
    not_target_name,
    numeric,
    pick_inputs,
    with_ones,
)
from netdoctor.discover.loops import loop_targets, pass_variables
from netdoctor.discover.neurons import NeuronLayout
from netdoctor.discover.pair_batches import batch_of_pairs
from netdoctor.discover.recoded import recoded_targets
from netdoctor.discover.replay import Pass
from netdoctor.discover.sample_pool import rows_holding, targets_holding
from netdoctor.discover.state import Parameter
from netdoctor.discover.stepping import overwritten_by_methods, stepped_in_place
from netdoctor.discover.unpacked import unpacked_sample
from netdoctor.floats import user_errstate
from netdoctor.objects import attributes
from netdoctor.structure import StructureError, infer_structure
from netdoctor.subject import ParameterValues


# ---------------------------------------------------------------------- data
@dataclass
class StepData:
    X: np.ndarray
    Y: np.ndarray
    source: str
    user_Y_shape: tuple[int, ...] | None
    X_name: str = ""
    Y_name: str = ""
    all_inputs: np.ndarray | None = None  # the rows a one-sample X is one of
    all_targets: np.ndarray | None = None  # and their targets


def step_data(
    runner: Pass,
    parameters: list[Parameter],
    named: list[tuple[str, Any]],
    tree: ast.Module,
    calls: list[CallRecord] | None = None,
    layout: NeuronLayout | None = None,
) -> StepData:
    """The inputs and targets the pass feeds the network: arrays it reads that are not weights.

    `calls` are the calls the observed pass made, whose arguments show the batches it
    slices inline (`grads(params, X[i:i + 20], y[i:i + 20])`). A `layout` read off the
    parameters (neurons, a flat vector, folded biases) knows the network's input width,
    the numbers a sample is unpacked into that the file's neurons read (`for x1, x2,
    target in data`), and whether the inputs carry a column of ones for a folded bias."""
    input_dim = layout.structure.layer_sizes[0] if layout is not None else None
    inputs = layout.inputs if layout is not None else ()
    ones_column = layout.ones_column if layout is not None else None
    if inputs and (unpacked := unpacked_sample(runner, inputs)) is not None:
        X, Y, source, X_name, Y_name = unpacked
        return StepData(X, Y, source, (1, 1), X_name, Y_name)
    if input_dim is None:
        try:
            input_dim = infer_structure(named, None).layer_sizes[0]
        except StructureError:
            input_dim = None
    values = {p.label: p.before for p in parameters}
    body = runner.step.loop.node.body
    used = set().union(*(step_names.names_used(n) for n in body))
    parameter_labels = {s.label for p in parameters for s in p.slots}
    weight_names = {base_name(label) for label in parameter_labels}
    batches = step_names.sliced_names(body) | loop_targets(runner.step.loop.node)
    batches |= step_names.made_and_multiplied(body, weight_names)
    parameter_objects = {id(s.original) for p in parameters for s in p.slots}
    handed = handed_slices(runner, calls or [], parameter_objects)
    compared = step_names.compared_slices(body)
    handed |= step_names.overwritten_slices(body) | compared
    handed |= step_names.indexed_by_the_loop(
        body, runner.step.loop.node, runner.step.code.co_filename
    )
    inner, one_sample = step_names.gathered_by_inner_loops(
        body, runner.step.code.co_filename, weight_names
    )
    handed |= inner | step_names.grouped_targets(
        runner.step.loop.node, runner.step.code.co_filename
    )
    batches |= set(handed)
    walked, one_pair = step_names.pairs_walked(body)
    batches |= walked

    def candidates_after(given: ParameterValues | None) -> list[tuple[str, Any]]:
        """Arrays and numbers in the pass's scope after one run with `given` (copies)."""
        if given is None:
            _, local = runner.scope()
        else:
            with user_errstate():
                local = runner.run(given)
        scopes = [local] if not runner.step.is_module else []
        scopes.append(runner.step.globals)
        # ids of live objects only: an array freed since may lend its id to a new one
        parameter_ids = {id(s.original) for p in parameters for s in p.slots}
        parameter_ids |= {id(s.current()) for p in parameters for s in p.slots}
        gathered = evaluated(handed, _at_pass_start(runner, local)) + _gather(
            scopes, used, parameter_ids, parameter_labels
        )
        handed_to_calls.update(n for n, v in gathered if id(v) in argument_ids)
        return [(n, v.copy() if isinstance(v, np.ndarray) else v) for n, v in gathered]

    # the arrays the calls in the pass were handed (`cost(p, X, y)` through a lambda)
    argument_ids = {id(v) for record in calls or [] for v in record.arguments.values()}
    handed_to_calls: set[str] = set()

    random_state = np.random.get_state()
    fixed: set[str] = set()  # arrays shown not to depend on the parameters
    try:  # after one pass, so a batch the body slices (`xb = X[idx]`) is there too
        candidates = candidates_after(values)
    except Exception:
        candidates = candidates_after(None)
    else:
        moving, fixed = _moving_with_parameters(candidates_after, candidates, values, random_state)
        candidates = [c for c in candidates if c[0] not in moving]
    indices = step_names.index_names(body)  # `idx` of `points[idx]` picks the data, it is none
    indices |= step_names.counters(runner.step.loop.node)
    indices |= stepped_in_place(body) - parameter_labels  # `error += ...`: a running sum
    indices |= one_sample | one_pair  # `x, t = X[k], y[k]` of a batch walked sample by sample
    indices |= {s for s in handed if _one_sample_of(s, one_sample)}  # `forward_one(X[idx])`
    candidates = [c for c in candidates if c[0] not in indices]
    # (`unit_b[u]` read by a loop over units: an entry of a parameter, no datum)
    held = {label.split("[")[0] for label in parameter_labels}
    candidates = [c for c in candidates if c[0].split("[")[0] not in held or c[0] in held]
    read = _read_by_calls(calls or []) | handed_to_calls
    written = {ast.unparse(n) for s in body for n in ast.walk(s) if isinstance(n, ast.Attribute)}
    cached = overwritten_by_methods(tree)
    candidates.sort(
        key=lambda c: (
            c[0] not in batches,
            _data_rank(c[0], used, read)[0],
            _kept_by_an_object(c[0], written, cached),
            _data_rank(c[0], used, read)[1],
        )
    )
    batch = batch_of_pairs(candidates, batches, input_dim)
    if batch is not None:
        X, Y, source, name = batch
        return StepData(X, Y, source, Y.shape, name, name)
    fitting = [
        name
        for name, value in candidates
        if isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and value.ndim == 2
        and input_dim in value.shape
        and not_target_name(name)
    ]
    first, _ = pick_inputs(candidates, input_dim, compared=frozenset(compared))
    candidates = feeding_first(runner, parameters, values, candidates, first, fitting, random_state)
    X_name, X = with_ones(candidates, input_dim, ones_column)
    if X is None:
        X_name, X = pick_inputs(candidates, input_dim, frozenset(batches), frozenset(compared))
    if X is None:
        raise StructureError(
            "found the training step, but not the input array it feeds the network"
        )
    m = X.shape[0]
    Y_name, Y_user = _pick_targets(candidates, X_name, m, batches, fixed, X)
    rows = None if X_name in batches else _handed_rows(candidates, set(handed), m)
    if rows is not None and Y_user is not None and np.size(Y_user) == m:
        # `batch_grad(perm[s:s + 20])` walking `X[i], t[i]` for the indices it is handed:
        # the step's batch is those rows of the data, not the data
        X, Y_user, m = X[rows[1]], np.asarray(Y_user).reshape(m, -1)[rows[1]], rows[1].size
    if X_name.endswith("[:-1]"):  # the row's last entry is its label, whatever else is named
        Y_name, Y_user = f"{X_name[: -len('[:-1]')]}[-1]", _raw(candidates, X_name[:-5])[-1:]
    if Y_user is None:
        raise StructureError(
            f"found the training step and its inputs `{X_name}`, but not the targets"
        )
    recoding = recoded_targets(Y_user, calls or [], tree)
    if recoding is not None:
        Y_user = recoding[0]
    Y = np.asarray(Y_user, dtype=np.float64).reshape(m, 1)
    shape = tuple(np.shape(Y_user))
    loop = runner.step.loop.node
    fed = (X_name, _raw(candidates, X_name), Y_name, Y_user)
    source = describe_step_data(loop, runner.step.code.co_name, tree, candidates, fed, m)
    if recoding is not None:
        source += f"; {recoding[1]}"
    if rows is not None:
        source += f"; each step the rows `{rows[0]}` picks ({m})"
    pool = rows_holding(X, candidates) if m == 1 else None
    targets = None if pool is None else targets_holding(Y, pool.shape[0], candidates)
    return StepData(X, Y, source, shape, X_name, Y_name, pool, targets)


def _handed_rows(
    candidates: list[tuple[str, Any]], handed: set[str], m: int
) -> tuple[str, np.ndarray] | None:
    """An index array a call in the pass is handed (`perm[s:s + 20]`): distinct row
    numbers of the m samples, fewer than m."""
    for name, value in candidates:
        if name in handed and isinstance(value, np.ndarray) and _an_index_array(value):
            if value.size < m and int(value.max()) < m:
                return name, value.astype(np.intp)
    return None


def _an_index_array(array: np.ndarray) -> bool:
    """Distinct non-negative integers beyond 0 and 1 (`np.random.permutation(N)`): row
    numbers that pick samples, never labels."""
    return bool(
        array.ndim == 1
        and array.dtype.kind in "iu"
        and array.size >= 3
        and int(array.min()) >= 0
        and int(array.max()) >= 2
        and np.unique(array).size == array.size
    )


def _at_pass_start(runner: Pass, local: dict[str, Any]) -> dict[str, Any]:
    """The scope a pass ran in, with its loop's counters as they were when it began: the
    slices a pass reads (`target[p]`) were read before its `p += 1`."""
    counters = pass_variables(runner.step.loop.node) - loop_targets(runner.step.loop.node)
    start = {k: runner.step.locals[k] for k in counters if k in runner.step.locals}
    return {**local, **start} if start else local


def _raw(candidates: list[tuple[str, Any]], name: str) -> Any:
    if name.endswith("[:-1]") and not any(n == name for n, _ in candidates):
        return _raw(candidates, name[: -len("[:-1]")])[:-1]  # a row's inputs, its label cut
    return next(v for n, v in candidates if n == name)


def _gather(
    scopes: list[dict[str, Any]],
    used: set[str],
    parameter_ids: set[int],
    parameter_labels: set[str],
) -> list[tuple[str, Any]]:
    """Arrays and numbers the pass can read that are not parameters, with the arrays of the
    objects it uses (`nn.input`)."""
    candidates: list[tuple[str, Any]] = []
    for scope in scopes:
        for name, value in list(scope.items()):
            if name.startswith("__") or name in parameter_labels:
                continue
            # a number is no parameter for sharing its object: the constants 0.0 of
            # `b2 = 0.0` and of a target `([0.0, 0.0], 0.0)` are one object in one module
            if id(value) in parameter_ids and not isinstance(value, float | int):
                continue
            if isinstance(
                value, np.ndarray | list | tuple | float | int | np.number
            ) and not isinstance(value, bool):
                candidates.append((name, value))
            elif isinstance(value, FunctionType) and name in used:
                candidates += _closed_over(value, parameter_ids)
            elif hasattr(value, "__dict__") and not isinstance(value, type) and name in used:
                for attr, item in list(attributes(value).items()):
                    if (
                        id(item) not in parameter_ids
                        and f"{name}.{attr}" not in parameter_labels
                        and isinstance(item, np.ndarray)
                    ):
                        candidates.append((f"{name}.{attr}", item))
    return candidates


def _closed_over(function: FunctionType, parameter_ids: set[int]) -> list[tuple[str, Any]]:
    """The arrays a function the pass calls closes over (`costFunc = lambda p:
    nnCostFunction(p, ..., X, y, lambda_)` handed to a minimizer): the data, by its names."""
    cells = zip(function.__code__.co_freevars, function.__closure__ or (), strict=False)
    found = []
    for name, cell in cells:
        try:
            value = cell.cell_contents
        except ValueError:  # not bound yet
            continue
        if isinstance(value, np.ndarray) and id(value) not in parameter_ids:
            found.append((name, value))
    return found


def _moving_with_parameters(
    candidates_after: Callable[[ParameterValues | None], list[tuple[str, Any]]],
    first: list[tuple[str, Any]],
    values: ParameterValues,
    random_state: Any,
) -> tuple[set[str], set[str]]:
    """Names whose arrays change when only the parameters do: outputs and deltas (`guess`,
    `delta_2`), never the data the step is fed, whatever they are called. A second run
    with the same parameters (numpy's random state reset) shows what varies anyway (a
    shuffle drawn from a Generator): those are not judged. Returns (moving, fixed)."""
    moved = {
        label: value * 0.7 + 0.05 if isinstance(value, np.ndarray | float) else value
        for label, value in values.items()
    }
    after_first = np.random.get_state()
    try:
        np.random.set_state(random_state)
        again = dict(candidates_after(values))
        np.random.set_state(random_state)
        perturbed = dict(candidates_after(moved))
    except Exception:
        return set(), set()
    finally:
        np.random.set_state(after_first)  # as if only the first run had happened
    moving: set[str] = set()
    fixed: set[str] = set()
    for name, value in first:
        value = _numbers_array(value)  # `outputs = [0.86]` of a network of Python floats
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "fiub":
            continue
        same, other = _numbers_array(again.get(name)), _numbers_array(perturbed.get(name))
        if not same_arrays(value, same):
            continue  # varies on its own
        if other is not None and not same_arrays(value, other):
            moving.add(name)
        elif other is not None:
            fixed.add(name)
    return moving, fixed


def _numbers_array(value: Any) -> Any:
    """A list of Python numbers as the array it stands for; anything else as it is."""
    if isinstance(value, list) and value and all(is_number(v) for v in value):
        return np.asarray(value, dtype=np.float64)
    return value


def _one_sample_of(source: str, samples: set[str]) -> bool:
    """A slice handed to a call at a sample's index (`X[idx]` in `for i, idx in
    enumerate(order[s:s + 16])`): one sample of the batch the pass walks, not its data."""
    try:
        node = ast.parse(source, mode="eval").body
    except SyntaxError:
        return False
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Name)
        and node.slice.id in samples
    )


def _kept_by_an_object(name: str, written: set[str], cached: set[str]) -> bool:
    """An object's attribute that a method sets afresh (`cached`: `self.x = x` of a
    forward) and the body never writes out (`net.x`, the input the forward kept, last the
    validation set's): after the arrays the body names (`X_tr` of `net.forward(X_tr)`),
    which it ties with as data the body uses, whatever their names (`x` is a data name,
    `X_tr` none). Data an object holds from its constructor (`self.X = X`) is not one."""
    root = name.split("[")[0]
    return "." in root and root not in written and root.rsplit(".", 1)[1] in cached


def _data_rank(name: str, used: set[str], read: Set[str] = frozenset()) -> tuple[int, int]:
    """Names the body uses first, then globals the functions it calls read (`y` of
    `grads(params)` reading `X` and `y`, not a spiral's angle `t` beside them), then the
    rest (a global handed to a call counts as read); known data names first within each."""
    base = base_name(name)
    known = base in naming.DATA_NAMES or base in naming.TARGET_NAMES or base in EXTRA_DATA_NAMES
    root = name.split("[")[0].split(".")[0]
    where = 0 if root in used or base in used else 1 if root in read else 2
    return (where, 0 if known else 1)


def _read_by_calls(calls: list[CallRecord]) -> frozenset[str]:
    """The global names the functions called in the pass read, nested functions included."""
    names: set[str] = set()
    codes = [record.code for record in calls if record.code is not None]
    while codes:
        code = codes.pop()
        names.update(_globals_read(code))
        codes.extend(c for c in code.co_consts if isinstance(c, CodeType))
    return frozenset(names)


@functools.lru_cache(maxsize=256)
def _globals_read(code: CodeType) -> frozenset[str]:
    """The globals a code object loads, not the attributes it reads (`np.mean` is no
    global `mean`)."""
    return frozenset(
        str(i.argval)
        for i in dis.get_instructions(code)
        if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")
    )


EXTRA_DATA_NAMES = ("points", "l0", "input", "training_set_inputs", "training_set_outputs")


def _pick_targets(
    candidates: list[tuple[str, Any]],
    X_name: str,
    m: int,
    batches: set[str],
    fixed: set[str] | None = None,
    inputs: np.ndarray | None = None,
) -> tuple[str, Any]:
    """Arrays of one target per sample first; a plain number only for one-sample steps.

    What the loop hands the pass (`for x, t in zip(X, Y)`, `yb = Y[idx]`) comes first,
    a number included: a prediction `p` of the same size is computed, not given.
    """
    for name, value in candidates:
        if name in batches and name != X_name and m == 1 and is_number(value):
            # `x = np.array([[inputs[j]]])`: the number the input is made of is no target
            made_of = inputs is not None and np.array_equal(np.ravel(inputs), [value])
            if not _a_setting(name) and not made_of:  # `adjust(on, CONFIG["rate"])` too
                return name, value
    per_sample = [
        (name, value, array)
        for name, value in candidates
        if name != X_name
        and (array := numeric(value)) is not None
        and _one_per_sample(array, m)
        and not _an_index_array(array)  # the order the samples are walked in
    ]
    # named as targets first (`y` after an object's cached input `layer.cache` the loop
    # over layers leaves in scope), then anything not named like an output
    for name, value, _ in per_sample:
        if _named_as_targets(name):
            return name, value
    for name, value, array in per_sample:
        if _target_like(name, array) or _given_labels(name, array, fixed):
            return name, value
    for name, value in candidates:  # `outputs_`: shown not to move with the weights: given
        array = numeric(value)
        if name == X_name or array is None or name not in (fixed or set()):
            continue
        if _one_per_sample(array, m) and base_name(name) not in naming.OUTPUT_NAMES:
            return name, value
    if m == 1:
        for name, value in candidates:
            if _a_setting(name):
                continue
            if isinstance(value, float | int | np.floating | np.integer) and not isinstance(
                value, bool
            ):
                return name, value
    return "", None


def _a_setting(name: str) -> bool:
    """A learning rate or an epoch count, by name or by key (`lr`, `CONFIG['rate']`)."""
    words = re.findall(r"\w+", name)
    return any(w in naming.LEARNING_RATE_NAMES or w in naming.EPOCH_NAMES for w in words)


def _given_labels(name: str, array: np.ndarray, fixed: set[str] | None) -> bool:
    """`output = np.array([[0], [1], [1], [0]])`: a tutorial's targets, named as what the
    network should output; 0/1 labels shown not to move with the weights, so given."""
    return name in (fixed or set()) and bool(np.isin(array, (0, 1)).all())


def _one_per_sample(array: np.ndarray, m: int) -> bool:
    """(m,), (m, 1) or (1, m): one target per sample (a validation set of 60 rows and 3
    features also has 180 numbers, and is no target for 180 samples)."""
    return array.size == m and (array.ndim <= 1 or (array.ndim == 2 and 1 in array.shape))


def _named_as_targets(name: str) -> bool:
    base = base_name(name)
    if base in naming.TARGET_NAMES or "label" in base.lower() or "target" in base.lower():
        return True
    return naming.data_role(base) == "Y"  # `answers`, `all_y_trues`


def _target_like(name: str, array: np.ndarray) -> bool:
    base = base_name(name)
    if _named_as_targets(name):
        return True
    return base not in naming.OUTPUT_NAMES and not base.lower().startswith(
        ("out", "pred", "a", "z", "l", "h")
    )
