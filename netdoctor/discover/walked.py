"""Which arrays a loop's variable walks: `p` of `for p, g in zip(params, grads)` stands for
the items of `params`, `param` of `for name, param, grad in (("V", V, dV), ...)` for V, c,
W and b in turn. Updates through the variable are updates of what it walks."""

from __future__ import annotations

import ast

from netdoctor.discover.stepping import target_key


def walked_pairs(target: ast.expr, iterable: ast.expr) -> list[tuple[str, str]]:
    """(loop variable, container name) of `for p in params`, `for p, g in zip(params,
    grads)` and `for k, p in self.params.items()`."""
    if isinstance(target, ast.Name) and isinstance(iterable, ast.Name | ast.Attribute):
        return [(target.id, target_key(iterable))]
    if (  # for k, p in params.items()
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[1], ast.Name)
        and isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Attribute)
        and iterable.func.attr == "items"
    ):
        return [(target.elts[1].id, target_key(iterable.func.value))]
    if (  # for i, (p, g) in enumerate(zip(params, grads))
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "enumerate"
        and len(iterable.args) == 1
    ):
        return walked_pairs(target.elts[1], iterable.args[0])
    if (
        isinstance(target, ast.Tuple)
        and isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "zip"
        and len(target.elts) == len(iterable.args)
    ):
        return [  # `zip(params, grads)`, `zip(self.params, self.grads, self.v)`, and
            # `zip(self.v, self.params)` walked as `v, (p, g)`: a list of (array, grad)
            # pairs; `zip((W1, b1), (gW1, gb1))` walks the arrays written out
            (name.id, target_key(walked))
            for element, argument in zip(target.elts, iterable.args, strict=True)
            for walked in _containers(argument)
            for name in (element.elts if isinstance(element, ast.Tuple) else [element])
            if isinstance(name, ast.Name)
        ]
    if isinstance(iterable, ast.List | ast.Tuple):  # `for p in [W, b]`, or written out in
        return _written_out_pairs(target, iterable)  # tuples: `(("V", V, dV), ("c", c, dc))`
    return []


def _containers(argument: ast.expr) -> list[ast.Name | ast.Attribute]:
    """What one argument of `zip` walks: the container it names, or each array of a
    sequence written out in place."""
    if isinstance(argument, ast.Name | ast.Attribute):
        return [argument]
    if isinstance(argument, ast.List | ast.Tuple):
        return [e for e in argument.elts if isinstance(e, ast.Name | ast.Attribute)]
    return []


def _written_out_pairs(target: ast.expr, iterable: ast.List | ast.Tuple) -> list[tuple[str, str]]:
    """(loop variable, name) for each array a loop over a written-out sequence walks: one
    pair per item, so that `param` of `for name, param, grad in (("V", V, dV), ...)` stands
    for V, c, W and b in turn."""
    pairs: list[tuple[str, str]] = []
    for item in iterable.elts:
        if isinstance(target, ast.Name) and isinstance(item, ast.Name | ast.Attribute):
            pairs.append((target.id, target_key(item)))
        elif (
            isinstance(target, ast.Tuple)
            and isinstance(item, ast.Tuple | ast.List)
            and len(item.elts) == len(target.elts)
        ):
            pairs += [
                (variable.id, target_key(element))
                for variable, element in zip(target.elts, item.elts, strict=True)
                if isinstance(variable, ast.Name) and isinstance(element, ast.Name | ast.Attribute)
            ]
    return pairs
