"""Where a network of neuron objects forms a hidden unit's delta: one number a neuron at
a time, set on the neuron (`n.delta = out.delta * out.weights[i]`), which no array the
tracer sees holds. From the file's syntax."""

from __future__ import annotations

import ast
import re

from netdoctor.load import parsed_source as read_source
from netdoctor.structure import NetworkStructure

_DELTA_WORDS = re.compile(r"^(delta|error|err|grad|d|dz)(_\w*)?$", re.IGNORECASE)


def hidden_unit_parameter(structure: NetworkStructure, parameter: str | None) -> bool:
    """Whether `parameter` is a hidden layer's array stacked from neuron objects
    (`hidden[*].weights`): its update is the method every layer's neurons share, so a
    slip only this layer shows lies in the delta the network sets on its neurons."""
    return bool(parameter) and any(
        slot.name == parameter and "[*]" in slot.name and slot.layer < structure.n_layers - 1
        for slot in structure.slots
    )


def neuron_delta_line(path: str, structure: NetworkStructure) -> int | None:
    """`n.delta = out.delta * out.weights[i]` in a loop over a hidden layer's neurons
    (`for i, n in enumerate(hidden_layer)`): where a network of neuron objects forms its
    hidden delta, one number a neuron at a time, which no array the tracer sees holds."""
    hidden = {
        structure.weight_slot(layer).name.split("[*]")[0].split(".")[-1]
        for layer in range(structure.n_layers - 1)
        if "[*]" in structure.weight_slot(layer).name
    }
    try:
        _, tree = read_source(path)
    except Exception:
        return None
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For) or not any(
            re.search(rf"\b{re.escape(key)}\b", ast.unparse(loop.iter)) for key in hidden
        ):
            continue
        bound = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
        for node in ast.walk(loop):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute)
                and isinstance(t.value, ast.Name)
                and t.value.id in bound
                and _DELTA_WORDS.match(t.attr)
                for t in node.targets
            ):
                return node.lineno
    return None
