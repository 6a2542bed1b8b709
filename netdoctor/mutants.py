"""Known backprop bugs injected into the reference, so a diagnosis can be proved.

Each mutant is the reference backward pass with one known mistake (or two) put in: the
output delta or the hidden layers' derivative replaced by what people write by mistake,
as the rules declare them (`Rule.mutations`). If a user's gradient equals a mutant's to
rounding while it differs from the truth, the mutant names the bug. Pure math on
canonical row-layout arrays; no user code here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    hidden_layer: int | None = None  # the one hidden layer the bug is in, of several
    stale_rate: float | None = None  # the early update's step, for stale weights (ND111)

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


@dataclass(frozen=True)
class MutantSpec:
    """One candidate bug, before its gradients are computed: what `build` injects."""

    bugs: tuple[Bug, ...]
    mutation: Mutation | None
    stale_rate: float | None = None
    stale_decay: float = 0.0  # the L2 penalty's k in the early update (`penalty.py`)

    @property
    def codes(self) -> list[str]:
        return [bug.code for bug in self.bugs]


def build(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    spec: MutantSpec,
    passed: reference.ForwardPass | None = None,
) -> Mutant:
    """The mutant's gradients and deltas; `passed` (the forward pass at these parameters)
    is shared by every mutant of one point instead of recomputed for each."""
    arch = _summed_row(arch)
    with np.errstate(all="ignore"):
        grads = reference.backward(
            arch, params, X, Y, spec.mutation, spec.stale_rate, passed, spec.stale_decay
        )
    biases = [None if g is None else np.reshape(g, -1) for g in grads.bias_gradients]
    layer = spec.mutation.hidden_layer if spec.mutation is not None else None
    return Mutant(
        spec.bugs,
        grads.weight_gradients,
        biases,
        grads.deltas[-1],
        grads.deltas[:-1],
        layer,
        spec.stale_rate,
    )


def shared_forward(arch: Architecture, params: DenseParams, X: np.ndarray) -> reference.ForwardPass:
    """The forward pass `build` reuses for every mutant at these parameters."""
    with np.errstate(all="ignore"):
        return reference.forward(_summed_row(arch), params, X)


def _summed_row(arch: Architecture) -> Architecture:
    return Architecture(
        arch.hidden_activation,
        arch.loss,
        "sum",
        "row",
        arch.mse_half,
        arch.leaky_slope,
        output=arch.output,
    )


def _expand(*bugs: Bug | None) -> tuple[Bug, ...]:
    found: list[Bug] = []
    for bug in bugs:
        if bug is not None:
            found += [bug, *bug.also]
    return tuple(found)


def plan(
    arch: Architecture,
    n_layers: int,
    m: int,
    learning_rate: float | None = None,
    shapes: list[tuple[int, ...]] | None = None,
    decay: float = 0.0,
    fitted_steps: tuple[float, ...] = (),
) -> list[MutantSpec]:
    """Every single bug and every output x hidden pair, plus stale weights when an lr is
    known, in the order ties are broken. With several hidden layers, each hidden bug in one
    layer alone too, and a delta sent back through a square weight matrix untransposed
    (`shapes`: the weights' shapes). Specs only: the diagnosis builds one mutant at a
    time and keeps the winner's arrays alone (54 full backward passes' arrays held at once
    ran a 784-512-1 network at m = 10,000 out of its 2 GB). `decay`: the L2 penalty the
    user's weight gradients carry, in the stale mutant's early update too. `fitted_steps`:
    stale steps read off the user's gradient (`stale_fit.py`), lr known or not."""
    mutations = declared(_summed_row(arch))
    outputs: list[Mutation | None] = [None, *(m for m in mutations if m.output is not None)]
    if arch.output == "linear":  # a sigmoid's slips mean nothing there; a sign still can
        outputs = [m for m in outputs if m is None or m.bug.code == "ND105"]
    hiddens: list[Mutation | None] = [None]
    if n_layers > 1:
        hiddens += [m for m in mutations if m.hidden is not None and not m.untransposed]
    stale = [m for m in mutations if m.stale]
    specs: list[MutantSpec] = []
    for out in outputs:
        for hid in hiddens:
            if out is None and hid is None:
                continue
            bugs = _expand(out.bug if out else None, hid.bug if hid else None)
            combined = Mutation(bugs[0], out.output if out else None, hid.hidden if hid else None)
            specs.append(MutantSpec(bugs, combined))
    if n_layers > 1:  # a weight gradient formed wrongly from right deltas: alone
        specs += [MutantSpec(_expand(w.bug), w) for w in mutations if w.first_weight]
    specs += _one_layer_specs(mutations, n_layers, shapes)
    if (learning_rate or fitted_steps) and n_layers > 1:
        # The early update used the user's own reduction: lr * summed or lr * mean; with a
        # squared error, also without its factor 2 (`delta = (t - y) * s'`) or with it.
        factors = (1.0, 0.5, 2.0) if arch.loss == "mse" else (1.0,)
        steps = [learning_rate * f / r for f in factors for r in (1, m)] if learning_rate else []
        for step in dict.fromkeys([*steps, *fitted_steps]):
            for stale_mutation in stale:
                for out in outputs:
                    bugs = _expand(out.bug if out else None, stale_mutation.bug)
                    specs.append(MutantSpec(bugs, out, step, decay))
    return specs


def _one_layer_specs(
    mutations: list[Mutation], n_layers: int, shapes: list[tuple[int, ...]] | None
) -> list[MutantSpec]:
    """Bugs in one hidden layer of several: its derivative (a layer whose activation
    differs from the others' in the file's code), or the delta sent back to it through the
    next layer's square weights untransposed. Alone, not paired with an output bug."""
    if n_layers < 3:
        return []
    specs = []
    for layer in range(n_layers - 1):
        for mutation in mutations:
            if mutation.hidden is not None and not mutation.untransposed:
                specs.append(
                    MutantSpec(_expand(mutation.bug), replace(mutation, hidden_layer=layer))
                )
        after = shapes[layer + 1] if shapes is not None and layer + 1 < len(shapes) else None
        if after is None or len(after) != 2 or after[0] != after[1]:
            continue  # `delta @ W` raises for a weight that is not square
        for mutation in mutations:
            if mutation.untransposed:
                specs.append(
                    MutantSpec(_expand(mutation.bug), replace(mutation, hidden_layer=layer))
                )
    return specs


def mutants(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float | None = None,
    decay: float = 0.0,
) -> list[Mutant]:
    """Every mutant of `plan`, built. Canonical row layout, summed over samples: biases
    come back as (n,) vectors. Holds them all: for small networks (one sample at a time)."""
    passed = shared_forward(arch, params, X)
    shapes = [np.shape(w) for w in params.weights]
    specs = plan(arch, len(params.weights), np.asarray(X).shape[0], learning_rate, shapes, decay)
    return [build(arch, params, X, Y, spec, passed) for spec in specs]


def truth_deltas(
    arch: Architecture, params: DenseParams, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The correct output delta and hidden deltas (summed convention), for the tracer."""
    with np.errstate(all="ignore"):
        grads = reference.backward(_summed_row(arch), params, X, Y)
    return grads.deltas[-1], grads.deltas[:-1]


def mutants_per_sample(
    arch: Architecture,
    params: DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float | None = None,
    decay: float = 0.0,
) -> list[Mutant]:
    """Mutants of code that runs one sample at a time, summed over the samples.

    Only the stale-weights mutant differs from the batch one: its early update used one
    sample's gradient, not the batch's.
    """
    per_sample = [
        mutants(arch, params, X[i : i + 1], Y[i : i + 1], learning_rate, decay)
        for i in range(len(X))
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
                first.hidden_layer,
                first.stale_rate,
            )
        )
    return summed
