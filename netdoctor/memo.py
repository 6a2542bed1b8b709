"""The user's code run once per parameter values: later checks asking again share the answer.

Verification, identification and the probes each ask for the user's forward pass or
claimed gradients at the same two points (the user's values and a fresh point): the
activation's fingerprint, the loss's, the bias and output-range probes, the moderate
side of ND103's probe. Every such call is a run of the user's code (a whole pass of their
loop body, at 784-512-1 a sixth of a second); the answer at the same values is the same,
since each run starts from the same restored state. So a Subject's callables answer
again from a small cache keyed by the values' bytes, and hand out copies, so that no
reader can change what the next one gets. An answer the user's code raised is not kept:
it is raised again by running again.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import TypeVar

import numpy as np

from netdoctor.subject import ParameterValues, Subject

KEPT = 4  # answers kept per callable: the two points, and a probe's pair beside them
ROLES = ("claimed", "forward", "loss", "loop_loss")

T = TypeVar("T")


def values_key(values: ParameterValues) -> bytes | None:
    """A digest of every value's name, type, dtype, shape and bytes; None when a value is
    no array of numbers (then the call runs as asked)."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        for name in sorted(values):
            value = values[name]
            array = np.asarray(value)
            if array.dtype == object:
                return None
            digest.update(f"{name}|{type(value).__name__}|{array.dtype}|{array.shape}".encode())
            digest.update(np.ascontiguousarray(array).tobytes())
    except (TypeError, ValueError):
        return None
    return digest.digest()


def remembered(function: Callable[[ParameterValues], T]) -> Callable[[ParameterValues], T]:
    """`function` answering again from the last KEPT answers, as deep copies."""
    answers: OrderedDict[bytes, T] = OrderedDict()

    def call(values: ParameterValues) -> T:
        key = values_key(values)
        if key is None:
            return function(values)
        if key in answers:
            answers.move_to_end(key)
            return copy.deepcopy(answers[key])
        answer = function(values)
        answers[key] = copy.deepcopy(answer)
        while len(answers) > KEPT:
            answers.popitem(last=False)
        return answer

    call.__wrapped__ = function  # type: ignore[attr-defined]  # (a line trace runs the code)
    return call


@contextlib.contextmanager
def answers_remembered(subject: Subject) -> Iterator[Subject]:
    """`subject` with its per-values callables remembered, until the block ends: the
    recorded training, whose every step asks at new values, runs them as they are."""
    originals = {role: getattr(subject, role) for role in ROLES}
    for role, function in originals.items():
        if callable(function):
            setattr(subject, role, remembered(function))
    try:
        yield subject
    finally:
        for role, function in originals.items():
            setattr(subject, role, function)
