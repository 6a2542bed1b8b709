"""Evidence: everything the rules read, gathered once per check, frozen and typed.

The engine gathers it (gradients compared at two points, bug mutants tried, probes run on
the user's code, training recorded and replayed); rules only read it. Nothing here runs
user code or formats a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netdoctor.findings import Location

if TYPE_CHECKING:
    from netdoctor.diagnose import Diagnosis
    from netdoctor.dynamics import Replay
    from netdoctor.identify import LossChoice
    from netdoctor.record import Recording

USER_POINT = "your parameters"
FRESH_POINT = "a fresh random point"

# What a parameter's gradient turned out to be, in the order they are tested.
VERDICT_KINDS = (
    "agrees",  # equals the summed truth
    "sum",  # agrees up to a factor of 1 where comparison saw a difference (rounding)
    "mean",  # 1/m times the summed truth: a convention
    "not-reduced",  # one row per sample; its sum over samples is right (ND108)
    "wrong-axis",  # a bias gradient summed over the units, not the samples (ND108)
    "summed-all",  # a bias gradient summed over samples and units: one number (ND108)
    "one-sample",  # a bias gradient that is one sample's delta, not their sum (ND108)
    "zero-bias",  # a bias gradient of zeros where the truth is not: missing (ND108)
    "shape",  # another shape than the parameter's, or its transpose (ND107)
    "missing",  # no gradient returned (ND100)
    "not-finite",  # NaN or inf where the truth is finite (ND100, or ND103's doing)
    "explained",  # equals a known bug's mutant (ND101-ND104, ND109-ND111)
    "sign-flipped",  # minus the truth (ND105)
    "scaled",  # c times the truth, c neither 1 nor 1/m (ND106)
    "square-transposed",  # the transpose, for a square weight (ND107)
    "reshaped-transposed",  # the transpose reshaped into the weight's shape (ND107)
    "disagrees",  # none of the above (ND100)
    "uncheckable",  # every entry on an activation's kink: no evidence either way
)


# Kinds that are the truth times some factor (or carry no evidence either way).
_UP_TO_A_FACTOR = ("agrees", "sum", "mean", "scaled", "uncheckable")


@dataclass(frozen=True)
class ParameterVerdict:
    """One parameter's gradient, judged at both points."""

    name: str
    kind: str
    shape: tuple[int, ...] | None  # the shape the user's gradient has
    expected_shape: tuple[int, ...]
    point: str | None = None  # the point that shows it (the worst one for "disagrees")
    scale: float | None = None
    relative_error: float | None = None
    worst_index: tuple[int, ...] = ()
    point_errors: dict[str, float | None] = field(default_factory=dict)
    summed_axis: int | None = None  # "not-reduced": the samples' axis
    agrees_somewhere: bool = False  # agrees at one of the points at least


@dataclass(frozen=True)
class BiasUpdateCrash:
    """`b -= lr * db` failed in place on a batch: db had one row per sample."""

    parameter: str
    line: int
    text: str


@dataclass(frozen=True)
class GradientEvidence:
    """The user's gradients against the truth, and what explains the differences."""

    m: int  # samples
    loss: LossChoice  # the loss the truth was computed for
    hidden: str | None  # the hidden activation, when the truth is the exact reference
    verdicts: tuple[ParameterVerdict, ...]
    diagnosis: Diagnosis
    mutated: tuple[str, ...]  # arrays the user's gradient code changed in place
    location: Location | None  # the user's gradient function
    labels_shape: tuple[int, ...] | None
    data_failures: tuple[str, ...]  # how the code failed with the user's own data shapes
    bias_update_crash: BiasUpdateCrash | None = None
    # biases used by the forward pass, never updated: (name, the line updating its siblings)
    never_updated: tuple[tuple[str, int | None], ...] = ()
    per_sample: bool = False  # the code was checked one sample at a time
    own_run_raised: bool = False  # the file's own run raised (a batch it handed, say)
    # (line, operation, left shape, right shape) of the loop's (m,) x (m, 1) arithmetic
    label_broadcasts: tuple[tuple[int, str, tuple[int, ...], tuple[int, ...]], ...] = ()
    precision: float = 1e-6  # how exactly a factor can be read (tolerances.scale_precision)
    returned: bool = False  # the gradients are a function's return value (Subject's field)

    def of_kind(self, *kinds: str) -> list[ParameterVerdict]:
        return [v for v in self.verdicts if v.kind in kinds]

    def reductions(self) -> dict[str, str]:
        """Parameter -> "sum" or "mean", for the gradients that are right up to it."""
        found = {v.name: v.kind for v in self.verdicts if v.kind in ("sum", "mean")}
        for verdict in self.verdicts:
            if verdict.agrees_somewhere:
                found.setdefault(verdict.name, "sum")
        return found

    def factors(self) -> dict[str, float] | None:
        """Parameter -> c with its gradient = c x the summed truth, when every gradient is
        right up to a positive factor (None when one is wrong in another way)."""
        wrong = [v for v in self.verdicts if v.kind not in _UP_TO_A_FACTOR]
        return None if wrong else self.factors_of_right_gradients()

    def factors_of_right_gradients(self) -> dict[str, float]:
        """Parameter -> c for the gradients that are the truth up to a factor c."""
        found: dict[str, float] = {}
        for verdict in self.verdicts:
            if verdict.kind == "agrees":
                found[verdict.name] = 1.0
            elif verdict.kind == "mean":
                found[verdict.name] = 1.0 / self.m
            elif verdict.kind in ("sum", "scaled") and verdict.scale is not None:
                found[verdict.name] = verdict.scale
        return found

    def shared_factor(self) -> float | None:
        """The one positive factor every gradient carries (1: summed, 1/m: averaged, 0.5:
        squared error without its 2, ...): a convention, as a learning rate c times the
        user's would be. None when gradients carry different factors, or one is wrong."""
        factors = self.factors()
        return _one_factor(list(factors.values()), self.precision) if factors else None

    def factor_the_right_share(self) -> float | None:
        """The one positive factor two or more right-up-to-a-factor gradients share while
        others are wrong in another way (a bias of the wrong shape beside momentum's
        (1 - beta) / m in every other gradient): the step's, as when all share it."""
        values = list(self.factors_of_right_gradients().values())
        return _one_factor(values, self.precision) if len(values) >= 2 else None

    def convention_factor(self) -> float | None:
        """The factor that is a convention here: the one every gradient shares, else the
        mean over samples when every right gradient is averaged (others being wrong)."""
        shared = self.shared_factor()
        if shared is not None:
            return shared
        if self.m > 1 and set(self.reductions().values()) == {"mean"}:
            return 1.0 / self.m
        return None

    def bug_codes(self) -> list[str]:
        """The codes of the known bug that explains the gradients, if one does."""
        mutant = self.diagnosis.mutant
        return [bug.code for bug in mutant.bugs] if mutant is not None else []

    @property
    def one_dimensional_labels(self) -> bool:
        return self.labels_shape is not None and len(self.labels_shape) == 1


@dataclass(frozen=True)
class Unsimplified:
    """Gradients finite at moderate outputs, NaN or inf once an output saturates."""

    parameters: tuple[str, ...]
    logit: float
    line: int | None


@dataclass(frozen=True)
class UnguardedLog:
    """The user's loss is not finite once outputs reach exactly 0 or 1."""

    value: str
    line: int | None
    function: str | None  # a loss(outputs, targets) function, by name
    logit: float | None  # the output logit that saturated the user's own loss


@dataclass(frozen=True)
class ExpOverflow:
    """An exp in the user's code overflows at output logits training reaches."""

    text: str
    function: str
    line: int
    logit: float


@dataclass(frozen=True)
class DoubleActivation:
    place: str  # "output" or "hidden"
    activation: str
    line: int | None


@dataclass(frozen=True)
class ValueRange:
    low: float
    high: float
    line: int | None


@dataclass(frozen=True)
class ProbeEvidence:
    """What running the user's code at chosen points showed, and facts about its data."""

    unsimplified: Unsimplified | None = None
    unguarded_log: UnguardedLog | None = None
    exp_overflow: ExpOverflow | None = None
    layers_without_bias: tuple[int, ...] = ()  # 1-based
    no_bias_line: int | None = None
    targets: ValueRange | None = None
    inputs_largest: float = 0.0  # over the finite entries
    inputs_line: int | None = None
    non_finite_inputs: int = 0  # NaN or inf entries in the inputs the network is fed
    non_finite_targets: int = 0
    outputs: ValueRange | None = None  # the forward pass's outputs, when fed to BCE
    double_activation: DoubleActivation | None = None


@dataclass(frozen=True)
class TrainingEvidence:
    """The user's own training, recorded, and the same start replayed with true gradients."""

    recording: Recording
    weight_names: tuple[str, ...]
    replay: Replay | None
    non_finite_operation: tuple[int, str] | None  # (line, source) of the first inf/NaN
    weight_lines: tuple[int | None, ...] = ()  # where each layer's weights are initialised
    # where each layer's biases are, when they start below zero on every unit (`b1 =
    # np.full(h, -4.0)`: the ReLUs they feed start dead), else None
    negative_bias_lines: tuple[int | None, ...] = ()
    rate_line: int | None = None  # where the learning rate the step used is written


@dataclass(frozen=True)
class Evidence:
    gradients: GradientEvidence
    probes: ProbeEvidence = field(default_factory=ProbeEvidence)
    training: TrainingEvidence | None = None


def _one_factor(values: list[float], precision: float) -> float | None:
    """The positive factor every value is, within `precision`; None when they differ."""
    first = values[0]
    if first <= 0:
        return None
    if all(abs(v - first) <= precision * max(abs(first), 1e-300) for v in values):
        return first
    return None
