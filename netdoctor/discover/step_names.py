"""What a loop body's syntax says about the data it reads: the names it binds to slices
of the data set (a batch, a sample), the inputs it makes and multiplies by a weight, the
items it reads with the loop's own index, and the names it indexes with."""

from __future__ import annotations

import ast
from types import CodeType

from netdoctor.discover.loops import binds, loop_targets, pass_variables


def sliced_names(body: list[ast.stmt]) -> set[str]:
    """Names the body binds to slices of other arrays: `xb = X[idx]`, `x, t = X[i], Y[i]`."""
    names: set[str] = set()
    for statement in body:
        for node in ast.walk(statement):
            if not isinstance(node, ast.Assign):
                continue
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            for target in node.targets:
                targets = target.elts if isinstance(target, ast.Tuple) else [target]
                if len(targets) == len(values):
                    names |= {
                        t.id
                        for t, v in zip(targets, values, strict=True)
                        if isinstance(t, ast.Name) and cut_from(v)
                    }
    return names


def made_and_multiplied(body: list[ast.stmt], weights: set[str]) -> set[str]:
    """Names the body binds and multiplies by a weight (`noisy = X + noise`, then
    `noisy @ W_ih`): the inputs this pass feeds the network, made from the data set (jitter,
    a normalisation, a random pick), not the data set itself."""
    bound = {
        target.id
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found: set[str] = set()
    for statement in body:
        for node in ast.walk(statement):
            pair: list[ast.expr] = []
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                pair = [node.left, node.right]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr == "dot" and len(node.args) == 2:
                    pair = list(node.args)  # np.dot(x, W)
                elif node.func.attr == "dot" and len(node.args) == 1:
                    pair = [node.func.value, node.args[0]]  # x.dot(W)
            names = [_operand_name(operand) for operand in pair]
            if any(name in weights for name in names):
                found |= {name for name in names if name in bound and name not in weights}
    return found


def _operand_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute) and node.attr == "T":
        node = node.value
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def cut_from(value: ast.expr) -> bool:
    """A slice, reshaped or transposed on the way (`x = X[i].reshape(-1, 1)`,
    `x = np.array(X[i], ndmin=2).T`, `xb = X[idx].T`): one sample or one batch of the set."""
    for _ in range(4):
        if isinstance(value, ast.Attribute):
            value = value.value
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            owner = value.func.value
            is_module = isinstance(owner, ast.Name) and owner.id in ("np", "numpy")
            if is_module and value.args:
                value = value.args[0]  # np.array(X[i], ndmin=2), np.reshape(X[i], ...)
            elif not is_module:
                value = owner  # X[i].reshape(-1, 1), X[i].copy()
            else:
                return False
        else:
            break
    return isinstance(value, ast.Subscript)


def indexed_by_the_loop(
    body: list[ast.stmt], loop: ast.For | ast.While, filename: str
) -> dict[str, CodeType]:
    """`answers[k]` read inline with the loop's own variable (`for k in range(len(X))`):
    one sample's target (or input) no name holds, read by its source text."""
    variables = pass_variables(loop)
    inner = {
        name
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.For)
        for name in loop_targets(node)
    }
    found: dict[str, CodeType] = {}
    for statement in body:
        for node in ast.walk(statement):
            if not (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name)
            ):
                continue
            if isinstance(node.slice, ast.Name) and node.slice.id in variables:
                source = ast.unparse(node)
                found[source] = compile(ast.Expression(node), filename, "eval")
            elif (sample := _sample_of_entry(node, variables, inner)) is not None:
                found[ast.unparse(sample)] = compile(ast.Expression(sample), filename, "eval")
    return found


def _sample_of_entry(
    node: ast.Subscript, variables: frozenset[str], inner: set[str]
) -> ast.expr | None:
    """`PAT[i, p]` read unit by unit in a loop over inputs `i`, `p` the pass's sample: the
    whole sample is `PAT[:, p]`, each inner loop's index a full slice."""
    if not isinstance(node.slice, ast.Tuple) or not node.slice.elts:
        return None
    keys = node.slice.elts
    if sum(isinstance(k, ast.Name) and k.id in variables for k in keys) != 1:
        return None
    if not all(
        isinstance(k, ast.Slice) or (isinstance(k, ast.Name) and k.id in variables | inner)
        for k in keys
    ):
        return None
    whole = [k if isinstance(k, ast.Name) and k.id in variables else ast.Slice() for k in keys]
    sample = ast.Subscript(node.value, ast.Tuple(whole, ast.Load()), ast.Load())
    return ast.fix_missing_locations(ast.copy_location(sample, node))


def index_names(body: list[ast.stmt]) -> set[str]:
    """Names the body indexes arrays with (`idx` of `X[idx]`, `i` of `X[i:i + 32]`)."""
    return {
        name.id
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Subscript)
        for name in ast.walk(node.slice)
        if isinstance(name, ast.Name)
    }


def counters(loop: ast.For | ast.While) -> set[str]:
    """The loop's counters: `i` of `for i in range(n)` or of `for i, row in
    enumerate(rows)`. A number the pass sees, but no sample's target (a tutorial that
    samples `x_i, y_i = X[idx:idx + 1], y[idx:idx + 1]` in `for i in range(20000)`)."""
    if not isinstance(loop, ast.For) or not isinstance(loop.iter, ast.Call):
        return set()
    called = loop.iter.func
    name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
    if name in ("range", "trange") and isinstance(loop.target, ast.Name):
        return {loop.target.id}
    target = loop.target
    if name == "enumerate" and isinstance(target, ast.Tuple) and target.elts:
        first = target.elts[0]
        return {first.id} if isinstance(first, ast.Name) else set()
    return set()


# Modules whose functions a step calls (`np.mean(...)`): their attribute names are no
# data the step reads (a global `mean`, the training set's, was taken for the inputs).
MODULE_ALIASES = frozenset({"np", "numpy", "math", "random", "plt", "scipy", "pd", "time", "os"})


def names_used(node: ast.AST) -> set[str]:
    used: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            used.add(child.id)
        elif isinstance(child, ast.Attribute) and not (
            isinstance(child.value, ast.Name) and child.value.id in MODULE_ALIASES
        ):
            used.add(child.attr)
    return used


def assigned_line(tree: ast.Module, name: str) -> int | None:
    """Where the file assigns `name` (`X`, `nn.input` -> `input`): top level first."""
    base = name.split(".")[-1]
    if not base:
        return None

    def assigns(node: ast.AST) -> bool:
        return isinstance(node, ast.Assign | ast.AnnAssign) and binds(node, base)

    for node in tree.body:
        if assigns(node):
            return node.lineno
    lines = [n.lineno for n in ast.walk(tree) if assigns(n)]
    return min(lines) if lines else None


def overwritten_slices(body: list[ast.stmt]) -> dict[str, CodeType]:
    """Slices the body binds to a name it rebinds later in the pass (`output = X[j:j + 1]`,
    then `output = layer.forward(output)`): the name ends the pass holding something else,
    so the slice is read by its source text."""
    assigned: dict[str, list[ast.expr]] = {}
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
    found: dict[str, CodeType] = {}
    for values in assigned.values():
        if len(values) > 1 and cut_from(values[0]):
            source = ast.unparse(values[0])
            found[source] = compile(ast.Expression(values[0]), "<netdoctor>", "eval")
    return found


def compared_slices(body: list[ast.stmt]) -> dict[str, CodeType]:
    """A sample of the targets read inline where the output meets it (`(layer_2 -
    walk_vs_stop[i:i+1]) ** 2`, `(out - Y[:, j])`): cut from a name, subtracted from
    something, and never bound to a name of its own."""
    found: dict[str, CodeType] = {}
    for statement in body:
        for node in ast.walk(statement):
            if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub)):
                continue
            for side in (node.left, node.right):
                if isinstance(side, ast.Subscript) and _rooted_in_a_name(side.value):
                    if cut_from(side):  # (`samples[idx][1]`: a pair's target)
                        source = ast.unparse(side)
                        found[source] = compile(ast.Expression(side), "<netdoctor>", "eval")
    return found


def _rooted_in_a_name(value: ast.expr) -> bool:
    """`Y` of `Y[i]`, or `samples[idx]` of `samples[idx][1]`: a name, sliced at most once."""
    if isinstance(value, ast.Subscript):
        value = value.value
    return isinstance(value, ast.Name)


def gathered_by_inner_loops(
    body: list[ast.stmt], filename: str, weights: set[str]
) -> tuple[dict[str, CodeType], set[str]]:
    """The batch a pass walks one sample at a time, accumulating (`for k in idx: x, t =
    X[k], y[k]`, `for i in range(s, s + 16)`, `for x, t in zip(X[idx], y[idx])`), as the
    source of the slice no name holds (`X[idx]`, `X[s:s + 16]`), compiled; and the names
    bound to one sample of it (`x`, `t`), which are not the step's data: the step is the
    pass, whose one update follows the whole batch. `weights` are never data: `W1[j]` of
    `for j in range(0, n_hidden)` is a unit's row."""
    found: dict[str, CodeType] = {}
    samples: set[str] = set()
    for statement in body:
        for loop in (n for n in ast.walk(statement) if isinstance(n, ast.For)):
            made = [e for e in _inner_batches(loop) if ast.unparse(e.value) not in weights]
            if not made:
                continue
            for expression in made:
                found[ast.unparse(expression)] = compile(
                    ast.Expression(expression), filename, "eval"
                )
            samples |= {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
            samples |= {
                n.id
                for inner in ast.walk(loop)
                if isinstance(inner, ast.Assign) and any(cut_from(v) for v in _values(inner))
                for target in inner.targets
                for n in ast.walk(target)
                if isinstance(n, ast.Name)
            }
    return found, samples


def _values(node: ast.Assign) -> list[ast.expr]:
    return list(node.value.elts) if isinstance(node.value, ast.Tuple) else [node.value]


def _inner_batches(loop: ast.For) -> list[ast.expr]:
    """The slices of the data a loop over a batch's indices (or its zipped rows) reads."""
    iterable = loop.iter
    target = loop.target
    if (  # `for i, idx in enumerate(order[s:s + 16]): ... X[idx]`: the indices, numbered
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "enumerate"
        and iterable.args
        and isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[1], ast.Name)
        and _reads_indexed_by(loop, target.elts[1].id)
    ):
        iterable, target = iterable.args[0], target.elts[1]
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name):
        if iterable.func.id in ("zip", "enumerate"):
            return [a for a in iterable.args if isinstance(a, ast.Subscript)]
        if iterable.func.id != "range" or len(iterable.args) < 2:
            return []  # `range(n_hidden)`: the units, not a batch
        index: ast.expr = ast.Slice(*iterable.args[:3])
    elif isinstance(iterable, ast.Name | ast.Subscript | ast.Attribute):
        index = iterable
    else:
        return []
    if not isinstance(target, ast.Name):
        return []
    read = _reads_indexed_by(loop, target.id)
    columns = _reads_indexed_by(loop, target.id, columns=True) - read  # `X[:, [i]]`
    return [
        ast.fix_missing_locations(ast.Subscript(ast.Name(name, ast.Load()), index, ast.Load()))
        for name in sorted(read)
    ] + [
        ast.fix_missing_locations(
            ast.Subscript(
                ast.Name(name, ast.Load()),
                ast.Tuple([ast.Slice(), index], ast.Load()),
                ast.Load(),
            )
        )
        for name in sorted(columns)
    ]


def _reads_indexed_by(loop: ast.For, variable: str, columns: bool = False) -> set[str]:
    """The names the loop reads at `variable` (`X` and `Y` of `X[idx]`, `Y[idx]`); with
    `columns`, the names it reads one column of (`X` of `X[:, [i]]`)."""
    found: set[str] = set()
    for node in ast.walk(loop):
        if not (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
        ):
            continue
        index = node.slice
        if columns:
            hit = isinstance(index, ast.Tuple) and _one_sample_at(index, variable)
        else:
            hit = isinstance(index, ast.Name) and index.id == variable
        if hit:
            found.add(node.value.id)
    return found


def pairs_walked(body: list[ast.stmt]) -> tuple[set[str], set[str]]:
    """A full batch of `(x, t)` pairs the pass walks sample by sample, accumulating (`for
    x, y in DATA:` inside `for it in range(400):`): the names of the lists walked, and the
    names bound to one sample of them (not the step's data: the pass is the step)."""
    walked: set[str] = set()
    bound: set[str] = set()
    for statement in body:
        for loop in (n for n in ast.walk(statement) if isinstance(n, ast.For)):
            arrays, samples = _sample_walk(loop)
            walked |= arrays
            bound |= samples
    return walked, bound


def _sample_walk(loop: ast.For) -> tuple[set[str], set[str]]:
    """What a loop over every sample walks and binds per sample: a list of `(x, t)` pairs
    (`for x, y in DATA:`), or arrays taken a sample at a time by index."""
    target = loop.target
    if isinstance(loop.iter, ast.Name) and isinstance(target, ast.Tuple) and len(target.elts) == 2:
        return {loop.iter.id}, {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return _every_sample_by_index(loop)


def bound_per_sample(body: list[ast.stmt]) -> set[str]:
    """Names bound inside a loop that walks every sample of the step (`a2` of `for i in
    range(m): x = X[:, [i]]; ... a2 = sigmoid(...)`): the last sample's, never the batch's
    output, however many entries it happens to have."""
    found: set[str] = set()
    for statement in body:
        for loop in (n for n in ast.walk(statement) if isinstance(n, ast.For)):
            if _sample_walk(loop)[0]:
                found |= {
                    n.id
                    for node in ast.walk(loop)
                    if isinstance(node, ast.Assign)
                    for target in node.targets
                    for n in ast.walk(target)
                    if isinstance(n, ast.Name)
                }
    return found


def _every_sample_by_index(loop: ast.For) -> tuple[set[str], set[str]]:
    """`for i in range(m): x = X[:, [i]]; y = Y[:, [i]]; ... dW1 += ...`: every sample of
    the arrays, one column (or row) at a time, summed into gradients: the arrays are the
    step's batch, and `x`, `y` (and `i`) one sample of it. Only a loop that takes a sample
    into a name and adds into sums (a loop over units does neither)."""
    if not (
        isinstance(loop.iter, ast.Call)
        and isinstance(loop.iter.func, ast.Name)
        and loop.iter.func.id == "range"
        and len(loop.iter.args) == 1
        and isinstance(loop.target, ast.Name)
    ):
        return set(), set()
    index = loop.target.id
    arrays: set[str] = set()
    samples: set[str] = set()
    for node in (n for statement in loop.body for n in ast.walk(statement)):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        pairs = (  # `x, y = X[:, [i]], Y[:, [i]]` as well as `x = X[:, [i]]`
            list(zip(target.elts, value.elts, strict=False))
            if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
            else [(target, value)]
        )
        for name, taken in pairs:
            if (
                isinstance(name, ast.Name)
                and isinstance(taken, ast.Subscript)
                and isinstance(taken.value, ast.Name)
                and _one_sample_at(taken.slice, index)
            ):
                arrays.add(taken.value.id)
                samples.add(name.id)
    summed = any(
        isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add)
        for statement in loop.body
        for n in ast.walk(statement)
    )
    if not arrays or not summed:
        return set(), set()
    return arrays, samples | {index}


def _one_sample_at(index: ast.expr, variable: str) -> bool:
    """`[i]`, `i:i + 1`, `:, [i]`, `:, i:i + 1`, `:, i` or `i` itself: one sample at `i`."""
    parts = list(index.elts) if isinstance(index, ast.Tuple) else [index]
    if len(parts) == 2 and isinstance(parts[0], ast.Slice) and parts[0].lower is None:
        parts = parts[1:]  # the column of `X[:, [i]]`
    if len(parts) != 1:
        return False
    part = parts[0]
    if isinstance(part, ast.List) and len(part.elts) == 1:
        part = part.elts[0]
    elif isinstance(part, ast.Slice):
        part = part.lower if part.lower is not None else part
    return isinstance(part, ast.Name) and part.id == variable


def grouped_targets(loop: ast.For | ast.While, filename: str) -> dict[str, CodeType]:
    """`for (x1, x2), t in zip(points, classes):` unpacks each sample's inputs into numbers:
    the sample is `[x1, x2]`, which no name holds (shown as `(x1, x2)`), compiled."""
    if not isinstance(loop, ast.For) or not isinstance(loop.target, ast.Tuple):
        return {}
    found: dict[str, CodeType] = {}
    for element in loop.target.elts:
        if (
            isinstance(element, ast.Tuple | ast.List)
            and len(element.elts) > 1
            and all(isinstance(e, ast.Name) for e in element.elts)
        ):
            names = [e.id for e in element.elts if isinstance(e, ast.Name)]
            listed = ast.Expression(ast.List([ast.Name(n, ast.Load()) for n in names], ast.Load()))
            found[f"({', '.join(names)})"] = compile(
                ast.fix_missing_locations(listed), filename, "eval"
            )
    return found
