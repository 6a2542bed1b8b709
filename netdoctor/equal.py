"""Whether an array is still what it was: the question every tracer and snapshot asks.

`np.array_equal(a, b, equal_nan=True)` answers it, but about 15 times slower than
`(a == b).all()` (it builds NaN masks of both arrays first): 18 ms against 1.1 ms for one
2,000 x 784 input table. The tracer asks at every line for every array a frame holds, so a
784-512-1 check spent most of its time there. Almost every array asked about is unchanged:
the plain comparison settles those, and only arrays that differ somewhere (or hold NaN) pay
for the NaN-aware one.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def same_array(before: Any, after: Any) -> bool:
    """Same shape and the same values, NaN equal to NaN (as `array_equal(equal_nan=True)`)."""
    before, after = np.asarray(before), np.asarray(after)
    if before.shape != after.shape:
        return False
    numeric = before.dtype.kind in "biufc" and after.dtype.kind in "biufc"
    if not numeric:  # words, objects: no NaN to match
        return bool(np.array_equal(before, after))
    with np.errstate(invalid="ignore"):
        if bool((before == after).all()):
            return True
    if before.dtype.kind not in "fc" and after.dtype.kind not in "fc":
        return False  # integers differ: no NaN could have made them unequal
    return bool(np.array_equal(before, after, equal_nan=True))
