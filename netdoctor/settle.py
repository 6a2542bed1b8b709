"""When a run's loss has settled: converged or frozen (`dynamics.verdict_clear` adds that
the rules read the same from the run so far as from the whole requested run).

Pure functions of the losses: the recorder and the replay ask at fixed step counts
(`SETTLE_FROM`, then every `SETTLE_EVERY` steps), never by the clock, so the same file and
seed stop at the same step and give the same report.
"""

from __future__ import annotations

import numpy as np

from netdoctor.tolerances import (
    CONVERGED_LOSS,
    FROZEN,
    SETTLE_EVERY,
    SETTLE_FROM,
)


def is_checkpoint(index: int) -> bool:
    """The steps at which a run may be found settled."""
    return index >= SETTLE_FROM and index % SETTLE_EVERY == 0


def settled(steps: np.ndarray, losses: np.ndarray, at: int) -> str | None:
    """'converged', 'frozen' or None, from the losses recorded at `steps` up to step `at`.

    Converged: every loss of the last quarter under CONVERGED_LOSS, none above the one
    before it. Frozen: the second half moved under FROZEN of the loss, and the last quarter
    no more than the quarter before (a saddle being left moves more and more)."""
    steps = np.asarray(steps)
    losses = np.asarray(losses, dtype=np.float64)
    half = losses[steps >= at / 2]
    last = losses[steps >= 3 * at / 4]
    earlier = losses[(steps >= at / 2) & (steps < 3 * at / 4)]
    if at < SETTLE_FROM or last.size < 2 or earlier.size < 2 or not np.all(np.isfinite(half)):
        return None
    if np.all(last < CONVERGED_LOSS) and np.all(np.diff(last) <= 0):
        return "converged"
    scale = max(float(np.max(np.abs(half))), np.finfo(np.float64).tiny)
    if np.ptp(half) <= FROZEN * scale and np.ptp(last) <= np.ptp(earlier):
        return "frozen"
    return None
