"""Every tolerance and threshold netdoctor judges by, named, with its reason and source.

A rule or a comparison that needs a number takes it from here, so that one place says
how close "agrees" is and how far "dead" or "stuck" must go, and why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# ------------------------------------------------------------------ gradient comparison


@dataclass(frozen=True)
class Tolerance:
    """Relative-error bands: at most `agree` agrees, above `disagree` disagrees."""

    agree: float
    disagree: float


# CS231n's gradient-check bands ("Neural Networks Part 3"): relative error under 1e-7 is
# right in double precision; single precision carries about 1e-7 per operation, so its
# sums over samples agree to about 1e-4.
FLOAT64_BANDS = Tolerance(1e-7, 1e-5)
FLOAT32_BANDS = Tolerance(1e-4, 1e-3)
# Against finite differences (no reference network): a central difference carries
# truncation and rounding error, and a kink too small to detect still shifts an estimate.
NUMERIC_FLOAT64_BANDS = Tolerance(1e-6, 1e-4)
NUMERIC_FLOAT32_BANDS = Tolerance(1e-3, 1e-2)
# Rounding noise of a gradient recovered as (before - after) / lr: agree within 10 times
# it, disagree beyond 100 times it.
NOISE_AGREE, NOISE_DISAGREE = 10.0, 100.0


def tolerance_for(dtype: str, rounding_noise: float = 0.0) -> Tolerance:
    """The bands of the dtype the user computes in, widened by rounding noise."""
    base = FLOAT32_BANDS if dtype in ("float32", "float16") else FLOAT64_BANDS
    return Tolerance(
        max(base.agree, NOISE_AGREE * rounding_noise),
        max(base.disagree, NOISE_DISAGREE * rounding_noise),
    )


def numeric_tolerance(itemsize: int) -> Tolerance:
    return NUMERIC_FLOAT32_BANDS if itemsize <= 4 else NUMERIC_FLOAT64_BANDS


def dtype_tolerance(dtype: str) -> float:
    """How exactly a forward pass in `dtype` can match the reference network's."""
    return 1e-3 if dtype in ("float32", "float16") else 1e-9


# A gradient that is 1 or 1/m times the truth (summed or averaged over samples) is a
# convention, read to this relative precision in float64.
CONVENTION_TOLERANCE = 1e-6
# A gradient is "c times the truth" when c explains it to this relative error.
SCALED_FIT = 1e-5
# A bug mutant explains a gradient when it matches within this many times the agree band.
MUTANT_FIT = 10.0
# A correct gradient differs from the exact truth by rounding: a few eps of the terms that
# form each entry (`rounding.py`), however small the entry itself is (0 by symmetry, or a
# sum that cancels). A difference under this many eps of those terms is no difference; a
# dot product of n terms errs by at most about n eps of their magnitudes, and the magnitudes
# already grow with n while rounding errors grow as sqrt(n).
ROUNDING_TERMS = 8.0


def is_convention(scale: float, m: int, precision: float = CONVENTION_TOLERANCE) -> bool:
    """Whether `scale` is 1 (sum) or 1/m (mean) to within `precision`."""
    return any(abs(scale - c) <= precision * max(1.0, abs(c)) for c in (1.0, 1.0 / m))


def scale_precision(dtype: str) -> float:
    """How exactly a network's gradients can show a factor: sums over samples in single
    precision carry relative errors near 1e-6, so a float32 network's factors are read to
    1e-3."""
    return max(CONVENTION_TOLERANCE, dtype_tolerance(dtype))


# ------------------------------------------------------------------ probes

# sigmoid(50) is exactly 1.0 in float64: outputs saturate, and an unsimplified BCE
# derivative divides by zero there.
SATURATED_LOGIT = 50.0
# Logits training does reach. exp(100) is fine in float64 (overflow starts at 709), so a
# float64 naive sigmoid is not flagged; in float32 exp overflows from 88.7 on.
EXTREME_LOGIT = 100.0
# Input features beyond this saturate a first layer of sigmoid or tanh units at ordinary
# initialisation (weights of size 1/sqrt(n_in)).
UNSCALED_INPUT = 100.0

# ------------------------------------------------------------------ training dynamics

LN2 = math.log(2.0)  # the BCE loss of outputs stuck at 0.5
DEFAULT_LEARNING_RATE = 0.1  # when the file names none and its step takes one
# A ReLU active on under 1 % of samples is dead; a layer is an error above 50 % dead
# units, a warning from 10 % (the levels cloud training debuggers use).
DEAD_ACTIVE_FRACTION = 0.01
DEAD_ERROR, DEAD_WARNING = 0.5, 0.1
# Saturated: the unit's slope under 1e-4 of its maximum (10,000 times slower learning,
# what a user sees as "stuck"; DESIGN.md's 1e-7 only flags units beyond any use); a layer
# is flagged above half its units saturated.
SATURATION_SLOPE = 1e-4
SATURATED_LAYER = 0.5
# Update-to-weight norm ratio: above 1 an update is larger than the weights (an
# explosion); a median under 1e-5 with the loss hardly moving is a step too small
# (CS231n's healthy value is about 1e-3).
EXPLOSION_RATIO = 1.0
TINY_RATIO = 1e-5
# First- to last-layer gradient-norm ratio: vanishing under 1e-3, exploding above 70.
VANISHING, EXPLODING = 1e-3, 70.0
# Stuck at half: outputs' spread under 0.01, mean within 0.05 of 0.5, mean loss within
# 0.01 of ln 2, over the last tenth of the run (at least 5 records) after 50 steps.
STUCK_SPREAD, STUCK_MEAN, STUCK_LOSS = 0.01, 0.05, 0.01
WARM_UP = 50
# A loss that moved under 1 % over the second half of the run has plateaued.
PLATEAU = 0.01
# A replay with true gradients ending above this mean loss did not fit the data.
REPLAY_FITS = 0.1
# Records: every step of the first 100 (deaths and explosions come early), then about
# 200 evenly spaced records and every event.
RECORD_EVERY_STEP = 100
MAX_RECORDS = 200
# Recording until the verdict is clear: from step 200 (four times the warm-up the stuck and
# plateau rules wait), every 100 steps, the run may end when its loss has converged (every
# record of the last quarter under 0.01 and falling: below each loss a training rule reads,
# 0.1 for a plateau, 0.05 for a rising loss, ln 2 for stuck) or frozen (moved under 1e-6 of
# itself over the second half, and less in the last quarter than in the one before: a
# fixed point, not a saddle it is about to leave). Step counts, never seconds: the same
# file and seed give the same report.
# A converged run goes on while the rules that read its last or any step could still
# change: over half a layer's units within 100 times of saturation (ND304: the weights of a
# run whose loss tends to 0 keep growing), or the first- to last-layer gradient ratio
# within 10 times of ND305's bounds.
NEAR_SATURATION_SLOPE = 1e-2
GRADIENT_RATIO_MARGIN = 10.0
SETTLE_FROM = 200
SETTLE_EVERY = 100
CONVERGED_LOSS = 0.01
FROZEN = 1e-6
# The time budget (--train-seconds) is shared: the recording may use this share of it, the
# replay with the true gradients the rest (a replay step costs about half a recorded one).
RECORDING_SHARE = 0.65
