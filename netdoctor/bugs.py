"""Known backprop bugs as data: what a rule's mutation puts into the reference backward.

A `Mutation` replaces the output delta, or the hidden layers' derivative, with what people
write by mistake, or computes the hidden delta with weights already updated. The rules
declare their mutations (`rules/nd101_*.py` ...); `mutants.py` runs them through the
reference's own backward pass. Pure functions of arrays; no user code here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from netdoctor.activations import derivative

if TYPE_CHECKING:
    from netdoctor.reference import Architecture

# (arch, z, a, y) -> the output delta, summed convention
OutputDelta = Callable[["Architecture", np.ndarray, np.ndarray, np.ndarray], np.ndarray]
# (z, a) -> the hidden layer's slope that multiplies the back-propagated error
HiddenDerivative = Callable[[np.ndarray, np.ndarray], np.ndarray]
WeightGradient = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Bug:
    """One injected mistake: the rule it proves, and where it sits."""

    code: str
    place: str  # "output" or "hidden"
    key: str  # stable identifier, e.g. "sigmoid-of-activation"
    description: str  # what the code computes, in the user's words
    severity: str = "error"
    also: tuple[Bug, ...] = ()  # bugs that come with this one in the same expression


@dataclass(frozen=True)
class Mutation:
    """How to put `bug` into the reference backward pass.

    `preferred`: when two mutations give the same gradients (a ReLU-form derivative on
    sigmoid activations, which are always positive, is exactly a missing derivative), the
    preferred one names the bug: it is the simpler story.
    """

    bug: Bug
    output: OutputDelta | None = None
    hidden: HiddenDerivative | None = None
    stale: bool = False  # the hidden delta uses output weights already updated this step
    preferred: bool = False
    # (layer inputs (m, n), layer delta (m, h)) -> the first layer's weight gradient (n, h),
    # formed wrongly from right values (an inner product where the outer one belongs)
    first_weight: WeightGradient | None = None
    # networks with several hidden layers: the hidden derivative wrong in this one only
    # (0 = the first hidden layer), or the delta sent back to it through the weight matrix
    # after it untransposed (`delta @ W2` where `delta @ W2.T` belongs: W2 is square)
    hidden_layer: int | None = None
    untransposed: bool = False


def loss_factor(arch: Architecture) -> float:
    """The factor the output delta carries: 2 for squared error without its 1/2."""
    return 1.0 if arch.loss == "bce" or arch.mse_half else 2.0


def sigmoid_slope_of_activation(a: np.ndarray) -> np.ndarray:
    """sigma'(A) = sigma(A) (1 - sigma(A)): a derivative helper handed the activation."""
    return derivative("sigmoid", a)
