"""The Subject: whatever style the user wrote in, as one object the checks understand.

A Subject holds the user's parameter values in their own shapes, the data in canonical
row layout (X (m, d), Y (m, 1)), and callables that run the user's own code on any
parameter values: their claimed gradients, their forward pass and their loss. Checks call
these at the user's point and at fresh points; they never see the style.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor.structure import NetworkStructure

ParameterValues = dict[str, Any]


@dataclass
class UserFunction:
    """A function or method of the user's that the check runs, for the report."""

    name: str
    line: int
    role: str  # "gradients", "update", "forward", "loss", "training loop"


@dataclass
class ClaimedGradients:
    """What the user's code says the gradients are, plus what happened while computing them."""

    gradients: dict[str, Any]  # parameter name -> the user's value (any shape, maybe missing)
    mutated: list[str] = field(default_factory=list)  # names of inputs the call changed


@dataclass
class Subject:
    style: str
    description: str
    structure: NetworkStructure
    initial: ParameterValues
    X: np.ndarray
    Y: np.ndarray
    data_source: str
    claimed: Callable[[ParameterValues], ClaimedGradients]
    forward: Callable[[ParameterValues], np.ndarray] | None = None
    # the same claim for the recorded training, which replays it thousands of times: what
    # the checks' first claim decided of the pass (slips, an optimizer's kept gradients)
    # is reused, and arrays changed in place are not looked for (ND112 is the checks')
    training_claimed: Callable[[ParameterValues], ClaimedGradients] | None = None
    loss: Callable[[ParameterValues], float] | None = None
    output_loss: tuple[str, Callable[..., Any]] | None = None  # loss(outputs, targets)
    # values -> the loss-named scalars one pass of the training loop computes: (name, line,
    # value) in the body's order
    loop_loss: Callable[[ParameterValues], list[tuple[str, int, float]]] | None = None
    functions: list[UserFunction] = field(default_factory=list)
    learning_rate: float | None = None
    file_learning_rate: float | None = None  # `lr = 0.5` at the file's top level, or --lr
    user_dtype: str = "float64"
    notes: list[str] = field(default_factory=list)
    data_failures: list[str] = field(default_factory=list)
    user_Y_shape: tuple[int, ...] | None = None
    # every input row of the file's data when X is one sample of it (a per-sample pass)
    all_inputs: np.ndarray | None = None
    all_targets: np.ndarray | None = None  # and their targets, when they are found
    per_sample: bool = False  # the user's code runs one sample per call; claims are summed
    own_run_raised: bool = False  # the file's own run raised before its first step
    # the claims are what a function of the user's returned (`grads = backward(...)`), not
    # read off an update: a factor they all share is no optimizer's (momentum's 1 - beta)
    returned_gradients: bool = False
    # biases the forward pass uses and the step never updates (discover/frozen.py): their
    # gradients are missing, which is ND108's to say
    never_updated: dict[str, int | None] = field(default_factory=dict)  # name -> line near
    # name -> the line of its update, for parameters the step moves up the gradient its
    # gradient function returned (`W1 += lr * dW1`): the slip is there, not in the gradient
    update_slips: dict[str, int | None] = field(default_factory=dict)
    # the loop's own arithmetic meeting (m,) labels with (m, 1) outputs (discover/broadcast.py)
    label_broadcasts: list[Any] = field(default_factory=list)
    labels_line: int | None = None
    inputs_line: int | None = None
    parameter_lines: dict[str, int] = field(
        default_factory=dict
    )  # top-level assignments  # where the file assigns its labels array
    path: str = ""  # the file the user's code was compiled from (frames carry it)
    loss_hint: str | None = None  # why the file means BCE when it has no loss function
    loss_hint_reduction: str = "sum"  # "mean" when that log's statement averages it
    # [source, reduction, half] of a squared error the file computes with no loss function
    # (discover/squared_hint.py): the loss for targets that are not labels
    squared_hint: list[Any] | None = None
    # (role, arguments) -> a line trace of that callable's run, made where the user's code
    # lives: None traces here; the judge's Subjects ask the worker (`remote.py`)
    tracer: Callable[[str, tuple[Any, ...]], Any] | None = None
    # learning rate -> the recorded training's step function (`record.Step`), when the
    # user's code runs elsewhere and the steps are best run ahead there (`remote.py`)
    training_steps: Callable[[float], Any] | None = None

    def role_callable(self, role: str) -> Callable[..., Any] | None:
        """The user's callable a role names ("claimed", "forward", "output_loss", ...)."""
        if role == "output_loss":
            return self.output_loss[1] if self.output_loss else None
        value = getattr(self, role)
        return value if callable(value) else None

    def traced(self, role: str, *args: Any) -> Any:
        """A line trace (`trace.Trace`) of one of the user's callables run on `args`: the
        claimed gradients, the forward pass, a loss; exceptions propagate."""
        if self.tracer is not None:
            return self.tracer(role, args)
        from netdoctor.trace import trace_call

        function = self.role_callable(role)
        if function is None:
            raise LookupError(f"the network has no {role} to run")
        function = getattr(function, "__wrapped__", function)  # a remembered answer runs nothing
        return trace_call(lambda: function(*args), self.path)

    def cast_like_user(self, values: dict[str, np.ndarray]) -> ParameterValues:
        """Fresh parameter values in the user's own dtypes and types (floats stay floats)."""
        cast: ParameterValues = {}
        for slot in self.structure.slots:
            value = np.asarray(values[slot.name])
            if slot.is_python_scalar:
                cast[slot.name] = float(value.reshape(-1)[0])
            else:
                cast[slot.name] = value.astype(slot.dtype).reshape(slot.shape)
        return cast

    def describe(self) -> dict[str, Any]:
        return {
            "style": self.style,
            "description": self.description,
            "structure": self.structure.describe(),
            "data": {
                "source": self.data_source,
                "X_shape": list(self.X.shape),
                "Y_shape": list(self.Y.shape),
            },
            "functions": [f.__dict__ for f in self.functions],
            "learning_rate": self.learning_rate,
            "dtype": self.user_dtype,
        }
