"""The loss a file names without a loss function netdoctor can call (`discover/helpers.py`):
a log of the outputs says cross-entropy, unless it sits in a class or function the file
never uses."""

from __future__ import annotations

import ast
from types import SimpleNamespace
from typing import Any

from netdoctor.discover.helpers import _named_loss
from netdoctor.subject import UserFunction

LOSSES = """
import numpy as np


class MSE:
    def __call__(self, t, p):
        return np.mean(np.power(t - p, 2))


class BCE:
    def __call__(self, t, p):
        return np.mean(-t * np.log(p) - (1 - t) * np.log(1 - p))


def train(loss):
    return loss
"""


def _hint(source: str, functions: list[UserFunction] | None = None) -> str | None:
    subject: Any = SimpleNamespace(
        functions=functions or [], loss_hint_reduction="sum", squared_hint=None
    )
    return _named_loss(ast.parse(source), subject)


def test_a_cross_entropy_class_the_file_never_uses_is_no_hint() -> None:
    assert _hint(LOSSES + "train(MSE())\n") is None


def test_the_cross_entropy_class_the_file_trains_with_is_the_hint() -> None:
    hint = _hint(LOSSES + "train(BCE())\n")
    assert hint is not None and "log() at line 12" in hint


def test_a_log_in_the_training_script_itself_is_the_hint() -> None:
    source = "import numpy as np\np = np.ones(3) / 2\nloss = -np.mean(np.log(p))\n"
    hint = _hint(source)
    assert hint is not None and "line 3" in hint


def test_a_class_never_instantiated_that_holds_the_network_keeps_its_hint() -> None:
    """`class Brain` with `learn()` printing a cross-entropy, never built by the file:
    netdoctor builds it, so its log() still names the loss."""
    source = (
        "import numpy as np\n\n\nclass Brain:\n    def learn(self, t, p):\n"
        "        print(-np.mean(t * np.log(p)))\n"
    )
    assert _hint(source) is None  # never used, and not the network netdoctor found
    hint = _hint(source, [UserFunction("Brain.learn", 5, "training loop")])
    assert hint is not None and "line 6" in hint
