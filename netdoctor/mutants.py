"""Known backprop bugs injected into the reference, so a diagnosis can be proved.

Each mutant is the reference backward pass with one known mistake (or two) put in: the
output delta or the hidden layers' derivative replaced by what people write by mistake,
as the rules declare them (`Rule.mutations`). If a user's gradient equals a mutant's to
rounding while it differs from the truth, the mutant names the bug. Pure math on
canonical row-layout arrays; no user code here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netdoctor import reference
from netdoctor.bugs import Bug, Mutation
from netdoctor.reference import Architecture, DenseParams
from netdoctor.rules.registry import all_rules


@dataclass(frozen=True)
class Mutant:
    bugs: tuple[Bug, ...]
    weight_gradients: list[np.ndarray]
    bias_gradients: list[np.ndarray | None]
    output_delta: np.ndarray  # (m, 1), summed convention
    hidden_deltas: list[np.ndarray]  # (m, n_l) per hidden layer

    @property
    def codes(self) -> list[str]:
        return [bug.code for bug in self.bugs]


def declared(arch: Architecture) -> list[Mutation]:
    """Every rule's mutations for this architecture, in code order; preferred ones first
    among the hidden ones, so that they win ties."""
    found = [
        mutation
        for rule in all_rules().values()
        if rule.mutations is not None
        for mutation in rule.mutations(arch)
    ]
    return sorted(found, key=lambda mutation: not mutation.preferred)


def _run(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    bugs: tuple[Bug, ...],
    mutation: Mutation | None,
    stale_rate: float | None = None,
) -> Mutant:
    grads = reference.backward(arch, params, X, Y, mutation, stale_rate)
    biases = [None if g is None else np.reshape(g, -1) for g in grads.bias_gradients]
    return Mutant(bugs, grads.weight_gradients, biases, grads.deltas[-1], grads.deltas[:-1])


def _expand(*bugs: Bug | None) -> tuple[Bug, ...]:
    found: list[Bug] = []
    for bug in bugs:
        if bug is not None:
            found += [bug, *bug.also]
    return tuple(found)


def mutants(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float | None = None,
) -> list[Mutant]:
    """Every single bug and every output x hidden pair, plus stale weights when an lr is known.

    Canonical row layout, summed over samples: biases come back as (n,) vectors.
    """
    arch = Architecture(
        arch.hidden_activation, arch.loss, "sum", "row", arch.mse_half, arch.leaky_slope
    )
    n_layers = len(params.weights)
    mutations = declared(arch)
    outputs: list[Mutation | None] = [None, *(m for m in mutations if m.output is not None)]
    hiddens: list[Mutation | None] = [None]
    if n_layers > 1:
        hiddens += [m for m in mutations if m.hidden is not None]
    stale = [m for m in mutations if m.stale]
    found: list[Mutant] = []
    with np.errstate(all="ignore"):
        for out in outputs:
            for hid in hiddens:
                if out is None and hid is None:
                    continue
                bugs = _expand(out.bug if out else None, hid.bug if hid else None)
                combined = Mutation(
                    bugs[0], out.output if out else None, hid.hidden if hid else None
                )
                found.append(_run(arch, params, X, Y, bugs, combined))
        if learning_rate and n_layers > 1:
            m = np.asarray(X).shape[0]
            # The early update used the user's own reduction: lr * summed or lr * mean.
            for step in (learning_rate, learning_rate / m):
                for stale_mutation in stale:
                    for out in outputs:
                        bugs = _expand(out.bug if out else None, stale_mutation.bug)
                        found.append(_run(arch, params, X, Y, bugs, out, step))
    return found


def truth_deltas(
    arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The correct output delta and hidden deltas (summed convention), for the tracer."""
    arch = Architecture(
        arch.hidden_activation, arch.loss, "sum", "row", arch.mse_half, arch.leaky_slope
    )
    with np.errstate(all="ignore"):
        grads = reference.backward(arch, params, X, Y)
    return grads.deltas[-1], grads.deltas[:-1]


def mutants_per_sample(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float | None = None,
) -> list[Mutant]:
    """Mutants of code that runs one sample at a time, summed over the samples.

    Only the stale-weights mutant differs from the batch one: its early update used one
    sample's gradient, not the batch's.
    """
    per_sample = [
        mutants(arch, params, X[i : i + 1], Y[i : i + 1], learning_rate) for i in range(len(X))
    ]
    summed = []
    for index, first in enumerate(per_sample[0]):
        group = [found[index] for found in per_sample]
        summed.append(
            Mutant(
                first.bugs,
                [
                    sum(g.weight_gradients[k] for g in group)
                    for k in range(len(first.weight_gradients))
                ],
                [
                    None if b is None else sum(g.bias_gradients[k] for g in group)  # type: ignore[misc]
                    for k, b in enumerate(first.bias_gradients)
                ],
                np.concatenate([g.output_delta for g in group]),
                [
                    np.concatenate([g.hidden_deltas[k] for g in group])
                    for k in range(len(first.hidden_deltas))
                ],
            )
        )
    return summed
