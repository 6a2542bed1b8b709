"""How exact the reference's gradients are: every entry against extended precision.

Runs the networks of tests/test_reference_precision.py (output logits up to +-700, hidden
pre-activations up to +-300, every hidden activation, loss, reduction and layout, labels
confidently right, confidently wrong or random) and as many random ones, and prints for
all their gradient entries and losses the worst relative error by condition: the
magnitude `extended.extended_backward` computes for the entry over its value, in units
of float64's roundoff u. A condition of c means rounding alone (of the sums forming the
entry, and of its logits before exp amplifies their error) may cost c u: only entries
under about 1e4 can be held to 1e-12 relative by any float64 formula. Then the worst
error in units of u x magnitude, and the worst error as the test measures it.
Needs np.longdouble to be extended precision (x86-64 Linux).
Usage: python benchmarks/reference_precision.py [random networks, default 2000]
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from extended import (  # noqa: E402
    EXTENDED,
    FLOAT64_TINY,
    HAS_EXTENDED,
    MAX_LOGIT,
    PRECISION,
    ROUNDING_FACTOR,
    UNIT_ROUNDOFF,
    extended_backward,
    relative_error,
    saturated_network,
)

from netdoctor import reference  # noqa: E402
from netdoctor.activations import ACTIVATIONS  # noqa: E402
from netdoctor.reference import Architecture  # noqa: E402

LOSSES = [("bce", False), ("mse", False), ("mse", True)]
LABELINGS = ("right", "wrong", "mixed")


def cases(n_random: int):
    """(arch, layer sizes, spans, m, labeling, seed, with_bias) of every network measured."""
    for hidden, (loss, half), reduction, layout, labeling in itertools.product(
        ACTIVATIONS, LOSSES, ("sum", "mean"), ("row", "column"), LABELINGS
    ):
        arch = Architecture(hidden, loss, reduction, layout, half)
        yield arch, [3, 4, 3, 1], [300.0, 30.0, MAX_LOGIT], 8, labeling, 7, True
    rng = np.random.default_rng(2024)
    for seed in range(n_random):
        loss, half = LOSSES[rng.integers(3)]
        arch = Architecture(
            str(rng.choice(ACTIVATIONS)),
            loss,
            str(rng.choice(["sum", "mean"])),
            str(rng.choice(["row", "column"])),
            half,
        )
        sizes = [int(k) for k in rng.integers(1, 5, size=rng.integers(1, 4))]
        spans = [float(s) for s in rng.uniform(0.5, 300.0, size=len(sizes) - 1)]
        m = int(rng.integers(2, 9))
        labeling = str(rng.choice(LABELINGS))
        spans.append(float(rng.uniform(1.0, MAX_LOGIT)))
        yield arch, [*sizes, 1], spans, m, labeling, seed, bool(rng.integers(2))


CONDITIONS = (1e2, 1e3, 1e4, 1e6, float("inf"))


def main() -> None:
    if not HAS_EXTENDED:
        raise SystemExit("np.longdouble is plain double here: no extended precision")
    n_random = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    errors: list[np.ndarray] = []
    conditions: list[np.ndarray] = []
    tiny, measured_worst, rounding_worst = 0, 0.0, 0.0
    for arch, sizes, spans, m, labeling, seed, with_bias in cases(n_random):
        params, X, Y = saturated_network(arch, sizes, spans, m, labeling, seed, with_bias)
        got = reference.backward(arch, params, X, Y)
        want = extended_backward(arch, params, X, Y)
        triples = [
            *zip(got.weight_gradients, want.weight_gradients, want.weight_magnitudes, strict=True),
            *zip(got.bias_gradients, want.bias_gradients, want.bias_magnitudes, strict=True),
            (got.loss, want.loss, want.loss_magnitude),
            (reference.loss(arch, params, X, Y), want.loss, want.loss_magnitude),
        ]
        for g, w, size in triples:
            if w is None:
                continue
            measured_worst = max(measured_worst, relative_error(g, w, size))
            g_x, w_x = np.asarray(g, dtype=EXTENDED).ravel(), np.asarray(w, dtype=EXTENDED).ravel()
            size_x = np.asarray(size, dtype=EXTENDED).ravel()
            normal = np.abs(w_x) >= FLOAT64_TINY
            tiny += int(np.sum(~normal))
            error = np.abs(g_x - w_x)
            errors.append((error[normal] / np.abs(w_x[normal])).astype(np.float64))
            conditions.append((size_x[normal] / np.abs(w_x[normal])).astype(np.float64))
            ratio = error[normal] / (UNIT_ROUNDOFF * size_x[normal])
            rounding_worst = max(rounding_worst, float(np.max(ratio, initial=0)))
    error, condition = np.concatenate(errors), np.concatenate(conditions)
    print(f"{error.size + tiny} gradient entries and losses; {tiny} below float64's normal range")
    print("condition: magnitude of the terms (each sum's, each logit's under exp) / value, in u")
    print("  condition    entries   worst relative error")
    for limit in CONDITIONS:
        chosen = condition < limit
        worst = float(np.max(error[chosen], initial=0))
        print(f"  < {limit:<9g} {int(np.sum(chosen)):>8}   {worst:.2e}")
    print(
        f"worst error / (u x magnitude):  {rounding_worst:.2f} (the test allows {ROUNDING_FACTOR})"
    )
    print(f"worst error as the test measures it:  {measured_worst:.2e} (bound {PRECISION:g})")


if __name__ == "__main__":
    main()
