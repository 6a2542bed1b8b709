"""Where a hidden layer's gradients all carry one stray factor: the delta handed back to
it. A generic layer class forms every layer's `dW` on one line (`self.dW = self.X.T @
grad`), right for the output layer; the slip is in what the layer above hands down
(`return grad @ self.W.T / m`, divided again). The line holding the hidden layer's
incoming gradient times that factor is the one to show."""

from __future__ import annotations

import numpy as np

from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.mutants import truth_deltas
from netdoctor.subject import ParameterValues, Subject
from netdoctor.trace import Trace


def scaled_handed_delta(
    subject: Subject,
    trace: Trace,
    values: ParameterValues,
    hidden: str | None,
    loss: LossChoice,
    scale: float,
) -> int | None:
    """The first line holding `scale` times the true gradient the last hidden layer is
    handed (the output delta times the output weights, before the hidden slope); None
    when none does (the factor is then the weight gradient's own, found where it is
    formed). Exactly that multiple: the delta in the others' convention differs from it
    by the very factor (m) that is the slip."""
    if hidden is None or subject.structure.n_layers != 2:
        return None
    try:
        params = canonical_params(subject, values)
        out_delta, _ = truth_deltas(architecture(hidden, loss, "sum"), params, subject.X, subject.Y)
    except Exception:
        return None
    weights = np.asarray(params.weights[-1], dtype=np.float64).reshape(-1, 1)
    handed = np.asarray(out_delta, dtype=np.float64).reshape(-1, 1) @ weights.T
    wrong = scale * handed  # compared as it is: a factor of m is what tells it apart
    for assignment in trace.assignments:
        value = np.asarray(assignment.value)
        if value.shape == wrong.shape and value.dtype.kind == "f" and np.any(wrong):
            if np.allclose(value, wrong, rtol=1e-9, atol=1e-12 * float(np.max(np.abs(wrong)))):
                return assignment.line
    return None
