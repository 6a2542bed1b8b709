"""The last resort: find the network by the names of its functions, classes and arrays.

Used when following the user's run saw no training step (the file never trains, or its
run failed before the first step). Functions and methods are called with arguments bound
by name and role; see `plan`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.data import (
    DataVariant,
    ModuleData,
    canonical_data,
    data_variants,
    find_module_data,
    same_inputs,
)
from netdoctor.discover.binding import (
    Unbindable,
    positional_names,
)
from netdoctor.discover.common import (
    LAYOUT_ERRORS,
    DiscoverOptions,
    DiscoveryError,
    UserCodeError,
)
from netdoctor.discover.guess_classes import ClassesMixin
from netdoctor.discover.guess_functions import FunctionsMixin
from netdoctor.discover.helpers import (
    _assignment_line,
    _complete,
    _named_loss,
    _user_dtype,
)
from netdoctor.discover.plan import (
    CallPlan,
    _claim,
    _forward_callable,
    _loss_callable,
)
from netdoctor.load import LoadedModule
from netdoctor.structure import (
    StructureError,
    infer_structure,
)
from netdoctor.subject import Subject


class _Finder(FunctionsMixin, ClassesMixin):
    def __init__(self, module: LoadedModule, options: DiscoverOptions) -> None:
        self.module = module
        self.options = options
        self.ns = module.namespace
        self.path = module.path
        self.functions: dict[str, Callable[..., Any]] = {
            name: value
            for name, value in self.ns.items()
            if inspect.isfunction(value) and value.__code__.co_filename == self.path
        }
        self.classes: dict[str, type] = {
            name: value
            for name, value in self.ns.items()
            # an abstract base (`class Layer(ABC)` with abstract methods) has no instance
            if inspect.isclass(value)
            and value.__module__ == self.ns["__name__"]
            and not inspect.isabstract(value)
        }
        self.data: ModuleData = find_module_data(self.ns)
        self.user_lr = options.learning_rate
        if self.user_lr is None:
            for name in naming.LEARNING_RATE_NAMES:
                value = self.ns.get(name)
                if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                    self.user_lr = float(value)
                    break
        self.failures: list[str] = []

    # ----------------------------------------------------------------- entry point
    def find(self) -> Subject:
        subject = self._find()
        subject.loss_hint = _named_loss(self.module.tree, subject)
        if subject.loss is None:
            subject.output_loss = self._output_loss()
        subject.path = self.path
        subject.file_learning_rate = self.user_lr
        subject.labels_line = _assignment_line(self.module.tree, self.data.Y_name)
        subject.inputs_line = _assignment_line(self.module.tree, self.data.X_name)
        for slot in subject.structure.slots:
            line = _assignment_line(self.module.tree, slot.name.split("[")[0].split(".")[-1])
            if line is not None:
                subject.parameter_lines[slot.name] = line
        return subject

    def _output_loss(self) -> tuple[str, Callable[..., Any]] | None:
        for name, function in self.functions.items():
            lowered = name.lower()
            if not naming.LOSS_FUNCTION.search(name) or "deriv" in lowered or "grad" in lowered:
                continue
            if len(positional_names(function)) == 2:
                return name, function
        return None

    def _find(self) -> Subject:
        opts = self.options
        if opts.network_class:
            cls = self.classes.get(opts.network_class)
            if cls is None:
                raise DiscoveryError(
                    "no-network", f"--class {opts.network_class}: no such class in the file."
                )
            return self._class_subject(cls)
        if opts.gradients and opts.gradients not in self.functions:
            for cls in self.classes.values():
                if hasattr(cls, opts.gradients):
                    return self._class_subject(cls)
            raise DiscoveryError(
                "no-network",
                f"--gradients {opts.gradients}: no such function or method in the file.",
            )
        if not opts.gradients:
            for cls in self._network_classes():
                try:
                    return self._class_subject(cls)
                except (DiscoveryError, StructureError, Unbindable) as error:
                    self.failures.append(f"class {cls.__name__}: {error}")
        subject = self._function_subject()
        if subject is not None:
            return subject
        if not opts.gradients:
            script = self._script_subject()
            if script is not None:
                return script
        raise DiscoveryError("no-network", self._nothing_found_message())

    # ----------------------------------------------------------------- common
    def _build_subject(self, plan: CallPlan, style: str, description: str) -> Subject:
        named = plan.store.named_values()
        input_dims = self._input_dim_guesses()
        structure = infer_structure(named, input_dims[0] if self.data.X is not None else None)
        X, Y, source = canonical_data(self.data, structure.layer_sizes[0], self.options.seed)
        variants = data_variants(X, Y, structure.layout, self.data)
        if plan.per_sample:
            variants = [v for v in variants if v.samples] + [v for v in variants if not v.samples]
        chosen: DataVariant | None = None
        partial: DataVariant | None = None
        first_error: UserCodeError | None = None
        failures: list[str] = []
        initial = dict(plan.store.initial)
        tried: list[DataVariant] = []
        for variant in variants:
            if any(same_inputs(variant, earlier) for earlier in tried):
                continue  # the user's code would only do again what it just did
            tried.append(variant)
            try:
                claimed = _claim(plan, variant, initial, structure, self.path)
            except UserCodeError as error:
                if not isinstance(error.error, LAYOUT_ERRORS):
                    raise  # another form of the data cannot help: stop calling the code
                first_error = first_error or error
                failures.append(f"{variant.label}: {error}")
                continue
            if not claimed.gradients:
                failures.append(f"{variant.label}: returned nothing that matches the parameters")
                continue
            # Unreduced bias gradients (ND108) count only with the user's own batch: per-sample
            # code handed a batch by us looks exactly like that and is not a bug.
            own_batch = variant.label == "your arrays"
            if _complete(claimed.gradients, structure, variant.X.shape[0] if own_batch else 1):
                chosen = variant
                break
            # Broadcasting can let per-sample code run on a batch and return biases of the
            # wrong shape; a later variant may fit every parameter.
            partial = partial or variant
            failures.append(f"{variant.label}: some gradients missing or misshapen")
        chosen = chosen or partial
        if chosen is None:
            if first_error is not None:
                raise first_error
            raise DiscoveryError("no-network", "; ".join(failures))
        variant = chosen
        subject = Subject(
            style=style,
            returned_gradients=style in ("gradient function", "forward + backward"),
            description=description,
            structure=structure,
            initial=initial,
            X=variant.X,
            Y=variant.Y,
            data_source=source if variant.label == "your arrays" else f"{source}; {variant.label}",
            claimed=lambda values: _claim(plan, variant, values, structure, self.path),
            forward=_forward_callable(plan, variant, self.path),
            loss=_loss_callable(plan, variant, self.path),
            functions=plan.functions,
            learning_rate=plan.learning_rate,
            user_dtype=_user_dtype(initial),
            user_Y_shape=tuple(np.shape(self.data.Y)) if self.data.Y is not None else None,
        )
        subject.per_sample = bool(variant.samples)
        if variant is not variants[0]:
            subject.data_failures = failures
        return subject

    def _nothing_found_message(self) -> str:
        seen = [
            f"def {name}{inspect.signature(fn)}  (line {fn.__code__.co_firstlineno})"
            for name, fn in self.functions.items()
        ] + [f"class {name}" for name in self.classes]
        lines = [
            "found no network to check.",
            "Looked for: a function returning gradients (backprop, backward, gradients, ...), "
            "a forward + backward pair, a function that updates weights given a learning rate, "
            "a class with weight attributes and an update method, or a top-level training loop "
            "that updates module-level weights.",
            "Seen in the file: " + ("; ".join(seen) if seen else "no functions or classes"),
        ]
        if self.failures:
            lines.append("Tried: " + "; ".join(self.failures[:6]))
        lines.append(
            "Point netdoctor at your code with --gradients NAME (the function or method that "
            "computes gradients or updates the weights), --forward NAME, --class NAME."
        )
        return "\n".join(lines)


def discover(module: LoadedModule, options: DiscoverOptions | None = None) -> Subject:
    return _Finder(module, options or DiscoverOptions()).find()
