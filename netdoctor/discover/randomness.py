"""The random draws of one pass, made again each time the pass is re-run.

A loop body that draws noise (`X = augment(X_clean)`, an inverted dropout mask, a random
mini-batch `idx = np.random.choice(m, 32)`) sees other numbers each time it runs. The
gradients netdoctor asks of the pass, and the outputs it compares them with, must come
from the same numbers, so each re-run starts from the generators' states at the start of
the observed pass: numpy's global generator, `random`'s, and the `np.random.Generator`
and `RandomState` objects the frame can see by name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_GENERATORS = (np.random.Generator, np.random.RandomState, random.Random)


@dataclass
class RandomStates:
    numpy_global: Any
    python_global: Any
    objects: list[tuple[Any, Any]] = field(default_factory=list)  # (generator, its state)
    # whether a whole run of the pass drew from any of them: None until one has run. A
    # pass that draws nothing needs no restoring, which costs more than a small step.
    drawn: bool | None = None

    def restore(self) -> None:
        if self.drawn is False:
            return
        np.random.set_state(self.numpy_global)
        random.setstate(self.python_global)
        for generator, state in self.objects:
            _set_state(generator, state)

    def note_run(self) -> None:
        """After a whole run of the pass from these states: did it draw?"""
        if self.drawn is None:
            self.drawn = not self._unchanged()

    def _unchanged(self) -> bool:
        try:
            now = np.random.get_state()
            saved = self.numpy_global
            if now[2:] != saved[2:] or not np.array_equal(now[1], saved[1]):
                return False
            if random.getstate() != self.python_global:
                return False
            return all(_same(_state(generator), state) for generator, state in self.objects)
        except Exception:  # a state that cannot be compared: restore it every time
            return False


def capture(*scopes: dict[str, Any]) -> RandomStates:
    """The states now: the global generators and the generator objects in `scopes`."""
    objects: list[tuple[Any, Any]] = []
    seen: set[int] = set()
    for scope in scopes:
        for value in list(scope.values()):
            if isinstance(value, _GENERATORS) and id(value) not in seen:
                seen.add(id(value))
                objects.append((value, _state(value)))
    return RandomStates(np.random.get_state(), random.getstate(), objects)


def _state(generator: Any) -> Any:
    if isinstance(generator, np.random.Generator):
        return generator.bit_generator.state
    if isinstance(generator, np.random.RandomState):
        return generator.get_state()
    return generator.getstate()


def _set_state(generator: Any, state: Any) -> None:
    if isinstance(generator, np.random.Generator):
        generator.bit_generator.state = state
    elif isinstance(generator, np.random.RandomState):
        generator.set_state(state)
    else:
        generator.setstate(state)


def _same(a: Any, b: Any) -> bool:
    """Two generator states equal (dicts of numbers and arrays, or tuples)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(a, b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
