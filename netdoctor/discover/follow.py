"""Follow the user's own run: execute the file as `python FILE` does, stop after one step.

The file runs top to bottom with `__name__ == "__main__"`, under a tracer limited to frames
of the user's file. Every call to one of the user's functions or methods is recorded with
its arguments as passed. Every loop in a user frame is watched: the state that outlives the
loop (locals, globals, the user's objects, containers of arrays) is copied at the first
line of its body, and at the next pass through its header the copy is compared with the
live state. Arrays that existed before and changed are the parameters, that pass of the
body is one training step, and the run stops there. Prints, `plt.show()` and `input()`
are silenced; `sys.exit` ends the run without ending the check.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import sys
import time
import warnings
from dataclasses import dataclass, field
from types import CodeType, FrameType
from typing import Any

import numpy as np

from netdoctor.capture import BoundedOutput
from netdoctor.discover import passes
from netdoctor.discover.changed import changed_parameters
from netdoctor.discover.code_owner import function_of, qualified_name
from netdoctor.discover.flowing import flowing_names
from netdoctor.discover.lazy import lazy_attributes
from netdoctor.discover.loops import (
    LoopInfo,
    loop_targets,
    loops_by_function,
    update_lines,
    updated_names,
)
from netdoctor.discover.momentum import without_optimizer_state
from netdoctor.discover.numbers import closure_numbers, object_numbers
from netdoctor.discover.quiet import SameBatches, quiet_environment
from netdoctor.discover.ran import updates_that_ran
from netdoctor.discover.randomness import RandomStates, capture
from netdoctor.discover.state import (
    Parameter,
    Slot,
    snapshot,
    user_types,
)
from netdoctor.discover.stepping import stepped_names
from netdoctor.discover.stubs import missing_module_stubs

MAX_CALLS = 4000  # calls recorded in full per run: enough for one step of any small network
# then recorded lightly (small arrays only): an evaluation before training that calls a
# neuron's method per sample (`calculate_total_error(X)`) must not use up the record
MAX_LIGHT_CALLS = 40_000
CHECKS_PER_LOOP = 500  # passes of one loop checked, none of them a step: no training loop
LIGHT_ARRAY = 4096  # the largest array a light record keeps
MAX_OUTPUT = 4000


class StopFollowing(BaseException):
    """Raised from the tracer to end the user's run once a step has been seen."""


@dataclass
class CallRecord:
    """One call of a user function or method, as the user's program made it."""

    index: int
    name: str
    code: CodeType
    function: Any  # the plain function (unbound), or None when it cannot be found
    instance: Any  # `self` for methods
    arguments: dict[str, Any]  # as passed (live objects), `self` excluded
    copies: dict[str, Any]  # arrays copied at the call
    caller: int | None  # id of the calling frame
    caller_line: int
    depth: int
    frame_id: int
    result: Any = None
    returned: bool = False
    raised: BaseException | None = None


@dataclass
class LoopStep:
    """One pass of a loop body during which parameters changed."""

    frame: FrameType
    code: CodeType
    loop: LoopInfo
    is_module: bool
    globals: dict[str, Any]
    # the frame's locals at the first line of the body; at top level the loop's variables
    locals: dict[str, Any]
    slots: list[Slot]
    parameters: list[Parameter]
    first_call: int  # index of the first call recorded in the pass
    last_call: int
    random_states: RandomStates | None = None  # the generators as the pass began
    # (object, attribute) still None when the pass began: state made on first use
    # (`if self.vel is None: self.vel = [...]`), made afresh in each re-run too
    lazy: list[tuple[Any, str, Any]] = field(default_factory=list)
    # the batches its re-runs draw with `next()` from the file's generators: one set for
    # every runner of this step
    batches: SameBatches = field(default_factory=SameBatches)
    # (object, attribute, value) of the numbers the file's objects held as the pass began
    # (an optimizer's `iterations`, a decayed `current_learning_rate`): put back for each
    # re-run, or a schedule would move the rate between them
    numbers: list[tuple[Any, Any, Any]] = field(default_factory=list)
    zeroed: tuple[str, ...] = ()  # sums set to zero before each re-run (`passes.one_sample_step`)
    gathered: int = 1  # samples the sums gather before each update (`if (i + 1) % k == 0`)


@dataclass
class Observation:
    path: str
    namespace: dict[str, Any]
    calls: list[CallRecord] = field(default_factory=list)
    step: LoopStep | None = None
    ended: str = "finished"  # "step", "finished", "raised", "exit", "budget"
    # headers of loops that changed the weights in one pass and not in the next (gradients
    # accumulated over batches): neither they nor the loops around them are one step a pass
    accumulating: list[int] = field(default_factory=list)
    error: BaseException | None = None
    output: str = ""
    stubbed: list[str] = field(default_factory=list)


# a generator's or coroutine's frame returns at each `yield` and comes back to its loops
_SUSPENDS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


class _Watch:
    def __init__(self) -> None:
        self.slots: list[Slot] | None = None
        self.first_call = 0
        self.locals: dict[str, Any] = {}
        self.random_states: RandomStates | None = None
        # the first pass that changed parameters, waiting for a second pass to confirm it
        self.pending: LoopStep | None = None
        self.lines: set[int] = set()  # the body lines that ran in this pass
        self.accumulators: set[str] = set()  # gradient sums seen at zero when a pass began
        self.passed_zero = False  # a pass over an all-zero sample was passed over once
        self.lazy: list[tuple[Any, str, Any]] = []  # attributes None or empty at the pass's start
        self.numbers: list[tuple[Any, Any, Any]] = []  # objects' numbers as the pass began


class Follower:
    """Runs user code under the tracer; one Follower per file (drivers reuse it)."""

    def __init__(
        self,
        path: str,
        tree: ast.Module,
        namespace: dict[str, Any],
        budget: float,
        skip_loops: tuple[int, ...] = (),
    ):
        self.path = path
        self.skip_loops = set(skip_loops)  # loops already checked: passed over
        self.tree = tree
        self.loops = loops_by_function(tree)
        self.updated = updated_names(tree)
        self.stepped = stepped_names(tree)
        self.update_lines: dict[int, dict[int, set[str]]] = {}
        self.flowing = flowing_names(tree)
        self.rejected: set[tuple[int, int]] = set()
        self.checks: dict[tuple[CodeType, int], int] = {}
        # the step of a model without a hidden layer (a logistic-regression baseline, a
        # perceptron) trained before the network: checked only when no network follows
        self.one_layer: LoopStep | None = None
        self.observation = Observation(path, namespace)
        self.budget = budget
        self.deadline = 0.0
        self.watches: dict[tuple[int, int], _Watch] = {}
        self.frames: dict[int, int] = {}  # frame id -> call index
        self.depth = 0
        self.uses_pyplot = any(
            (
                isinstance(n, ast.Import | ast.ImportFrom)
                and any("matplotlib" in (a.name or "") for a in n.names)
            )
            or (isinstance(n, ast.ImportFrom) and "matplotlib" in (n.module or ""))
            for n in ast.walk(tree)
        )

    # ------------------------------------------------------------------ running
    def run_module(self, code: CodeType) -> Observation:
        return self._run(lambda: exec(code, self.observation.namespace))

    def run_call(self, function: Any, *args: Any, **kwargs: Any) -> Observation:
        return self._run(lambda: function(*args, **kwargs))

    def _run(self, body: Any) -> Observation:
        obs = self.observation
        obs.ended, obs.error = "finished", None
        self.deadline = time.monotonic() + self.budget
        sink = BoundedOutput()  # a chatty file must not fill the memory
        previous = sys.gettrace()
        with contextlib.ExitStack() as stack:
            stack.enter_context(contextlib.redirect_stdout(sink))
            stack.enter_context(contextlib.redirect_stderr(BoundedOutput()))
            stack.enter_context(warnings.catch_warnings())
            warnings.simplefilter("ignore")
            stack.enter_context(np.errstate(all="ignore"))
            stack.enter_context(quiet_environment(self.path, self.uses_pyplot))
            obs.stubbed = stack.enter_context(missing_module_stubs())
            sys.settrace(self._on_call)
            try:
                body()
            except StopFollowing:
                pass
            except SystemExit as error:
                obs.ended, obs.error = "exit", error
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # the user's own failure: evidence, not ours
                obs.ended, obs.error = "raised", error
            finally:
                sys.settrace(previous)
        if obs.step is None and self.one_layer is not None and obs.ended != "raised":
            obs.step, obs.ended = self.one_layer, "step"
        obs.output = (obs.output + sink.getvalue())[-MAX_OUTPUT:]
        return obs

    # ------------------------------------------------------------------ tracer
    def _on_call(self, frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        if code.co_filename != self.path:
            return None
        if code.co_name.startswith("<") and code.co_name != "<module>":
            return None  # comprehensions and lambdas: part of the line that runs them
        if code.co_name != "<module>":
            self._record_call(frame)
        return self._on_event

    def _on_event(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            if time.monotonic() > self.deadline:
                self.observation.ended = "budget"
                raise StopFollowing
            loops = self.loops.get((frame.f_code.co_name, frame.f_code.co_firstlineno))
            if loops:
                self._watch_loops(frame, loops)
        elif event == "return":
            if not frame.f_code.co_flags & _SUSPENDS:  # a generator's `yield` returns too
                self._forget(id(frame))
            index = self.frames.pop(id(frame), None)
            if index is not None:
                record = self.observation.calls[index]
                big = index >= MAX_CALLS and isinstance(arg, np.ndarray) and arg.size > LIGHT_ARRAY
                record.result, record.returned = (None if big else arg), True
                self.depth -= 1
        elif event == "exception":
            index = self.frames.get(id(frame))
            if index is not None:
                self.observation.calls[index].raised = arg[1]
        return self._on_event

    def _forget(self, frame_id: int) -> None:
        """A returning frame's loops are over: a later frame given the same id (ids are
        reused) starts them afresh, not from this one's last snapshot or rejection."""
        for key in [k for k in self.watches if k[0] == frame_id]:
            del self.watches[key]
        self.rejected = {k for k in self.rejected if k[0] != frame_id}

    def _record_call(self, frame: FrameType) -> None:
        calls = self.observation.calls
        if len(calls) >= MAX_LIGHT_CALLS:
            return
        code = frame.f_code
        varargs = bool(code.co_flags & inspect.CO_VARARGS)
        handed = code.co_argcount + code.co_kwonlyargcount + varargs
        arguments = dict(list(frame.f_locals.items())[:handed])  # `*args` too: `model(X[j])`
        if len(calls) >= MAX_CALLS:
            arguments = {
                k: v
                for k, v in arguments.items()
                if not (isinstance(v, np.ndarray) and v.size > LIGHT_ARRAY)
            }
        instance = arguments.pop("self", None)
        caller = frame.f_back
        record = CallRecord(
            index=len(calls),
            name=qualified_name(code, instance),
            code=code,
            function=function_of(code, instance, frame.f_globals),
            instance=instance,
            arguments=arguments,
            copies={k: v.copy() for k, v in arguments.items() if isinstance(v, np.ndarray)},
            caller=id(caller) if caller is not None else None,
            caller_line=caller.f_lineno if caller is not None else 0,
            depth=self.depth,
            frame_id=id(frame),
        )
        calls.append(record)
        self.frames[id(frame)] = record.index
        self.depth += 1

    def _watch_loops(self, frame: FrameType, loops: list[LoopInfo]) -> None:
        line = frame.f_lineno
        for loop in loops:
            key = (id(frame), loop.header)
            if loop.header in self.skip_loops:
                # a loop whose passes run a skipped one (a sweep calling `nn_model()`) is
                # no training loop either: one pass of it is a whole training
                if loop.body_lines[0] <= line <= loop.body_lines[1]:
                    self.rejected |= {k for k, w in self.watches.items() if w.slots is not None}
                continue
            if key in self.rejected:
                continue
            if line == loop.header:
                watch = self.watches.get(key)
                if watch is not None and watch.slots is not None:
                    if self._checked_enough(frame, loop) or passes.hands_out_batches(loop.node):
                        self.rejected.add(key)
                        continue
                    self._check_step(frame, loop, watch)
                # `for _ in range(2000): P = step(P)`: the body is on the header's line, so
                # each event there also starts the next pass
                if loop.body_lines[0] == loop.header and key not in self.rejected:
                    self._enter_pass(frame, loop, key, line)
            elif loop.body_lines[0] <= line <= loop.body_lines[1]:
                self._enter_pass(frame, loop, key, line)
            elif not loop.header <= line <= loop.body_lines[1] and self._open(key):
                # left by `break` (or `return`) without passing its header again: what
                # runs after it (the update loop after `for i in ...: ...; break`) is
                # none of this pass's doing (a header on several lines is the header's)
                self.watches[key].slots = None

    def _open(self, key: tuple[int, int]) -> bool:
        watch = self.watches.get(key)
        return watch is not None and watch.slots is not None

    def _enter_pass(
        self, frame: FrameType, loop: LoopInfo, key: tuple[int, int], line: int
    ) -> None:
        """A line of the loop's body: the pass's starting state is copied at its first."""
        if key not in self.watches and passes.over_layers(loop.node, frame):
            self.rejected.add(key)  # `for k in range(len(Ws))`: no training loop
            return
        if self.checks.get((frame.f_code, loop.header), 0) > CHECKS_PER_LOOP:
            # checked enough in earlier calls of its function (a per-unit loop in a method
            # called once a sample): no snapshot of the whole state for each new call
            self.rejected.add(key)
            return
        watch = self.watches.setdefault(key, _Watch())
        if watch.slots is None:
            watch.slots = self._snapshot(frame)
            watch.lazy = lazy_attributes(watch.slots)
            watch.first_call = len(self.observation.calls)
            watch.locals = passes.copy_locals(frame, loop)
            watch.random_states = capture(frame.f_locals, frame.f_globals)
            watch.numbers = object_numbers(frame, user_types(frame.f_globals))
            watch.numbers += closure_numbers(frame)
            watch.lines = set()
        watch.lines.add(line)

    def _checked_enough(self, frame: FrameType, loop: LoopInfo) -> bool:
        """A loop whose passes were checked 500 times without one being the step is none (a
        per-example loop of a cost function called 3,000 times: 24,000 passes checked)."""
        where = (frame.f_code, loop.header)
        self.checks[where] = self.checks.get(where, 0) + 1
        return self.checks[where] > CHECKS_PER_LOOP

    def _snapshot(self, frame: FrameType) -> list[Slot]:
        scopes: list[tuple[str, dict[str, Any]]] = []
        if frame.f_code.co_name != "<module>":
            scopes.append(("", frame.f_locals))
        scopes.append(("", frame.f_globals))
        return snapshot(scopes, user_types(frame.f_globals))

    def _check_step(self, frame: FrameType, loop: LoopInfo, watch: _Watch) -> None:
        """At a loop header: did the pass that just ended change parameters?

        A training loop changes the same parameters in every pass (a sample whose inputs
        are 0 may leave the first layer alone); a loop over layers (`for k in params:
        params[k] -= ...`) changes different ones in each. So the first pass that changes
        parameters is kept, and the step is confirmed when the next pass changes some of
        the same ones; the parameters are those either pass changed.
        """
        assert watch.slots is not None
        frame.f_locals  # noqa: B018  refreshes the locals dict the slots read (rebound names)
        own = loop_targets(loop.node)
        exclude = own | self.flowing | passes.inner_targets(loop.node)
        exclude |= passes.shuffled_in_place(loop.node)  # the data, shuffled at every pass
        # what the loop's own variable holds: `record[0]` of `for record in training_data`
        # is the next sample's image when the pass ends, not a weight the pass moved
        exclude |= {s.label for s in watch.slots if passes.label_root(s.label) in own}
        outer = [self.watches.get((id(frame), h)) for h in loop.enclosing]
        existed = {s.label for w in outer if w is not None and w.slots is not None for s in w.slots}
        lines = self.update_lines.get(loop.header)
        if lines is None:
            lines = self.update_lines[loop.header] = update_lines(loop.node)
        calls = self.observation.calls[watch.first_call :]
        ran = updates_that_ran(lines, watch.lines, calls, self.tree)
        changed = changed_parameters(
            watch.slots, exclude, self.updated, ran, self.stepped, passes.sliced_in(loop.node)
        )
        pending = watch.pending
        # (not through the loop's own variable: `hn.w` is another neuron's in each pass)
        first = passes.aliases(pending.parameters) - exclude if pending is not None else set()
        changed = passes.moved_again(first, changed, watch.slots, exclude, ran, self.stepped)
        # made in the enclosing loop's pass: a sweep (`for hidden in (3, 6): W1 = ...`)
        # makes its network there; a per-sample loop's sums made there are no network
        made_there = loop.enclosing and any(
            p.primary.label not in existed and passes.random_matrix(p.primary.copy) for p in changed
        )
        parameters = [
            p for p in changed if not loop.enclosing or p.primary.label in existed or made_there
        ]
        parameters = without_optimizer_state(parameters, loop.node, self.tree)
        parameters = passes.without_gradient_buffers(parameters)
        reset = passes.reset_in_the_pass(loop.node, self.tree, loop.enclosing)  # gradient sums
        parameters = [p for p in parameters if passes.label_root(p.primary.label) not in reset]
        watch.accumulators |= {p.label for p in parameters if passes.accumulator(p)}
        parameters = [p for p in parameters if p.label not in watch.accumulators]
        if pending is not None:
            if first & passes.aliases(parameters) and not passes.element_loop(
                pending.slots, watch.slots, parameters, first
            ):
                pending.parameters += passes.with_slots_of(
                    [p for p in parameters if not first & passes.aliases([p])], pending.slots
                )
                # in the order the file keeps them, not first-changed first: XOR's first
                # sample (0, 0) leaves the first layer's weights as they were
                order = {s.label: i for i, s in enumerate(pending.slots)}
                pending.parameters.sort(key=lambda p: order.get(p.primary.label, len(order)))
                if passes.one_layer(pending.parameters):
                    # the same loop in the next call, or a loop around it (the baseline's
                    # epochs around its samples): the baseline's, no second model
                    again = self.one_layer is not None and self.one_layer.code is pending.code
                    if self.one_layer is None or again:  # a baseline: the network may follow
                        self.one_layer = self.one_layer or pending
                        self.rejected.add((id(frame), loop.header))
                        watch.pending = None
                        return
                    pending = self.one_layer  # a second one-layer model: the first it is
                self.observation.step = pending
                self.observation.ended = "step"
                raise StopFollowing
            self.rejected.add((id(frame), loop.header))
            untouched = not first & passes.aliases(parameters)
            if untouched and len(pending.parameters) > 2 and self._same_work(pending, watch):
                # a whole network stepped (not one layer's weight and bias, as a loop over
                # layers does), then left alone by a pass doing the same work without the
                # step: gradients accumulated over several passes, so each pass of the
                # loops around it is many steps as well, unless one pass from zero sums is
                if passes.one_sample_step(pending, loop.node):
                    self.observation.step, self.observation.ended = pending, "step"
                    raise StopFollowing
                self.observation.accumulating.append(loop.header)
                self.rejected |= {(id(frame), header) for header in loop.enclosing}
            watch.pending = None
            return
        if not parameters or (not watch.passed_zero and passes.zero_sample(frame, loop)):
            # look again over the next pass; a first sample whose inputs are all 0 (XOR's
            # (0, 0)) hides every first-layer weight gradient (outer(0, delta) = 0)
            watch.passed_zero = watch.passed_zero or bool(parameters)
            watch.slots = None
            return
        is_module = frame.f_code.co_name == "<module>"
        watch.pending = LoopStep(
            frame=frame,
            code=frame.f_code,
            loop=loop,
            is_module=is_module,
            globals=frame.f_globals,
            # a loop on one line (`for x, t in data: net.train(x, t)`) began its pass
            # before binding its variables: they are bound now, to the pass's own
            locals=watch.locals
            if loop.body_lines[0] != loop.header
            else passes.copy_locals(frame, loop),
            slots=watch.slots,
            parameters=parameters,
            first_call=watch.first_call,
            last_call=len(self.observation.calls),
            random_states=watch.random_states,
            lazy=watch.lazy,
            numbers=watch.numbers,
        )
        watch.slots = self._snapshot(frame)  # the second pass is compared with this
        watch.lazy = lazy_attributes(watch.slots)
        watch.lines = set()
        watch.first_call = len(self.observation.calls)  # its calls, not the first pass's

    def _same_work(self, pending: LoopStep, watch: _Watch) -> bool:
        """Whether the pass just ended called only functions the pending pass called too
        (a micro-batch's forward and backward, less the optimizer's step), not others (a
        loop over callbacks, each pass another object's method)."""
        calls = self.observation.calls
        stepped = {record.code for record in calls[pending.first_call : pending.last_call]}
        return all(record.code in stepped for record in calls[watch.first_call :])
