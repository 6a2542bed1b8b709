"""From one observed training step to a Subject: run the user's step as their program does.

The step is one pass of the loop body in which parameters changed. Checks re-run exactly
that pass, on the user's own data as it was at that moment, from any parameter values:
the world (data, attributes, containers, globals) is put back as it was at the start of
the pass, the values are installed wherever the user keeps them, and the body runs. When
a call in the pass returned the gradients (`grads = backward(...)`), its return value is
the claim; otherwise the claim is (before - after) / learning rate.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from types import CodeType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover import step_names
from netdoctor.discover.applied import (
    moved_by_an_optimizer,
    relations,
    scaled_alike,
    slips_among,
    step_rounding,
    update_slips,
)
from netdoctor.discover.binding import match_results
from netdoctor.discover.broadcast import evaluation_broadcasts, label_broadcasts
from netdoctor.discover.common import UserCodeError
from netdoctor.discover.flat import FlatLayout, flat_layout
from netdoctor.discover.folded import FoldedLayout, folded_in_pass
from netdoctor.discover.follow import CallRecord, LoopStep, Observation
from netdoctor.discover.forward import body_forward, call_forward
from netdoctor.discover.frozen import frozen_biases, sibling_update_line
from netdoctor.discover.loop_loss import in_layer_arrays, loop_losses
from netdoctor.discover.loops import function_nodes, steps_parameters, updated_names
from netdoctor.discover.mutation import helper_mutations
from netdoctor.discover.neurons import NeuronLayout, element_layout, neuron_layout, neuron_number
from netdoctor.discover.rate import learning_rate_of_step
from netdoctor.discover.replay import (
    LocalCapture,
    Pass,
    ReturnCapture,
    compile_pass,
    owner_class,
)
from netdoctor.discover.state import Parameter, is_float_slot
from netdoctor.discover.step_data import step_data
from netdoctor.discover.stored import assigned_names, paired_names, stored_gradients
from netdoctor.discover.units import rows_layout, unit_layout
from netdoctor.discover.update_sites import commented_update_line, file_text, own_update_line
from netdoctor.floats import user_errstate
from netdoctor.structure import StructureError, infer_structure
from netdoctor.subject import ClaimedGradients, ParameterValues, Subject, UserFunction


def loop_subject(
    observation: Observation, tree: ast.Module, learning_rate: float | None = None
) -> Subject:
    """The observed step as a subject; `learning_rate` (--lr) replaces the rate read from
    the update statements."""
    step = observation.step
    assert step is not None
    path = observation.path
    body = step.loop.node.body
    try:
        code, statements = compile_pass(body, path, owner_class(step.code))
    except SyntaxError as error:  # a `return` or `yield` inside the loop body
        raise StructureError(
            f"the training loop's body cannot be run on its own: {error}"
        ) from None
    neurons, parameters = _neuron_layout(step, tree)
    runner = Pass(step, code, statements, parameters, path)
    if neurons is None:  # one flat vector the code unrolls into layers (nn_params)
        neurons = flat_layout(observation, step, runner, parameters)
    if neurons is None:  # neuron objects, one vector and one bias each, or weight rows
        neurons = unit_layout(parameters) or rows_layout(parameters)
    if neurons is None:  # a bias line folded into each next layer's matrix
        neurons = folded_in_pass(observation, step, runner, parameters)
    frozen = frozen_biases(runner, parameters) if neurons is None else []
    if frozen:  # biases the forward pass uses and the step never updates
        parameters = [*parameters, *frozen]
        runner = Pass(step, code, statements, parameters, path)
    never_updated = {p.label for p in frozen}
    forgotten: dict[str, int | None] = {}  # filled by the passes: biases the update skips

    source: list[str] = []  # the file's text, read when a forgotten bias needs it

    def where_updates_belong(label: str) -> int | None:
        """The line for a bias the step never updates: its own update commented out
        (`# b1 -= lr * db1`), else by the other biases' updates, else by the update of
        another vector (`self.d -= ...` beside a frozen `c`), else of any other parameter."""
        if not source:
            source.append(file_text(path))
        line = commented_update_line(source[0], label)
        if line is not None:
            return line
        line = sibling_update_line(tree, label)
        if line is not None:
            return line
        others = [
            (not (np.ndim(p.before) <= 1 or np.shape(p.before)[0] == 1), n)  # biases first
            for p in parameters
            if p.label != label and (n := own_update_line(tree, p.label)) is not None
        ]
        return min(others)[1] if others else None

    slipped: dict[str, int | None] = {}  # and parameters it moves up their gradient
    # whether the first pass kept gradients where `stored_gradients` looks: the search
    # costs more than a small network's step, and training replays the pass 2,000 times
    kept_anywhere: list[bool] = []
    pairs = paired_names(step.loop.node)  # `(W1, gW1)` handed together to an optimizer
    bound = assigned_names(step.loop.node, tree)  # a gradient named beside W1: this pass's
    gradient_call = _returns_gradients(runner, _gradient_call(observation, step))
    initial = {p.label: _copy(p.before) for p in parameters}
    named = [(p.label, initial[p.label]) for p in parameters]

    def after_pass() -> dict[str, Any]:
        with user_errstate():
            return runner.run(initial)

    rate, rate_source = learning_rate_of_step(observation, step, tree, after_pass)
    rate /= step.gathered  # one sample's step of k samples' update (`passes.one_sample_step`)
    mutated = helper_mutations(runner, initial, tree)  # cached forward values (ND112)
    # a gradient method that is the step too (`backward(y, lr)`): its weights move once
    labels = [p.label for p in parameters]
    own_step = set() if steps_parameters(step.loop.node, labels) else set(labels)
    if learning_rate is not None:
        rate, rate_source = learning_rate, "--lr"
    in_pass = observation.calls[step.first_call : step.last_call]
    data = step_data(runner, parameters, named, tree, in_pass, neurons)
    structure = neurons.structure if neurons else infer_structure(named, data.X.shape[1])
    forward = body_forward(
        runner, parameters, data, path, gradient_call, neurons.output if neurons else None
    )
    forward_function = UserFunction(step.code.co_name, step.loop.header, "forward")
    called, record = call_forward(
        observation, runner, parameters, data.X.shape[0], path, gradient_call, data.X
    )
    if neurons is not None and neurons.function is not None and (forward is None or called):
        called, record = _neuron_forward(runner, neurons, data.X.shape[0], path), None
    forward = forward or called
    if record is not None:  # the forward pass is a function of the user's: findings go inside
        forward_function = UserFunction(record.name, record.code.co_firstlineno, "forward")

    # what the first claim decided, for the training's claims: the slips of a returned
    # gradient's update, and whether an optimizer moved the weights (kept gradients)
    decided: dict[str, Any] = {}
    rounding: dict[str, float] = {}  # per parameter, of the steps `applied_steps` reads

    def claimed(values: ParameterValues, training: bool = False) -> ClaimedGradients:
        training = training and bool(decided)
        capture = ReturnCapture(gradient_call.code if gradient_call else None, not training)
        mutated_here = [] if training else mutated
        try:
            with user_errstate():
                local = runner.run(values, capture=capture, lean=training)
        except Exception as error:
            raise UserCodeError(error, path, "one pass of your training loop") from None
        if gradient_call is not None and capture.captured:
            shapes = {p.label: np.shape(p.before) for p in parameters}
            matched = match_results(
                capture.result, [p.label for p in parameters], shapes, strip_prefix=True
            )
            if matched:
                for label in never_updated:
                    matched.pop(label, None)
                if training:
                    slips = decided.get("slips", {})
                    applied = applied_steps(values, local) if slips else {}
                else:
                    applied = applied_steps(values, local)
                    slips = update_slips(matched, applied, rounding)
                    decided.setdefault("slips", slips)
                for label, slip in slips.items():
                    if label not in matched:
                        continue
                    # (where each slip is, found once: training replays the pass often)
                    if slip == "unchanged":  # the update forgets it: ND108 where it belongs
                        matched.pop(label)
                        if label not in forgotten:
                            forgotten[label] = where_updates_belong(label)
                    else:  # what training does is the claim, and the slip is there
                        matched[label] = applied[label]
                        if label not in slipped:
                            slipped[label] = own_update_line(tree, label)
                return ClaimedGradients(
                    gradients=matched,
                    mutated=[m for m in capture.mutated if m not in own_step] + mutated_here,
                )
        gradients = applied_steps(values, local)
        kept = None
        if kept_anywhere != [False]:  # where a pass keeps gradients, each pass keeps them
            kept = stored_gradients(
                local, [p for p in parameters if p.label not in never_updated], pairs, bound
            )
            kept_anywhere[:] = [kept is not None]
        if training and kept is not None and "moved" in decided:
            gradients = kept if decided["moved"] else gradients
            kept = None  # its slips were said by the first claim
        related = relations(kept, gradients, rounding) if kept is not None else {}
        moved = moved_by_an_optimizer(related)
        if kept is not None:
            decided.setdefault("moved", moved)
        if kept is not None and (moved or scaled_alike(kept, gradients, related)):
            gradients = kept  # Adam, RMSprop, clipping: the kept gradients are the claim
        elif kept is not None:  # `grads` made inline and applied: a slip is in the update
            for label, slip in slips_among(related).items():
                if slip != "flipped" or label in slipped:
                    continue
                if (line := own_update_line(tree, label)) is not None:
                    slipped[label] = line
        for label in never_updated:
            gradients.pop(label, None)  # its gradient is missing, whatever the pass computed
        decided.setdefault("claimed", True)
        return ClaimedGradients(gradients=gradients, mutated=[] if training else mutated)

    def applied_steps(values: ParameterValues, local: dict[str, Any]) -> dict[str, Any]:
        """(before - after) / rate of every parameter: the step the pass applied."""
        steps: dict[str, Any] = {}
        for p in parameters:
            after = runner.read(p.primary, local)
            if isinstance(after, np.ndarray | float | np.floating):
                before = np.asarray(values[p.label], dtype=np.float64)
                steps[p.label] = (before - np.asarray(after, dtype=np.float64)) / rate
                rounding[p.label] = step_rounding(before, after, rate)
        return steps

    functions = _functions(observation, step, gradient_call)
    if forward is not None:
        functions.insert(0, forward_function)

    pass_claimed = claimed  # `claimed` is rebound below, where the user keeps neurons

    def training_claimed(values: ParameterValues) -> ClaimedGradients:
        return pass_claimed(values, training=True)

    user_dtype = _dtype(initial)  # the user's own arrays: packed layer arrays are float64
    if neurons is not None:  # the checks see layer arrays; the user's code its scalars
        training_claimed = neurons.wrap(training_claimed, None)[0]
        claimed, forward = neurons.wrap(claimed, forward)
        initial = neurons.pack(initial)
    style = _style(observation, step, gradient_call)
    notes = [] if rate_source else ["no learning rate found in your step: taken as 1"]
    if isinstance(neurons, FlatLayout | FoldedLayout):
        notes.append(neurons.note)
    where = "at top level" if step.is_module else f"in `{step.code.co_name}`"
    subject = Subject(
        style=style,
        returned_gradients=gradient_call is not None,
        description=f"your training loop at line {step.loop.header} ({where}), one pass",
        structure=structure,
        initial=initial,
        X=data.X,
        Y=data.Y,
        data_source=data.source,
        claimed=claimed,
        forward=forward,
        training_claimed=training_claimed,
        functions=functions,
        learning_rate=rate,
        user_dtype=user_dtype,
        notes=notes,
        user_Y_shape=data.user_Y_shape,
        all_inputs=data.all_inputs,
        all_targets=data.all_targets,
    )
    subject.path = path
    forgotten.update({label: where_updates_belong(label) for label in never_updated})
    subject.never_updated = forgotten
    subject.update_slips = slipped
    if neurons is None and len(data.user_Y_shape or ()) == 1:  # 1-D labels: do they meet (m, 1)?
        called = _called_definitions(observation, step, tree)
        subject.label_broadcasts = label_broadcasts(runner, initial, data.X.shape[0], called)
    if neurons is None and not subject.label_broadcasts:  # or in the loss an epoch reports
        subject.label_broadcasts = evaluation_broadcasts(runner, initial, tree)
    subject.loop_loss = loop_losses(runner)
    if subject.loop_loss is not None and neurons is not None:  # the checks' values are
        subject.loop_loss = in_layer_arrays(subject.loop_loss, neurons)  # layer arrays
    subject.inputs_line = step_names.assigned_line(tree, data.X_name)
    subject.labels_line = step_names.assigned_line(tree, data.Y_name)
    return subject


def _called_definitions(
    observation: Observation, step: LoopStep, tree: ast.Module
) -> dict[CodeType, ast.AST]:
    """The user's functions the observed pass called, with their definitions."""
    definitions = function_nodes(tree)
    calls = observation.calls[step.first_call : step.last_call]
    keys = {record.code: (record.code.co_name, record.code.co_firstlineno) for record in calls}
    return {code: definitions[key] for code, key in keys.items() if key in definitions}


def _neuron_layout(step: LoopStep, tree: ast.Module) -> tuple[NeuronLayout | None, list[Parameter]]:
    """The layer matrices of a network kept in scalars (`self.w1` ... `self.b3`), and its
    parameters: the numbers its neurons use that the step changed or that are named like
    parameters (`w11` stays put on a sample whose first input is 0)."""
    parameters = list(step.parameters)
    if parameters and all(p.primary.kind == "vector" for p in parameters):
        return element_layout(parameters, tree), parameters  # `w = [0.3, ...]`, `w[0] * x[0]`
    if not parameters or not all(is_float_slot(p.primary) for p in parameters):
        return None, parameters
    labels = {p.label for p in parameters}
    updated = updated_names(tree)  # not `z1 = ...`, `e = p - y` of an earlier pass
    others = {
        s.label: Parameter(s.label, [s], s)
        for s in step.slots
        if s.label not in labels and neuron_number(s, updated)
    }
    layout = neuron_layout(list(labels), tree, list(others))
    if layout is None:
        return None, parameters
    placed = set(layout.labels)
    return layout, parameters + [p for label, p in others.items() if label in placed]


def _neuron_forward(
    runner: Pass, neurons: NeuronLayout, m: int, path: str
) -> Callable[[ParameterValues], np.ndarray] | None:
    """The output neuron's value as the function computing it holds it, in one pass."""
    assert neurons.function is not None
    name, line = neurons.function

    def forward(values: ParameterValues) -> np.ndarray:
        capture = LocalCapture(name, line, neurons.output, path)
        try:
            with user_errstate():
                runner.run(values, capture=capture)
        except Exception as error:
            raise UserCodeError(error, path, f"`{name}`") from None
        return np.asarray(capture.value, dtype=np.float64).reshape(m, 1)

    try:
        output = forward({p.label: p.before for p in runner.parameters})
    except (UserCodeError, TypeError, ValueError):
        return None
    return forward if np.all(np.isfinite(output)) else None


# ---------------------------------------------------------------------- gradient call
def _gradient_call(observation: Observation, step: LoopStep) -> CallRecord | None:
    """A call in the pass whose return value holds one array per parameter, in their shapes.

    A function that returns gradients more than once in the pass from one line returns one
    sample's (`self.backprop(x, y)` per sample of a mini-batch): the step's gradient is
    then the update, not any one return value. (Another call of it that returns something else,
    `self.loss(X)` giving scores for `predict`, does not count.)"""
    shapes = {p.label: np.shape(p.before) for p in step.parameters}
    names = list(shapes)
    found = [
        record
        for record in observation.calls[step.first_call : step.last_call]
        if record.returned
        and record.result is not None
        and _holds_gradients(record.result, names, shapes, step)
    ]
    for record in found:
        same = [other for other in found if other.code is record.code]
        if len(same) == 1:
            return record
        # `loss, g = loss_and_grads(p, X[tr], y[tr])`, then after the update
        # `val_loss, _ = loss_and_grads(p, X[va], y[va])`, or a line search calling it
        # again and again from its own line: the first call, from a line no other call
        # came from, gives the step's gradients (per-sample calls all come from one line)
        first = (same[0].caller, same[0].caller_line)
        if sum((other.caller, other.caller_line) == first for other in same) == 1:
            return same[0]
    return None


def _holds_gradients(
    result: Any, names: list[str], shapes: dict[str, tuple[int, ...]], step: LoopStep
) -> bool:
    matched = match_results(result, names, shapes, strip_prefix=True)
    if len(matched) < len(names):
        return False
    if all(
        isinstance(matched[n], np.ndarray) and np.shape(matched[n]) == shapes[n] for n in names
    ) and not _are_new_values(matched, step.parameters):
        return True
    return _named_as_gradients(result)


def _returns_gradients(runner: Pass, record: CallRecord | None) -> CallRecord | None:
    """Keep the call only if what it returns is not the updated weights themselves."""
    if record is None:
        return None
    values = {p.label: p.before for p in runner.parameters}
    capture = ReturnCapture(record.code)
    try:
        with user_errstate():
            local = runner.run(values, capture=capture)
    except Exception:
        return record  # the claim will report the failure as the user's
    if not capture.captured:
        return None
    shapes = {p.label: np.shape(p.before) for p in runner.parameters}
    matched = match_results(capture.result, list(shapes), shapes, strip_prefix=True)
    for p in runner.parameters:
        after = runner.read(p.primary, local)
        value = matched.get(p.label)
        if not (isinstance(after, np.ndarray) and isinstance(value, np.ndarray)):
            return record
        if value.shape != after.shape or not np.allclose(value, after, equal_nan=True):
            return record
    return None  # it returned the new weights: an update function


def _named_as_gradients(result: Any) -> bool:
    return isinstance(result, dict) and all(
        isinstance(k, str) and naming.gradient_key_to_parameter(k) != k for k in result
    )


def _are_new_values(matched: dict[str, Any], parameters: list[Parameter]) -> bool:
    """A call that returns the updated weights is an update, not a gradient function."""
    for p in parameters:
        now = p.primary.current()
        value = matched.get(p.label)
        if (
            isinstance(now, np.ndarray)
            and isinstance(value, np.ndarray)
            and value.shape == now.shape
        ):
            if np.allclose(value, now) or np.allclose(value, p.before):
                return True
    return False


# ---------------------------------------------------------------------- describing
def _functions(
    observation: Observation, step: LoopStep, call: CallRecord | None
) -> list[UserFunction]:
    functions = [UserFunction("training loop", step.loop.header, "training loop")]
    seen: set[str] = set()
    for record in observation.calls[step.first_call : step.last_call]:
        if record.depth > (
            observation.calls[step.first_call].depth
            if step.first_call < len(observation.calls)
            else 0
        ):
            continue
        if record.name in seen:
            continue
        seen.add(record.name)
        role = (
            "gradients" if call is not None and record.code is call.code else "called by the step"
        )
        functions.append(UserFunction(record.name, record.code.co_firstlineno, role))
    return functions


def _style(observation: Observation, step: LoopStep, call: CallRecord | None) -> str:
    """The report's name for how the user wrote the step."""
    in_pass = observation.calls[step.first_call : step.last_call]
    if call is not None:
        if call.instance is not None:
            return "class"
        fed = {id(r.result) for r in in_pass if r.index < call.index and r.returned}
        fed |= {
            id(item)
            for r in in_pass
            if r.index < call.index and isinstance(r.result, tuple | list)
            for item in r.result
        }
        if any(id(v) in fed for v in call.arguments.values()):
            return "forward + backward"
        return "gradient function"
    if any(p.primary.kind == "attr" or "." in p.label for p in step.parameters):
        return "class"  # attributes, or items of an object's lists (`net.weights[0]`)
    shapes = sorted(np.shape(p.before) for p in step.parameters)
    for record in in_pass:
        result = record.result
        if (
            isinstance(result, tuple | list)
            and sorted(np.shape(r) for r in result if isinstance(r, np.ndarray | float)) == shapes
        ):
            return "update function"
    return "script"


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else value


def _dtype(values: dict[str, Any]) -> str:
    kinds = {np.asarray(v).dtype for v in values.values()}
    return "float32" if np.dtype(np.float32) in kinds else "float64"
