"""Find the user's network by following their own run; build what the file never builds.

(`netdoctor.discover` hands these names on, imported on first use.)

Order (issue: "follow, then build, never guess"):
1. `follow`: run the file as `python FILE`, stop after the first training step, and check
   that step as the user's program runs it (`observed`).
2. `build`: the file defines a network but never trains it: construct it and call its own
   training code as a reader would, and follow that.
3. `guess`: only when neither saw a step, the older name-based finder over the file's
   definitions, which says in its message what it tried.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from netdoctor.data import find_module_data
from netdoctor.discover.binding import Unbindable
from netdoctor.discover.build import drivers
from netdoctor.discover.common import (
    DiscoverOptions,
    DiscoveryError,
    UserCodeError,
    user_frames,
)
from netdoctor.discover.cost_class import cost_class_loss
from netdoctor.discover.crash import own_run_error
from netdoctor.discover.follow import CallRecord, Follower, Observation
from netdoctor.discover.guess import _Finder
from netdoctor.discover.helpers import _named_loss, initial_line
from netdoctor.discover.loops import other_training_loops
from netdoctor.discover.observed import loop_subject
from netdoctor.discover.raised import remember
from netdoctor.discover.relabel import ColumnLabels, column_labels_retry, module_labels_retry
from netdoctor.discover.repeated import repeated_step_call, stepped_between_calls
from netdoctor.discover.unrolled import GATHER, Gatherer, unrolled
from netdoctor.load import LoadedModule, load_module, notebook_names, read_source
from netdoctor.structure import StructureError
from netdoctor.subject import Subject

FOLLOW_SECONDS = 20.0  # the user's own run, up to its first training step


@dataclass
class Discovery:
    subject: Subject
    module: LoadedModule
    how: str  # "followed", "built", "guessed"
    notes: list[str] = field(default_factory=list)
    loop_line: int | None = None  # the header of the training loop followed

    def later_loops(self) -> tuple[list[int], list[int]]:
        """(other training loops of the file, the followed one and those around or in it)."""
        if self.loop_line is None:
            return [], []
        return other_training_loops(self.module.tree, self.loop_line)


def discover(module: LoadedModule, options: DiscoverOptions | None = None) -> Subject:
    """The name-based finder on an already loaded module (the Python API's entry)."""
    return _Finder(module, options or DiscoverOptions()).find()


def discover_file(path: str, options: DiscoverOptions) -> Discovery:
    """Follow the file's run; build its network if it never trains; else find it by name."""
    source, tree = read_source(path)
    tree = unrolled(tree)  # `np.mean([net.train(x, y) for x, y in data])`: a loop
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    namespace.update(notebook_names())
    namespace[GATHER] = Gatherer()  # what an unrolled comprehension's loop made
    module = LoadedModule(path=path, source=source, tree=tree, namespace=namespace)
    notes: list[str] = []
    failures: list[str] = []
    forced = bool(options.gradients or options.forward or options.network_class)
    own_raised = False
    follower = Follower(path, tree, namespace, FOLLOW_SECONDS, options.skip_loops)
    observation = None
    accumulating: list[str] = []  # what the run showed of loops that step every few passes
    made_data: str | None = None  # what a driver handed the file's code, when not its own
    if not forced:
        np.random.seed(options.seed)
        observation = follower.run_module(compile(tree, path, "exec"))
        own_raised = observation.ended == "raised"  # the file's own run, before our drivers
        remember(observation.calls, observation.error)  # not made again on the same inputs
        if isinstance(observation.error, MemoryError):  # running it again only hits the
            raise UserCodeError(observation.error, path, "your file")  # limit again, slower
        notes += _run_notes(observation)
        if observation.ended == "exit" and observation.step is None:
            failures.append(_exit_sentence(observation))
        accumulating = [
            f"your loop at line {line} changes the weights in one pass and not in the next "
            "(gradients accumulated over several batches?), so no pass of it, or of a loop "
            "around it, is one training step"
            for line in observation.accumulating
        ]
        failures += accumulating
        if observation.step is None and observation.ended in ("finished", "exit"):
            for driver in drivers(namespace, path, options.hidden, options.seed):
                follower.run_call(driver.call)
                if observation.step is not None:
                    notes.append(driver.description)
                    made_data = driver.made_data
                    break
                failures.append(f"{driver.description}: {_ended(observation)}")
        relabelled = None
        if observation.step is None and observation.ended == "raised":
            relabelled = _relabelled(follower, observation, tree, namespace)
        repeated = repeated_step_call(observation, tree) or stepped_between_calls(observation)
        if repeated is not None and observation.step is not None:
            found = _one_call_step(path, options, repeated, notes)
            if isinstance(found, Discovery):
                return found
            # one pass is many steps: checking it as one would name bugs that are not there
            raise DiscoveryError(
                "no-network",
                f"your loop at line {observation.step.loop.header} calls "
                f"`{repeated.name}` once per step (each call with other data or other "
                f"weights), so one pass of it is many training steps; checking one call of "
                f"`{repeated.name}` failed: {found}. Point netdoctor at it with --gradients "
                f"{repeated.code.co_name}.",
            )
        if observation.step is not None:
            try:
                subject = loop_subject(observation, tree, options.learning_rate)
                if made_data is not None:  # the step read our default, not the user's data
                    subject.data_source = made_data
                _finish(subject, module, tree, observation.step.loop.header)
                step = observation.step
                used = cost_class_loss(observation.calls[step.first_call : step.last_call])
                subject.output_loss = used or subject.output_loss
                if relabelled is not None:  # checked with column labels; theirs failed
                    subject.user_Y_shape = relabelled.shape
                    subject.data_failures = [relabelled.failure]
                    subject.labels_line = relabelled.line or subject.labels_line
                    subject.data_source += f"; `{relabelled.name}` made a column (m, 1)"
                subject.notes = notes + subject.notes
                return Discovery(subject, module, "followed", notes, observation.step.loop.header)
            except (StructureError, DiscoveryError) as error:
                failures.append(
                    f"the training step at line {observation.step.loop.header}: {error}"
                )
                later = _past_the_loop(path, options, observation.step.loop.header)
                if later is not None:
                    later.subject.notes.insert(
                        0,
                        f"your loop at line {observation.step.loop.header} changes arrays but "
                        f"is no training step ({error}); checked the loop at line "
                        f"{later.loop_line} instead",
                    )
                    return later
    legacy = load_module(path)
    finder = _Finder(legacy, options)
    if finder.data.X is None and observation is not None:
        ran = find_module_data(_data_the_run_saw(namespace, observation))
        if ran.X is not None:  # made under `__main__` or in `main()`, which load skips
            finder.data = ran
    finder.failures = failures + finder.failures
    crash = own_run_error(observation)  # the file's own error explains more than ours
    try:
        subject = finder.find()
        subject.own_run_raised = own_raised
        if crash is not None:
            subject.claimed(subject.initial)  # the guessed step fails too: say the first
    except (DiscoveryError, UserCodeError, StructureError) as error:
        if crash is not None:
            raise crash from error
        if isinstance(error, UserCodeError) and accumulating:
            # the guess ran a body the run never ran that way: the run's own loop says more
            guessed = str(error).splitlines()[0]
            raise DiscoveryError(
                "no-network", f"{accumulating[0]}; found by name instead, {guessed}"
            ) from None
        raise
    subject.notes = notes + subject.notes
    return Discovery(subject, legacy, "guessed", notes)


MAX_LOOPS_PASSED = 2  # loops whose steps were no network, passed over to find another


def _past_the_loop(path: str, options: DiscoverOptions, header: int) -> Discovery | None:
    """The file followed again past a loop whose step is no network (a preprocessing
    pipeline `for step in PIPELINE: X = step(X)`, a weight-filling loop): the training loop
    after it, when one is found."""
    if len(options.skip_loops) >= MAX_LOOPS_PASSED:
        return None
    again = replace(options, skip_loops=(*options.skip_loops, header))
    try:
        found = discover_file(path, again)
    except (DiscoveryError, StructureError, UserCodeError):
        return None
    return found if found.how == "followed" else None


def _relabelled(
    follower: Follower, observation: Observation, tree: Any, namespace: dict[str, Any]
) -> ColumnLabels | None:
    """A run that crashed on (m,) labels, run again with them as a column (the call that
    was handed them, else the whole file): the retry whose step was observed."""
    # both made from the crash as it was: a retry's run replaces the observation's end
    retries = [
        column_labels_retry(observation, tree),
        module_labels_retry(observation, tree, namespace),
    ]
    for made in retries:
        if made is None:
            continue
        follower.run_call(made.call)
        if observation.step is not None:
            return made
        # `backward(w, X, y, ...)` from a loop at top level: the call was handed the
        # labels but holds no loop; the whole file again, with them made a column
    return None


def _data_the_run_saw(namespace: dict[str, Any], observation: Observation) -> dict[str, Any]:
    """The file's own run's globals (`X = ...` under `if __name__ == "__main__":`), then
    the arrays its first calls were handed (`nn_model(X, Y)` from `main()`): the data a
    check by name must use, not made-up XOR, when the run ended before a training step
    (a (m,) label that crashed the step is the bug to report)."""
    seen = {k: v for k, v in namespace.items() if not k.startswith("__")}
    for record in observation.calls:
        for name, value in [*record.copies.items(), *record.arguments.items()]:
            seen.setdefault(name, value)
    return seen


def _one_call_step(
    path: str, options: DiscoverOptions, call: CallRecord, notes: list[str]
) -> Discovery | str:
    """The step as one call of the update function the loop calls once per sample, found by
    name as `--gradients NAME` finds it; else why not."""
    legacy = load_module(path)
    finder = _Finder(legacy, replace(options, gradients=call.code.co_name))
    try:
        subject = finder.find()
    except (DiscoveryError, UserCodeError, StructureError, Unbindable) as error:
        return str(error)
    said = f"the training step: one call of `{call.name}`, which your loop calls once per sample"
    legacy.skipped = []  # the file did train: its run was followed, not skipped at load
    subject.notes = [*notes, said, *subject.notes]
    return Discovery(subject, legacy, "guessed", [*notes, said])


def _finish(subject: Subject, module: LoadedModule, tree: Any, loop_line: int) -> None:
    subject.loss_hint = _named_loss(tree, subject)
    finder = _Finder(module, DiscoverOptions())
    subject.output_loss = finder._output_loss()
    for slot in subject.structure.slots:
        line = initial_line(tree, _assigned_key(slot.name), loop_line)
        if line is not None:
            subject.parameter_lines[slot.name] = line


def _assigned_key(label: str) -> str:
    """The name an assignment gives: `W1`, `self.W1` -> W1, `params['W1']` -> W1,
    `weights[0]` -> weights (the list is what the file assigns)."""
    inner = label.split("[")[-1].strip("'\"]").split(".")[-1]
    if "[" in label and not inner.isidentifier():
        return label.split("[")[0].split(".")[-1]
    return inner


def _run_notes(observation: Observation) -> list[str]:
    notes = []
    stand_ins = [name for name in observation.stubbed if not name.startswith("scipy")]
    if stand_ins:
        notes.append(
            "not installed here, replaced by stand-ins: "
            + ", ".join(stand_ins)
            + " (your network does not need them)"
        )
    if len(stand_ins) < len(observation.stubbed):
        notes.append(
            "scipy is not installed here: scipy.special's expit, log_expit, logit and softmax "
            "came from exact NumPy equivalents"
        )
    if observation.step is not None:
        notes.append(
            f"ran your file as `python {observation.path}` up to the first training step "
            f"(line {observation.step.loop.header}); prints and plots were silenced"
        )
    elif observation.ended == "raised" and observation.error is not None:
        frames = user_frames(observation.error, observation.path)
        where = f" at line {frames[-1][0]}" if frames else ""
        notes.append(
            f"your file raised {type(observation.error).__name__}{where} before its first "
            f"training step: {observation.error}"
        )
    elif observation.ended == "exit":
        notes.append(_exit_sentence(observation))
    return notes


def _exit_sentence(observation: Observation) -> str:
    """`your file called sys.exit(3) at line 7 before its first training step`."""
    code = getattr(observation.error, "code", None)
    frames = user_frames(observation.error, observation.path) if observation.error else []
    where = f" at line {frames[-1][0]}" if frames else ""
    called = f"sys.exit({code!r})" if code is not None else "sys.exit()"
    return f"your file called {called}{where} before its first training step"


def _ended(observation: Observation) -> str:
    if observation.ended == "raised" and observation.error is not None:
        return f"raised {type(observation.error).__name__}: {observation.error}"
    return "no training step seen"
