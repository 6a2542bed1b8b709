"""Find the network in a user's namespace, whatever style it is written in.

Styles (DESIGN.md, "Styles of user code"): a function that returns gradients (the
exercise's `backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2)` and its variants);
`forward` + `backward` with a cache; a function that updates weights given a learning
rate and returns them; a class whose method updates weight attributes in place; per-sample
code on 1-D vectors with scalar biases; and a plain script whose training loop sits at top
level. Each becomes a `Subject` via a `CallPlan`: an optional forward step, then a step
that returns gradients or updated parameters (gradients = (before - after) / lr).
"""

from __future__ import annotations

import ast
import inspect
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.binding import (
    Unbindable,
    bind_arguments,
    find_output,
    match_results,
    positional_names,
    returned_names,
    role_of,
)
from netdoctor.data import DataVariant, ModuleData, canonical_data, data_variants, find_module_data
from netdoctor.floats import user_errstate
from netdoctor.load import LoadedModule
from netdoctor.store import ParameterLocation, Store
from netdoctor.structure import (
    NetworkStructure,
    StructureError,
    infer_structure,
    is_parameter_value,
)
from netdoctor.subject import ClaimedGradients, ParameterValues, Subject, UserFunction

DEFAULT_LEARNING_RATE = 0.1


@dataclass
class DiscoverOptions:
    """Names that point discovery at the right code when the file is ambiguous."""

    gradients: str | None = None  # function or method computing gradients or doing one update
    forward: str | None = None
    network_class: str | None = None
    loss_function: str | None = None
    hidden: int = 4
    learning_rate: float | None = None
    seed: int = 0


class DiscoveryError(Exception):
    """No network, or more than one, or the user's code raised while we looked."""

    def __init__(self, kind: str, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.line = line


class UserCodeError(Exception):
    """The user's code raised while called with every plausible form of the data."""

    def __init__(self, error: BaseException, path: str, what: str) -> None:
        self.error = error
        self.frames = user_frames(error, path)
        self.line = self.frames[-1][0] if self.frames else None
        where = "".join(f"\n  line {line} in {func}: {text}" for line, func, text in self.frames)
        super().__init__(f"{what} raised {type(error).__name__}: {error}{where}")


def user_frames(error: BaseException, path: str) -> list[tuple[int, str, str]]:
    return [
        (frame.lineno or 0, frame.name, (frame.line or "").strip())
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename == path
    ]


@dataclass
class CallPlan:
    """How to run the user's code once: optional forward step, then gradient or update step."""

    store: Store
    main: Callable[..., Any]
    forward: Callable[..., Any] | None = None
    feed_forward_results: bool = False
    mode: str = "gradients"  # or "update"
    learning_rate: float | None = None
    instance: Any = None
    per_sample: bool = False
    loss: Callable[..., Any] | None = None
    functions: list[UserFunction] = field(default_factory=list)


@dataclass
class PlanRun:
    result: Any
    kwargs: dict[str, Any]
    handed: dict[str, Any]
    output: np.ndarray | None
    mutated_forward_values: list[str] = field(default_factory=list)


def _arrays_in(result: Any, prefix: str = "forward") -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(label, array, copy) for every array a forward pass returned, caches included."""
    found: list[tuple[str, np.ndarray, np.ndarray]] = []
    if isinstance(result, np.ndarray):
        found.append((prefix, result, result.copy()))
    elif isinstance(result, dict):
        for key, value in result.items():
            found += _arrays_in(value, f"{prefix}[{key!r}]")
    elif isinstance(result, tuple | list):
        for index, value in enumerate(result):
            found += _arrays_in(value, f"{prefix}[{index}]")
    return found


class _Finder:
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
            if inspect.isclass(value) and value.__module__ == self.ns["__name__"]
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

    # ----------------------------------------------------------------- functions
    def _function_subject(self) -> Subject | None:
        if self.options.gradients:
            candidates = [self.options.gradients]
        else:
            candidates = self._gradient_candidates() + self._update_candidates()
        successes: list[Subject] = []
        errors: list[UserCodeError] = []
        for name in candidates:
            try:
                successes.append(self._subject_for_function(name))
            except UserCodeError as error:
                errors.append(error)
            except (DiscoveryError, StructureError, Unbindable) as error:
                self.failures.append(f"{name}: {error}")
        successes = self._drop_callees(successes)
        gradient_styles = [s for s in successes if s.style != "update function"]
        if gradient_styles:
            successes = gradient_styles
        if len(successes) > 1:
            names = ", ".join(s.functions[-1].name for s in successes)
            raise DiscoveryError(
                "ambiguous",
                f"found {len(successes)} networks ({names}); say which one to check with "
                f"--gradients NAME (and --forward NAME if it has a separate forward).",
            )
        if successes:
            return successes[0]
        if errors:
            raise errors[0]
        return None

    def _drop_callees(self, subjects: list[Subject]) -> list[Subject]:
        """A gradient function called by another candidate is a helper, not a second network."""
        main_names = {s.functions[-1].name for s in subjects}
        called: set[str] = set()
        for name in main_names:
            function = self.functions.get(name)
            if function is not None:
                called |= set(function.__code__.co_names) & (main_names - {name})
        return [s for s in subjects if s.functions[-1].name not in called]

    def _gradient_candidates(self) -> list[str]:
        names = []
        for name, function in self.functions.items():
            args = positional_names(function)
            if not naming.BACKWARD_FUNCTION.search(name) or _is_helper(name, args):
                continue
            if any(role_of(a) == "learning_rate" for a in args):
                continue
            names.append(name)
        return names

    def _update_candidates(self) -> list[str]:
        names = []
        for name, function in self.functions.items():
            args = positional_names(function)
            if not naming.UPDATE_FUNCTION.search(name) or _is_helper(name, args):
                continue
            if not any(role_of(a) == "learning_rate" for a in args):
                continue
            if any("grad" in a.lower() for a in args):
                continue  # update_parameters(params, grads, lr) applies gradients only
            names.append(name)
        return names

    def _forward_function(self, exclude: str) -> Callable[..., Any] | None:
        if self.options.forward:
            function = self.functions.get(self.options.forward)
            if function is None:
                raise DiscoveryError(
                    "no-network", f"--forward {self.options.forward}: no such function."
                )
            return function
        for name, function in self.functions.items():
            if name != exclude and naming.FORWARD_FUNCTION.match(name):
                return function
        for name, function in self.functions.items():
            if name != exclude and "forward" in name.lower() and "backward" not in name.lower():
                return function
        return None

    def _loss_function(self) -> Callable[..., Any] | None:
        if self.options.loss_function:
            return self.functions.get(self.options.loss_function)
        for name, function in self.functions.items():
            if naming.LOSS_FUNCTION.search(name) and "deriv" not in name.lower():
                if "grad" not in name.lower() and "prime" not in name.lower():
                    return function
        return None

    def _subject_for_function(self, name: str) -> Subject:
        main = self.functions[name]
        args = positional_names(main)
        mode = "update" if any(role_of(a) == "learning_rate" for a in args) else "gradients"
        forward = self._forward_function(exclude=name)
        forward_names = set(returned_names(forward)) if forward else set()
        needs_forward = forward is not None and any(
            role_of(a) in ("cache", "output") or (a in forward_names and a not in self.ns)
            for a in args
        )
        steps = [forward, main] if needs_forward and forward else [main]
        store = self._function_store(steps, all_functions=[main] + ([forward] if forward else []))
        plan = CallPlan(
            store=store,
            main=main,
            forward=forward,
            feed_forward_results=needs_forward,
            mode=mode,
            learning_rate=self.user_lr or DEFAULT_LEARNING_RATE if mode == "update" else None,
            per_sample=_iterates_over_samples(main),
            loss=self._loss_function(),
        )
        plan.functions = [
            UserFunction(f.__name__, f.__code__.co_firstlineno, role)
            for f, role in (
                (forward, "forward"),
                (plan.loss, "loss"),
                (main, "update" if mode == "update" else "gradients"),
            )
            if f is not None
        ]
        style = {
            "update": "update function",
            "gradients": "forward + backward" if needs_forward else "gradient function",
        }[mode]
        return self._build_subject(plan, style, f"`{name}` ({style})")

    def _function_store(
        self, steps: list[Callable[..., Any]], all_functions: list[Callable[..., Any]]
    ) -> Store:
        args: list[str] = []
        for step in steps:
            args += [a for a in positional_names(step) if a not in args]
        locations: list[ParameterLocation] = []
        initial: dict[str, Any] = {}
        containers: dict[str, Any] = {}
        missing: list[str] = []
        for arg in args:
            if role_of(arg) not in (None, "output"):
                continue
            value = self.ns.get(arg)
            if arg in naming.PARAMS_CONTAINER_NAMES + naming.BIASES_CONTAINER_NAMES:
                if value is None or not _is_container(value):
                    value = self._initialise_container(arg)
                if value is not None and _is_container(value):
                    containers[arg] = value
                    for key, item in _container_items(value):
                        label = key if isinstance(value, dict) else f"{arg}[{key}]"
                        kind = "dict" if isinstance(value, dict) else "list"
                        locations.append(ParameterLocation(label, kind, arg, key))
                        initial[label] = _copy(item)
                    continue
            if _looks_parameter(arg):
                if value is not None and is_parameter_value(value):
                    locations.append(ParameterLocation(arg, "arg", None, arg))
                    initial[arg] = _copy(value)
                elif value is None:
                    missing.append(arg)
        if missing:
            synthesised = self._synthesise(missing)
            for arg, value in synthesised.items():
                locations.append(ParameterLocation(arg, "arg", None, arg))
                initial[arg] = value
        if not locations:
            for name in _referenced_globals(all_functions, self.functions):
                value = self.ns.get(name)
                if _looks_parameter(name) and value is not None and is_parameter_value(value):
                    locations.append(ParameterLocation(name, "global", None, name))
                    initial[name] = _copy(value)
        if not locations:
            raise DiscoveryError("no-network", "found no weight arrays among its arguments")
        return Store(locations, initial, containers, namespace=self.ns)

    def _initialise_container(self, arg: str) -> Any:
        """A params dict from the file's own initializer: initialize_parameters(n_x, n_h, n_y)."""
        for name, function in self.functions.items():
            if not naming.INIT_FUNCTION.search(name):
                continue
            for input_dim in self._input_dim_guesses():
                roles = {
                    "input_size": input_dim,
                    "hidden_size": self.options.hidden,
                    "output_size": 1,
                    "sizes": [input_dim, self.options.hidden, 1],
                }
                try:
                    kwargs = bind_arguments(function, {}, roles)
                    np.random.seed(self.options.seed)
                    value = function(**kwargs)
                except Exception:
                    continue
                if _is_container(value):
                    return value
        return None

    def _input_dim_guesses(self) -> list[int]:
        if self.data.X is None:
            return [2]
        shape = np.asarray(self.data.X).shape
        return list(dict.fromkeys([shape[1], shape[0]]))

    def _synthesise(self, names: list[str]) -> dict[str, Any]:
        """Weights the file names but never creates at load (made inside its training code).

        Only for W1, b1, W2, b2 ... naming, where the exercise fixes the shapes.
        """
        weights = sorted(n for n in names if n[:1] in "Ww" and n[1:].isdigit())
        biases = sorted(n for n in names if n[:1] in "b" and n[1:].isdigit())
        if not weights or len(weights) + len(biases) != len(names):
            raise DiscoveryError(
                "no-network",
                f"its arguments {', '.join(names)} are not defined at module level; "
                "define them at top level or name the function with --gradients",
            )
        input_dim = self._input_dim_guesses()[0]
        hidden = self.options.hidden
        sizes = [input_dim] + [hidden] * (len(weights) - 1) + [1]
        rng = np.random.default_rng(self.options.seed)
        values: dict[str, Any] = {}
        for index, name in enumerate(weights):
            fan_in, fan_out = sizes[index], sizes[index + 1]
            values[name] = rng.normal(0.0, 1.0 / np.sqrt(fan_in), size=(fan_in, fan_out))
            bias = f"b{name[1:]}"
            if bias in biases:
                values[bias] = rng.normal(0.0, 0.1, size=(1, fan_out))
        return values

    # ----------------------------------------------------------------- classes
    def _network_classes(self) -> list[type]:
        return [
            cls
            for cls in self.classes.values()
            if any(
                naming.BACKWARD_FUNCTION.search(n) or naming.UPDATE_FUNCTION.search(n)
                for n, _ in inspect.getmembers(cls, inspect.isfunction)
            )
        ]

    def _class_subject(self, cls: type) -> Subject:
        instance, how = self._instance(cls)
        store = _attribute_store(instance)
        methods = dict(inspect.getmembers(instance, inspect.ismethod))
        forward = self._method(methods, naming.FORWARD_FUNCTION, self.options.forward)
        main = self._main_method(methods)
        if main is None:
            raise DiscoveryError(
                "no-network", f"class {cls.__name__} has no backward/update method"
            )
        main_args = positional_names(main)
        plan = CallPlan(
            store=store,
            main=main,
            forward=forward if forward is not main else None,
            feed_forward_results=forward is not None and forward is not main,
            mode="auto",
            learning_rate=self._instance_lr(instance),
            instance=instance,
            per_sample=_iterates_over_samples(main),
            loss=self._loss_method(methods) or self._loss_function(),
        )
        if any(role_of(a) == "learning_rate" for a in main_args):
            plan.learning_rate = self.user_lr or DEFAULT_LEARNING_RATE
        plan.functions = [
            UserFunction(f"{cls.__name__}.{m.__name__}", m.__func__.__code__.co_firstlineno, role)
            for m, role in ((forward, "forward"), (main, "update or gradients"))
            if m is not None
        ]
        return self._build_subject(plan, "class", f"class `{cls.__name__}` ({how})")

    def _instance(self, cls: type) -> tuple[Any, str]:
        for name, value in self.ns.items():
            if isinstance(value, cls):
                return value, f"your instance `{name}`"
        errors = []
        for input_dim in self._input_dim_guesses():
            X = self.data.X if self.data.X is not None else np.zeros((4, input_dim))
            roles = {
                "X": X,
                "Y": self.data.Y if self.data.Y is not None else np.zeros((4, 1)),
                "input_size": input_dim,
                "hidden_size": self.options.hidden,
                "output_size": 1,
                "sizes": [input_dim, self.options.hidden, 1],
                "learning_rate": self.user_lr or DEFAULT_LEARNING_RATE,
            }
            try:
                kwargs = bind_arguments(cls.__init__, {}, roles)
                kwargs.pop("self", None)
                np.random.seed(self.options.seed)
                return cls(**kwargs), "constructed by netdoctor"
            except Unbindable as error:
                errors.append(str(error))
            except Exception as error:
                raise UserCodeError(error, self.path, f"{cls.__name__}(...)") from None
        raise DiscoveryError("no-network", "; ".join(errors))

    def _method(
        self, methods: dict[str, Any], pattern: Any, preferred: str | None
    ) -> Callable[..., Any] | None:
        if preferred and preferred in methods:
            return methods[preferred]
        for name, method in methods.items():
            if pattern.match(name):
                return method
        return None

    def _main_method(self, methods: dict[str, Any]) -> Callable[..., Any] | None:
        if self.options.gradients:
            return methods.get(self.options.gradients)
        for pattern in (naming.BACKWARD_FUNCTION, naming.UPDATE_FUNCTION):
            for name, method in methods.items():
                if name.startswith("__") or "deriv" in name.lower() or "prime" in name.lower():
                    continue
                if pattern.search(name) and not _is_helper(name, positional_names(method)):
                    return method
        return None

    def _loss_method(self, methods: dict[str, Any]) -> Callable[..., Any] | None:
        for name, method in methods.items():
            if naming.LOSS_FUNCTION.search(name) and "deriv" not in name and "grad" not in name:
                return method
        return None

    def _instance_lr(self, instance: Any) -> float | None:
        for name in naming.LEARNING_RATE_NAMES:
            value = getattr(instance, name, None)
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                return float(value)
        return None

    # ----------------------------------------------------------------- scripts
    def _script_subject(self) -> Subject | None:
        from netdoctor.script import script_subject

        return script_subject(self.module, self.data, self.user_lr, self.options)

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
        for variant in variants:
            try:
                claimed = _claim(plan, variant, initial, structure, self.path)
            except UserCodeError as error:
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


# --------------------------------------------------------------------------- running a plan
def _roles(variant: DataVariant, structure: NetworkStructure, lr: float | None) -> dict[str, Any]:
    return {
        "X": _copy(variant.X_user),
        "Y": _copy(variant.Y_user),
        "input_size": structure.layer_sizes[0],
        "hidden_size": structure.layer_sizes[1] if structure.n_layers > 1 else 1,
        "output_size": 1,
        "sizes": list(structure.layer_sizes),
        "learning_rate": lr if lr is not None else DEFAULT_LEARNING_RATE,
        "epochs": 1,
        "n_samples": variant.X.shape[0],
    }


def _run_plan(
    plan: CallPlan, variant: DataVariant, values: ParameterValues, structure: NetworkStructure
) -> PlanRun:
    kwargs, handed = plan.store.prepare(values)
    roles = _roles(variant, structure, plan.learning_rate)
    named: dict[str, Any] = dict(kwargs)
    output = None
    m = variant.X.shape[0]
    forward_values: list[tuple[str, np.ndarray, np.ndarray]] = []
    if plan.forward is not None:
        forward_kwargs = bind_arguments(plan.forward, named, roles)
        result = plan.forward(**forward_kwargs)
        forward_values = _arrays_in(result, f"the output of `{plan.forward.__name__}`")
        names = returned_names(plan.forward)
        output = find_output(result, m, names)
        if output is None and plan.instance is not None:
            output = _instance_output(plan.instance, m)
        if plan.feed_forward_results:
            _bind_forward_results(named, roles, result, names, output)
    main_kwargs = bind_arguments(plan.main, named, roles)
    result = plan.main(**main_kwargs)
    kwargs.update(main_kwargs)
    changed = [
        label
        for label, array, copy in forward_values
        if array.shape != copy.shape or not np.array_equal(array, copy, equal_nan=True)
    ]
    return PlanRun(result, kwargs, handed, output, changed)


def _bind_forward_results(
    named: dict[str, Any], roles: dict[str, Any], result: Any, names: list[str], output: Any
) -> None:
    if output is not None:
        roles["output"] = output
    if isinstance(result, tuple):
        for name, value in zip(names, result, strict=False):
            if name and name not in named:
                named[name] = value
        caches = [r for r in result if isinstance(r, dict | tuple | list)]
        if caches:
            roles["cache"] = caches[-1]
    elif isinstance(result, dict):
        roles["cache"] = result
    if isinstance(roles.get("cache"), dict):
        for key, value in roles["cache"].items():
            if isinstance(key, str) and key not in named:
                named[key] = value
    if output is not None:
        for name in names:
            if name in naming.OUTPUT_NAMES:
                named.setdefault(name, output)


def _claim(
    plan: CallPlan,
    variant: DataVariant,
    values: ParameterValues,
    structure: NetworkStructure,
    path: str,
) -> ClaimedGradients:
    """Run the user's code once at `values`; return what it says the gradients are."""
    if variant.samples:
        return _claim_per_sample(plan, variant, values, structure, path)
    pristine = {k: _copy(v) for k, v in values.items()}
    try:
        with user_errstate():
            run = _run_plan(plan, variant, values, structure)
    except Unbindable:
        raise
    except Exception as error:
        raise UserCodeError(error, path, f"`{plan.main.__name__}`") from None
    names = plan.store.names
    shapes = {name: tuple(np.shape(pristine[name])) for name in names}
    mode = plan.mode
    gradients: dict[str, Any] = {}
    if mode in ("gradients", "auto") and run.result is not None:
        gradients = match_results(run.result, names, shapes, strip_prefix=True)
        if mode == "auto" and len(gradients) < len(names):
            gradients = {}
        if gradients:
            mode = "gradients"
    if not gradients and mode in ("update", "auto"):
        after = _updated_values(plan, run, names, shapes)
        lr = plan.learning_rate if plan.learning_rate is not None else 1.0
        gradients = {
            name: (
                np.asarray(pristine[name], dtype=np.float64)
                - np.asarray(after[name], dtype=np.float64)
            )
            / lr
            for name in names
            if name in after and _broadcasts(np.shape(after[name]), shapes[name])
        }
        if all(not np.any(g) for g in gradients.values()):
            gradients = {}
    mutated: list[str] = list(run.mutated_forward_values)
    if mode == "gradients":
        for name in names:
            handed = run.handed[name]
            if isinstance(handed, np.ndarray) and not np.array_equal(
                handed, pristine[name], equal_nan=True
            ):
                mutated.append(name)
    return ClaimedGradients(gradients=gradients, mutated=mutated)


def _claim_per_sample(
    plan: CallPlan,
    variant: DataVariant,
    values: ParameterValues,
    structure: NetworkStructure,
    path: str,
) -> ClaimedGradients:
    """Per-sample code, run from the same point on each sample: the claims add up."""
    total: dict[str, Any] = {}
    mutated: set[str] = set()
    for index, sample in enumerate(variant.samples):
        claimed = _claim(plan, sample, values, structure, path)
        mutated.update(claimed.mutated)
        if index == 0:
            total = {k: np.asarray(v, dtype=np.float64) for k, v in claimed.gradients.items()}
            continue
        for name in list(total):
            value = claimed.gradients.get(name)
            if value is None or np.shape(value) != np.shape(total[name]):
                del total[name]
            else:
                total[name] = total[name] + np.asarray(value, dtype=np.float64)
    return ClaimedGradients(gradients=total, mutated=sorted(mutated))


def _updated_values(
    plan: CallPlan, run: PlanRun, names: list[str], shapes: dict[str, tuple[int, ...]]
) -> dict[str, Any]:
    if run.result is not None and plan.instance is None:
        returned = match_results(run.result, names, shapes, strip_prefix=False)
        if len(returned) == len(names):
            return returned
    return plan.store.read_back(run.kwargs, run.handed)


def _forward_callable(
    plan: CallPlan, variant: DataVariant, path: str
) -> Callable[[ParameterValues], np.ndarray] | None:
    if plan.forward is None:
        return None
    forward = plan.forward

    if variant.samples:
        per_sample = [_forward_callable(plan, sample, path) for sample in variant.samples]

        def run_each(values: ParameterValues) -> np.ndarray:
            return np.concatenate([f(values).reshape(1, 1) for f in per_sample if f is not None])

        return run_each

    def run_forward(values: ParameterValues) -> np.ndarray:
        kwargs, _ = plan.store.prepare(values)
        roles = _roles(variant, _FakeStructure(variant), plan.learning_rate)
        try:
            with user_errstate():
                result = forward(**bind_arguments(forward, kwargs, roles))
        except Unbindable:
            raise
        except Exception as error:
            raise UserCodeError(error, path, f"`{forward.__name__}`") from None
        m = variant.X.shape[0]
        output = find_output(result, m, returned_names(forward))
        if output is None and plan.instance is not None:
            output = _instance_output(plan.instance, m)
        if output is None or output.size != m:
            raise UserCodeError(
                ValueError(f"forward returned {type(result).__name__}, not {m} outputs"),
                path,
                f"`{forward.__name__}`",
            )
        return output.reshape(m, 1)

    return run_forward


def _loss_callable(
    plan: CallPlan, variant: DataVariant, path: str
) -> Callable[[ParameterValues], float] | None:
    if plan.loss is None or plan.forward is None or variant.samples:
        return None
    loss_function = plan.loss
    forward = _forward_callable(plan, variant, path)
    assert forward is not None

    def run_loss(values: ParameterValues) -> float:
        output = forward(values)
        user_output = (
            output.reshape(np.shape(variant.Y_user)) if np.ndim(variant.Y_user) else output
        )
        kwargs, _ = plan.store.prepare(values)
        roles = _roles(variant, _FakeStructure(variant), plan.learning_rate)
        roles["output"] = user_output
        bound = bind_arguments(loss_function, kwargs, roles)
        with user_errstate():
            return float(np.asarray(loss_function(**bound)).reshape(-1)[0])

    return run_loss


class _FakeStructure:
    """Sizes for binding a forward or loss call (no hidden size is needed there)."""

    def __init__(self, variant: DataVariant) -> None:
        self.layer_sizes = (variant.X.shape[1], 1)
        self.n_layers = 1


def _instance_output(instance: Any, m: int) -> np.ndarray | None:
    for name in naming.OUTPUT_NAMES:
        value = getattr(instance, name, None)
        if isinstance(value, np.ndarray) and value.size == m:
            return np.asarray(value, dtype=np.float64)
    return None


# --------------------------------------------------------------------------- small helpers
def _attribute_store(instance: Any) -> Store:
    locations: list[ParameterLocation] = []
    initial: dict[str, Any] = {}
    for name, value in vars(instance).items():
        if naming.NOT_PARAMETER_NAME.match(name) and not _looks_parameter(name):
            continue
        if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            if name in naming.PARAMS_CONTAINER_NAMES + naming.BIASES_CONTAINER_NAMES:
                for index, item in enumerate(value):
                    label = f"self.{name}[{index}]"
                    locations.append(ParameterLocation(label, "attr_item", name, index))
                    initial[label] = item.copy()
            continue
        if _looks_parameter(name) and is_parameter_value(value):
            if isinstance(value, int) and not isinstance(value, float):
                continue
            locations.append(ParameterLocation(f"self.{name}", "attr", None, name))
            initial[f"self.{name}"] = _copy(value)
    if not locations:
        raise DiscoveryError("no-network", f"{type(instance).__name__} has no weight attributes")
    return Store(locations, initial, instance=instance)


def _looks_parameter(name: str) -> bool:
    base = name.split(".")[-1]
    if naming.NOT_PARAMETER_NAME.match(base):
        return False
    return bool(naming.WEIGHT_NAME.search(base) or naming.BIAS_NAME.search(base))


def _is_helper(name: str, args: list[str]) -> bool:
    """Activation helpers (sigmoid_derivative(x), relu_backward(dA, Z)) are not networks."""
    lowered = name.lower()
    activation_words = ("sigmoid", "relu", "tanh", "softmax", "activation", "linear_")
    return any(w in lowered for w in activation_words) or len([a for a in args if a != "self"]) < 1


def _is_container(value: Any) -> bool:
    if isinstance(value, dict):
        return any(isinstance(v, np.ndarray) for v in value.values())
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, np.ndarray) for v in value)
    return False


def _container_items(value: Any) -> list[tuple[Any, Any]]:
    if isinstance(value, dict):
        return [(k, v) for k, v in value.items() if is_parameter_value(v)]
    return list(enumerate(value))


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else value


def _user_dtype(values: dict[str, Any]) -> str:
    dtypes = {np.asarray(v).dtype for v in values.values() if isinstance(v, np.ndarray)}
    if any(d == np.float32 for d in dtypes):
        return "float32"
    if any(d == np.float16 for d in dtypes):
        return "float16"
    return "float64"


def _referenced_globals(
    functions: list[Callable[..., Any]], all_user: dict[str, Callable[..., Any]]
) -> list[str]:
    """Global names a function reads, through the file's other functions it calls."""
    seen: set[str] = set()
    names: list[str] = []
    stack = list(functions)
    while stack:
        function = stack.pop()
        if function.__name__ in seen:
            continue
        seen.add(function.__name__)
        for name in function.__code__.co_names:
            if name in all_user:
                stack.append(all_user[name])
            elif name not in names:
                names.append(name)
    return names


def _assignment_line(tree: ast.Module, name: str | None) -> int | None:
    """The line of the top-level assignment to `name` (the labels, for ND206)."""
    if name is None:
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return node.lineno
    return None


EXERCISE_SIZE_ARGUMENTS = ("input_size", "hidden_size")
LOG_FUNCTIONS = ("log", "log1p", "log2", "log10", "xlogy")


def _named_loss(tree: ast.Module, subject: Subject) -> str | None:
    """Where the file says its loss is cross-entropy without a loss function we can call.

    The classic exercise's signature means BCE; so does a log of the outputs anywhere in
    the file (a loss printed in the training loop). Either rules out the squared-error
    reading of gradients that would otherwise be reported as a convention.
    """
    for function in subject.functions:
        node = next(
            (
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef) and n.name == function.name.split(".")[-1]
            ),
            None,
        )
        if node is not None and all(
            a in [arg.arg for arg in node.args.args] for a in EXERCISE_SIZE_ARGUMENTS
        ):
            return f"the classic exercise's signature (`{function.name}`) means BCE"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in LOG_FUNCTIONS:
                return f"your file computes a cross-entropy with {name}() at line {node.lineno}"
    return None


def _broadcasts(after: tuple[int, ...], before: tuple[int, ...]) -> bool:
    try:
        np.broadcast_shapes(after, before)
    except ValueError:
        return False
    return True


def _complete(gradients: dict[str, Any], structure: NetworkStructure, m: int) -> bool:
    """Every parameter got a gradient its update would keep the parameter's shape with.

    A bias gradient with one row per sample also counts: that is ND108 (not reduced over
    the samples), which only a batch shows, so the batch must not lose to one sample.
    """
    for slot in structure.slots:
        value = gradients.get(slot.name)
        if value is None:
            return False
        shape = tuple(np.shape(value))
        if (
            slot.kind == "bias"
            and m > 1
            and m in shape
            and np.size(value) == m * max(1, int(np.prod(slot.shape)))
        ):
            continue
        try:
            if np.broadcast_shapes(slot.shape, shape) != slot.shape:
                return False
        except ValueError:
            return False
    return True


def _iterates_over_samples(function: Callable[..., Any]) -> bool:
    """Whether a function loops over samples itself (per-sample SGD inside one call)."""
    try:
        import textwrap

        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            # `for x, y in zip(X, Y)`, `for i in range(len(X))`, `range(X.shape[0])`: the
            # loop runs over the data, not over layers (`range(len(weights))`).
            names = {n.id for n in ast.walk(node.iter) if isinstance(n, ast.Name)}
            if any(role_of(name) in ("X", "Y") for name in names):
                return True
    return False
