"""Where a delta's slip is placed: the line the fix goes on, not the first that holds it.

The tracer finds the first assignment holding a wrong value. That is often an earlier
step of the right computation: the product before the missing derivative (`dA1 = W2.T @
dZ2`, then `dZ1 = dA1`), a sum a neuron object then keeps (`err = sum(...)`, then
`h.delta = err`), the loss's error before the delta named as one, the update where the
sign convention of the whole step is set by the error. These move it there. Pure reading
of the trace and the file's lines.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor.discover.update_sites import keyed_update_line, own_update_line
from netdoctor.load import parsed_source as read_source
from netdoctor.naming import DELTA_NAME, GRADIENT_NAME
from netdoctor.subject import ParameterValues, Subject
from netdoctor.trace import Assignment, Trace, first_line_building


def copied_on(trace: Trace, found: Assignment, path: str) -> Assignment | None:
    """`dZ1 = dA1` after `dA1 = W2.T @ dZ2`: the delta passed on as it is, the line where
    the missing derivative belongs (ND110), rather than the product before it."""
    try:
        lines = read_source(path)[0].splitlines()
    except Exception:
        return None
    copy = re.compile(rf"^\s*(\w+)\s*=\s*{re.escape(found.name)}\s*(#.*)?$")
    for assignment in trace.assignments:
        if assignment.line <= found.line or assignment.function != found.function:
            continue
        text = lines[assignment.line - 1] if 0 < assignment.line <= len(lines) else ""
        match = copy.match(text)
        if match and match.group(1) == assignment.name:
            return assignment if _multiplied_after(lines, assignment.line, match.group(1)) else None
    return _stored_on_a_neuron(lines, found)


def passed_through(trace: Trace, found: Assignment, path: str) -> Assignment | None:
    """`return g` of an activation layer's `backward(self, g)` that hands the gradient
    back as it came (ND110 in a list of layer objects): the slope belongs there, not in the
    `return g @ self.W.T` of the layer above that formed the value."""
    try:
        lines = read_source(path)[0].splitlines()
    except Exception:
        return None
    bare = re.compile(r"^\s*return\s+\w+\s*(#.*)?$")
    for assignment in trace.assignments:
        if assignment.line == found.line or assignment.name != "return":
            continue
        text = lines[assignment.line - 1] if 0 < assignment.line <= len(lines) else ""
        same = np.shape(assignment.value) == np.shape(found.value) and np.array_equal(
            assignment.value, found.value
        )
        if bare.match(text) and same:
            return assignment
    return None


_BIAS_GRADIENT = re.compile(r"^(g|d|grad|gr)_?(b|bias)\w*$", re.IGNORECASE)  # gb1, d_b2


def _stored_on_a_neuron(lines: list[str], found: Assignment) -> Assignment | None:
    """`h.delta = err` right after `err = sum(...)`: the delta a neuron object keeps, set
    from the sum as it is (the tracer sees names, not attributes), in the same block. Only
    asked of a delta lacking its derivative (ND110): the copy is where it belongs."""
    start = lines[found.line - 1] if 0 < found.line <= len(lines) else ""
    named = re.match(r"^\s*(\w+)\s*=[^=]", start)  # what a generator inside it yields
    name = named.group(1) if found.name == "return" and named else found.name
    stored = re.compile(rf"^\s*[\w.\[\]]+\.(\w+)\s*=\s*{re.escape(name)}\s*(#.*)?$")
    indent = len(start) - len(start.lstrip())
    for number in range(found.line, min(len(lines), found.line + 4)):
        text = lines[number]
        if text.strip() and len(text) - len(text.lstrip()) < indent:
            return None
        match = stored.match(text)
        if match and _BIAS_GRADIENT.match(match.group(1)):
            continue  # `self.gb1 = eh`: a bias's gradient taken from the delta, not the delta
        if match:  # `h.delta = err`, `u.err = back`: what the neuron's update then reads
            return Assignment(number + 1, match.group(1), found.value, function=found.function)
    return None


def delta_named_copy(trace: Trace, found: Assignment) -> Assignment | None:
    """`err = out - t` then `delta_out = out - t`: the same value formed again under a
    delta's name, in the same function, is the delta the bug is in (where a fix goes).
    Not a bias's gradient copied from it (`db1 = dz1` of one sample)."""
    if DELTA_NAME.search(found.name.split(".")[-1]):
        return None
    for assignment in trace.assignments:
        if (
            assignment.line > found.line
            and assignment.function == found.function
            and DELTA_NAME.search(assignment.name.split(".")[-1])
            and assignment.value.shape == found.value.shape
            and np.array_equal(assignment.value, found.value)
        ):
            return assignment
    return None


def _multiplied_after(lines: list[str], line: int, name: str) -> bool:
    """Whether `name` goes on into a product in the rest of its block (`dW1 = dZ1 @ X.T`):
    a delta, not a bias gradient copied as it is (`db1 = dz1` per sample)."""
    word = re.escape(name)
    product = re.compile(rf"\b{word}\b\s*(@|\.T\b|\.dot\()|(@|dot\()\s*{word}\b")
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    for text in lines[line:]:
        if text.strip() and len(text) - len(text.lstrip()) < indent:
            return False
        if product.search(text.split("#")[0]):
            return True
    return False


def loss_gradient(
    subject: Subject,
    trace: Trace,
    found: Assignment,
    targets: list[tuple[np.ndarray, np.ndarray]],
    m: int,
    signed: bool = True,
    handed: bool = False,
) -> Assignment | None:
    """A sign slipped in the loss's own gradient (`dinputs = (y / p - (1 - y) / (1 - p))`
    in a loss object's backward), formed in another function before the sigmoid's
    backward turned it into the delta `found` holds: the slip is there. (In one function,
    `error = y - out` beside `delta = error * ...` is the usual correct pair, so no.)
    `handed`: `found` is in a derivative helper handed the loss's gradient as an argument
    (`sigmoid_backward(dA2, cache)`), which the caller may form as a plain assignment."""
    try:
        _, tree = read_source(subject.path)
    except Exception:
        return None

    def enclosing(line: int) -> ast.AST | None:
        return innermost_function(tree, line)

    order = {id(a): i for i, a in enumerate(trace.assignments)}  # (arrays: no `==`)
    for wrong, right in targets:
        earlier = first_line_building(trace, wrong, right, m, signed=signed)
        if earlier is None or enclosing(earlier.line) == enclosing(found.line):
            continue
        if enclosing(earlier.line) is None and not handed:  # (a script's caller: handed only)
            continue
        # unsigned: a loss gradient a function or method returns (`return (p - y) / n`),
        # on a batch: `p - t` is `p` itself for one sample with t = 0
        if not signed and (m == 1 or not (handed or earlier.name.startswith("return"))):
            continue
        if order.get(id(earlier), -1) < order.get(id(found), -1):
            return earlier
    return None


def innermost_function(tree: ast.Module, line: int) -> ast.FunctionDef | None:
    """The innermost function whose lines hold `line` (None at top level)."""
    holding = [
        f
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef) and f.lineno <= line <= (f.end_lineno or f.lineno)
    ]
    return min(holding, key=lambda f: (f.end_lineno or f.lineno) - f.lineno, default=None)


def per_layer_method(trace: Trace, found: Assignment) -> bool:
    """Whether `found` is formed in a method every layer runs (`Dense.backward`, the
    output layer's branch of it, an activation layer's one-line `return dY * self.df(
    self.out)`): its function's lines ran more than once in the pass."""
    counts: dict[int, int] = {}
    names: dict[int, set[str]] = {}
    for assignment in trace.assignments:
        if assignment.function == found.function:
            counts[assignment.line] = counts.get(assignment.line, 0) + 1
            names.setdefault(assignment.line, set()).add(assignment.name)
    if found.line not in counts:
        return False
    # run again, not looped: its first line ran more than once (a loop over the samples
    # inside one run repeats the lines after it, `d3 = (a3 - y) * ...` of `for i in range(m)`)
    first = min(counts)
    return counts[first] >= 2 * len(names[first])


@dataclass(frozen=True)
class Ascent:
    """The output error whose sign, against updates all alike, makes each step climb."""

    line: int
    name: str
    updates_add: bool

    @property
    def message(self) -> str:
        if self.updates_add:
            return (
                f"the output error `{self.name}` is A - Y while every update adds (`+=`): "
                "each step climbs the loss. With updates that add, the error is Y - A."
            )
        return (
            f"the output error `{self.name}` is Y - A while every update subtracts (`-=`): "
            "each step climbs the loss. With updates that subtract, the error is A - Y."
        )


def error_behind_ascent(
    subject: Subject, trace: Trace, values: ParameterValues, m: int
) -> Ascent | None:
    """`layer_2_error = layer_2 - y` where every update adds (`syn1 += alpha * ...`, the
    blog convention whose error is `y - layer_2`), or `error = y - a2` where every update
    subtracts: the one line whose sign sets the whole step's direction, where the
    updates, all alike, are not the slip."""
    if subject.forward is None:
        return None
    try:
        text, tree = read_source(subject.path)  # a notebook's cells joined, as lines count
        lines = text.splitlines()
        output = np.asarray(subject.forward(values), dtype=np.float64).reshape(-1)
    except Exception:
        return None
    updates = [
        own_update_line(tree, name) or keyed_update_line(tree, name)
        for name in subject.structure.names
    ]
    written = [lines[u - 1] for u in updates if u is not None and 0 < u <= len(lines)]
    if len(written) != len(updates):
        return None
    adds = all("+=" in line for line in written)
    if not adds and not all("-=" in line for line in written):
        return None
    error = output - np.asarray(subject.Y, dtype=np.float64).reshape(-1)
    error = error if adds else -error
    for assignment in trace.assignments:
        value = np.asarray(assignment.value)
        if value.size == m and value.dtype.kind == "f" and np.allclose(value.reshape(-1), error):
            return Ascent(assignment.line, assignment.name, adds)
    return None


def summed_without_axis(path: str, token: str = "") -> int | None:
    """The first gradient set to a sum or mean with no axis (`self.b.grad = np.sum(g)`,
    `self.d_offset[...] = g.sum()`): one number for every unit, where the tracer, which
    sees names, does not see an attribute's value. With `token`, one whose name holds it
    (`d_offset` for `offset`)."""
    try:
        _, tree = read_source(path)
    except Exception:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
            continue
        call = node.value
        called = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        called = called or (call.func.id if isinstance(call.func, ast.Name) else "")
        method = isinstance(call.func, ast.Attribute) and not _module_call(call.func)
        whole = not call.keywords and len(call.args) == (0 if method else 1)
        target = node.targets[0]
        while isinstance(target, ast.Subscript):
            target = target.value
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        named = GRADIENT_NAME.match(name.lstrip("_")) and token.lower() in name.lower()
        if called in ("sum", "mean") and whole and named:
            return node.lineno
    return None


def _module_call(function: ast.Attribute) -> bool:
    """`np.sum(g)` rather than the method `g.sum()`."""
    return isinstance(function.value, ast.Name) and function.value.id in ("np", "numpy")


# `relu_grad`, `d_tanh`, `sigmoid_prime`, `tanh_deriv`: a derivative's helper, not `relu`
_DERIVATIVE_NAME = re.compile(r"prime|deriv|grad|slope|diff|backward|(^|_)d(_|$)|^d[a-z]")
# derivatives a helper of the right activation gets wrong in its own body
_WRONG_IN_THE_BODY = ("activation-for-derivative", "tanh-one-minus-a", "-form-on-activation")


def inside_the_helper(
    trace: Trace, bug: str, hidden: str | None, helpers: list[dict[str, Any]], path: str
) -> int | None:
    """The line a derivative helper returns from, when the slip is in its body: `relu_grad`
    of a ReLU network returning `np.where(z > 0, z, 0)` (the activation); a method reading
    the layer's own values (`self.a`) with no argument to get wrong; a helper computing
    sigma'(x) = s(x)(1 - s(x)) whose argument is named as the activation it is handed
    (`def hidden_derivative(a)`), or a(1 - a) from one named z. A helper of another
    activation (`sigmoid_prime` in a tanh network), or handed the wrong value for what its
    argument's name says, is wrongly called, not wrong."""
    helpers = [h for h in helpers if h["name"] not in _COMPREHENSIONS]  # (part of the line)
    helpers = [h for h in helpers if not _a_property(path, int(h["line"]))]  # `self.w2`
    if not helpers or hidden is None or bug == "mse-delta":  # (ND104: the slope is right)
        return None
    activation = re.split(r"[_(]", hidden)[0].lower()
    # one call line for every layer (`self.activation_prime(self.input)` of a generic
    # layer): the hidden layer's helper, and the fix is in it, not in the shared call
    dispatched = len(helpers) > 1 and _dispatched(path, helpers)
    if len(helpers) > 1 and not dispatched:
        return None  # `cost_derivative(a, y) * sigmoid_prime(z)`: the line's own mix
    if dispatched:
        named = {id(h): _named_for(path, h) for h in helpers}
        helpers = [h for h in helpers if activation in named[id(h)]] or [
            h for h in helpers if activation == "sigmoid" or "sigmoid" not in named[id(h)]
        ]
        if len(helpers) != 1:
            return None
    helper = helpers[0]
    name = str(helper["name"]).lower()
    derivative = activation in name and bool(_DERIVATIVE_NAME.search(name))
    if name == "<lambda>":  # filed under the activation's name: its derivative, by its place
        derivative = activation in _named_for(path, helper)
    argument = _first_argument(path, int(helper["line"]))
    if argument is None:
        return None
    on_activation = bool(_ACTIVATION_NAME.match(argument))
    # what the call hands it, as its name says (`self.activation_prime(self.input)` of a
    # generic layer hands z by design: an activation-form helper is then wrong in itself)
    handed = str((helper.get("arguments") or [""])[0]).split(".")[-1]
    # (`tanh_deriv(Z1)` at the call of a helper meant for A1: the call is wrong)
    fed_z = handed in ("input", "inputs", "inp") or (
        dispatched and bool(_PRE_ACTIVATION_NAME.match(handed))
    )
    misnamed = (
        (bug.endswith("-of-activation") and on_activation)
        or (
            bug.endswith("-of-preactivation")
            and (bool(_PRE_ACTIVATION_NAME.match(argument)) or fed_z)
        )
        # another activation's form, handed what it asks for, in a helper named or keyed
        # for the hidden layer's own (`"tanh": lambda a: a * (1 - a)`); `sigmoid_grad(h)`,
        # `squash_slope(hid)` of a tanh layer are right helpers miscalled
        or (
            bug.endswith("-form-on-activation")
            and on_activation
            and activation in _named_for(path, helper)
        )
    )
    empty = argument == "" or dispatched  # `self.dact()`: nothing handed to get wrong
    wrong_in_body = bug.endswith(_WRONG_IN_THE_BODY) or bug.startswith("derivative-of-")
    if empty or misnamed or (derivative and wrong_in_body):
        if helper["name"] == "<lambda>":
            return int(helper["line"])  # one line, its own
        start = int(helper["line"])
        end = _definition_end(path, start)  # (each layer class's `prime` is named alike)
        returned = [
            a.line
            for a in trace.assignments
            if a.function == helper["name"]
            and a.name.startswith("return")
            and start <= a.line <= end
        ]
        return returned[0] if returned else None
    return None


_COMPREHENSIONS = ("<listcomp>", "<genexpr>", "<dictcomp>", "<setcomp>")
# what a helper's argument is named for: the activation, or the pre-activation
_ACTIVATION_NAME = re.compile(r"^(a\d*|acts?|activations?|outs?|outputs?|h\d*|hidden|o|s)$", re.I)
_PRE_ACTIVATION_NAME = re.compile(r"^(z\d*|zs|pre\w*|net|logits?|u)$", re.I)


def _dispatched(path: str, helpers: list[dict[str, Any]]) -> bool:
    """Whether one call at the line runs another function for each layer: helpers named
    alike (each layer class's `activation_prime`, lambdas) or not named in the line."""
    names = [str(h["name"]) for h in helpers]
    if len(set(names)) < len(names):
        return True
    try:
        source, _ = read_source(path)
        text = source.splitlines()[int(helpers[0]["called_at"]) - 1]
    except Exception:
        return False
    return sum(name not in text for name in names) > 1


def chosen_by_alias(path: str, line: int, helper: str) -> int | None:
    """Where the derivative called at `line` under another name was chosen: `act_grad =
    ACTIVATIONS[cfg.get("act", "sigmoid")][1]` before `dz1 = dh * act_grad(z1)` calls the
    sigmoid's helper in a tanh network. The lookup is the slip, not the call."""
    try:
        source, tree = read_source(path)
    except Exception:
        return None
    text = source.splitlines()[line - 1] if 0 < line <= len(source.splitlines()) else ""
    called = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.lineno == line
        and n.func.id != helper
    }
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    bound = [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign)
        and n.lineno < line
        and not isinstance(n.value, ast.Lambda)
        and any(isinstance(t, ast.Name) and t.id in called - defined for t in n.targets)
    ]
    return max(bound) if bound and helper not in text else None


def _named_for(path: str, helper: dict[str, Any]) -> str:
    """A helper's name, lower case, with the classes and functions it is written in
    (`class Tanh: ... super().__init__(np.tanh, lambda x: 1 - x**2)`, `Tanh.prime`) and,
    for a lambda, the dict key it is filed under."""
    name = str(helper["name"]).lower()
    try:
        _, tree = read_source(path)
    except Exception:
        return name
    line = int(helper["line"])
    around = [
        node.name.lower()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef | ast.FunctionDef)
        and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    keys = [  # `{"tanh": lambda a: 1 - a**2}`, `{"tanh": (np.tanh, lambda a: ...)}`
        key.value.lower()
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and any(isinstance(n, ast.Lambda) and n.lineno == line for n in ast.walk(value))
    ]
    filed = [  # `ACT["tanh"] = (np.tanh, lambda a: ...)`, `tanh_d = lambda a: ...`
        ast.unparse(target).lower()
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(n, ast.Lambda) and n.lineno == line for n in ast.walk(node.value))
        for target in node.targets
    ]
    return " ".join([name, *around, *keys, *filed])


def holding(path: str, helpers: list[dict[str, Any]], line: int) -> list[dict[str, Any]]:
    """The helpers whose body holds `line` (the one a finding was placed in, of the several
    a generic layer's call line runs); all of them when none does."""
    held = [h for h in helpers if int(h["line"]) <= line <= _definition_end(path, int(h["line"]))]
    return held or helpers


def _defined_at(path: str, line: int) -> ast.FunctionDef | ast.Lambda | None:
    """The function defined (or decorated) at `line`, else a lambda written there."""
    try:
        _, tree = read_source(path)  # a notebook's cells joined, as lines count
    except Exception:
        return None
    lambdas = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and line in (
            node.lineno,
            *(d.lineno for d in node.decorator_list),
        ):
            return node
        if isinstance(node, ast.Lambda) and node.lineno == line:
            lambdas.append(node)
    return lambdas[0] if lambdas else None


def _a_property(path: str, line: int) -> bool:
    """Whether the function defined at `line` is a property getter (`self.w2` read in the
    delta's line runs it): a value read, no derivative helper."""
    node = _defined_at(path, line)
    return isinstance(node, ast.FunctionDef) and any(
        getattr(d, "id", None) == "property" or getattr(d, "attr", None) == "getter"
        for d in node.decorator_list
    )


def _definition_end(path: str, line: int) -> int:
    """The last line of the function defined (or decorated) at `line`."""
    node = _defined_at(path, line)
    return (node.end_lineno or line) if isinstance(node, ast.FunctionDef) else line


def _first_argument(path: str, line: int) -> str | None:
    """The first argument's name (but `self`) of the function or lambda defined at `line`
    (or decorated from it): "" when it takes none, None when no definition is there."""
    node = _defined_at(path, line)
    if node is None:
        return None
    skipped = ("self", "cls") if isinstance(node, ast.FunctionDef) else ()
    names = [a.arg for a in node.args.args if a.arg not in skipped]
    return names[0] if names else ""
