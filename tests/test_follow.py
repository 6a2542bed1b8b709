"""Following the user's own run: what was built, what ran, and the user's own exits.

The style programs (tests/programs) check that each way of writing a network is found and
judged; these tests check what the report says about how it was found.
"""

from __future__ import annotations

from pathlib import Path

from netdoctor.discover.crash import own_run_error
from netdoctor.discover.find import DiscoverOptions, discover_file
from netdoctor.discover.follow import Observation
from netdoctor.engine import check_file
from netdoctor.naming import data_role
from netdoctor.options import CheckOptions
from tests.netfiles import write

PROGRAMS = Path(__file__).parent / "programs"

CLASS_NEVER_BUILT = """import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Net:
    def __init__(self, n_in, n_hidden=3, rate=0.5):
        self.W1 = np.random.randn(n_in, n_hidden)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, 1)
        self.b2 = np.zeros((1, 1))
        self.rate = rate

    def fit(self, X, y, epochs):
        for _ in range(epochs):
            h = sigmoid(X @ self.W1 + self.b1)
            out = sigmoid(h @ self.W2 + self.b2)
            d_out = out - y
            d_h = d_out @ self.W2.T * h * (1 - h)
            self.W2 -= self.rate * h.T @ d_out
            self.b2 -= self.rate * d_out.sum(axis=0, keepdims=True)
            self.W1 -= self.rate * X.T @ d_h
            self.b1 -= self.rate * d_h.sum(axis=0, keepdims=True)


points = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [0.5, 0.5, 1]])
labels = np.array([[0], [1], [1], [0], [1]])
"""


def test_a_class_the_file_never_builds_is_built_from_its_names_and_data(tmp_path: Path) -> None:
    report = check_file(str(write(tmp_path, CLASS_NEVER_BUILT)), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert report.exit_code == 0, [f.message for f in report.findings]
    built = [n for n in report.notes if n.startswith("constructed `Net(")]
    assert built and "n_in=3" in built[0] and "fit" in built[0], report.notes
    assert report.subject["data"]["X_shape"] == [5, 3]  # `points`, found through the call
    assert report.subject["learning_rate"] == 0.5  # the constructor's default, kept


def test_the_training_step_is_found_by_role_whatever_the_names(tmp_path: Path) -> None:
    report = check_file(
        str(PROGRAMS / "correct" / "bom_coding_cookie.py"), CheckOptions(train=False)
    )
    names = [p["name"] for p in report.subject["structure"]["parameters"]]
    assert sorted(names) == ["biais_1", "biais_2", "poids_1", "poids_2"]
    assert report.subject["learning_rate"] == 0.3  # `taux`, read from the update itself


def test_missing_optional_packages_are_stubbed_and_said(tmp_path: Path) -> None:
    report = check_file(
        str(PROGRAMS / "correct" / "tqdm_pandas_imports.py"), CheckOptions(train=False)
    )
    assert report.status == "checked", report.error
    stubbed = [n for n in report.notes if "stand-ins" in n]
    try:
        import tqdm  # noqa: F401
    except ImportError:
        assert stubbed and "tqdm" in stubbed[0]


def test_the_users_own_exit_is_said_and_the_network_still_built(tmp_path: Path) -> None:
    text = CLASS_NEVER_BUILT + "\nimport sys\nsys.exit(3)\n"
    report = check_file(str(write(tmp_path, text)), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert any("your file called sys.exit(3) at line" in n for n in report.notes), report.notes


def test_a_missing_data_file_is_one_clear_line_not_a_silent_check(tmp_path: Path) -> None:
    text = CLASS_NEVER_BUILT.replace(
        "points = np.array(", 'data = np.loadtxt("train.csv", delimiter=",")\npoints = np.array('
    )
    report = check_file(str(write(tmp_path, text)), CheckOptions(train=False))
    said = " ".join(report.notes) + str(report.error)
    assert "train.csv" in said


def test_the_loop_over_layers_is_not_the_training_step(tmp_path: Path) -> None:
    path = PROGRAMS / "correct" / "main_column_dict.py"  # `for k in params:` inside update()
    report = check_file(str(path), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert "in `main`" in report.subject["description"]
    assert report.subject["data"]["X_shape"] == [4, 2]  # main()'s own arrays, not XOR


def test_the_same_file_gives_the_same_report(tmp_path: Path) -> None:
    path = str(PROGRAMS / "buggy" / "qa_class_no_instance.py")
    first = check_file(path, CheckOptions(train=False)).to_json()
    assert check_file(path, CheckOptions(train=False)).to_json() == first


def test_data_names_built_from_words_are_data_and_sizes_are_not() -> None:
    assert [data_role(n) for n in ("all_y_trues", "true_labels", "answers")] == ["Y"] * 3
    assert [data_role(n) for n in ("xs_train", "input_points", "training_data")] == ["X"] * 3
    not_data = ("input_nodes", "n_inputs", "input_layer", "y_pred", "y_hat", "learning_rate")
    assert [data_role(n) for n in not_data] == [None] * len(not_data)


LABELS_FLAT_MINI_BATCH = """import numpy as np

np.random.seed(1)
X = np.random.randn(64, 2)
y = (X[:, 0] * X[:, 1] > 0).astype(float)
W1 = np.random.randn(2, 5) * 0.5
b1 = np.zeros((1, 5))
W2 = np.random.randn(5, 1) * 0.5
b2 = np.zeros((1, 1))

for epoch in range(100):
    order = np.random.permutation(len(X))
    X_shuffled, y_shuffled = X[order], y[order]
    for start in range(0, len(X), 16):
        xb = X_shuffled[start:start + 16]
        yb = y_shuffled[start:start + 16]
        a1 = np.tanh(xb @ W1 + b1)
        a2 = 1 / (1 + np.exp(-(a1 @ W2 + b2)))
        dz2 = (a2 - yb) / len(xb)
        dz1 = (dz2 @ W2.T) * (1 - a1 ** 2)
        W2 -= 0.5 * a1.T @ dz2
        W1 -= 0.5 * xb.T @ dz1
        b2 -= 0.5 * dz2.sum(axis=0, keepdims=True)
        b1 -= 0.5 * dz1.sum(axis=0, keepdims=True)
"""


def test_a_mini_batch_of_flat_labels_that_crashes_is_nd206_where_the_labels_are_made(
    tmp_path: Path,
) -> None:
    """Labels of shape (m,) make a (16, 16) delta that the next product rejects. The crash
    names the mini-batch `yb`, bound in the loop; the file is run again with `y` made a
    column where the file makes it (shuffles and slices keep the column), the network is
    checked, and ND206 points at `y = ...` with the user's own error as its evidence."""
    report = check_file(str(write(tmp_path, LABELS_FLAT_MINI_BATCH)), CheckOptions())
    assert report.status == "checked", report.error
    errors = [
        (f.code, f.location.line if f.location else None)
        for f in report.findings
        if f.severity == "error"
    ]
    assert errors == [("ND206", 5)], errors
    message = next(f.message for f in report.findings if f.code == "ND206")
    assert "`y` of shape (64,)" in message and "raised ValueError at line 20" in message
    assert {c.verdict for c in report.gradient_checks} <= {"agrees", "uncertain"}


def _raised(path: Path, source: str) -> BaseException:
    try:
        exec(compile(source, str(path), "exec"), {})
    except Exception as error:
        return error
    raise AssertionError("the source did not raise")


def test_an_error_inside_netdoctor_is_never_blamed_on_the_users_file(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    ours = _raised(path, "from netdoctor.naming import data_role\ndata_role(None)\n")
    theirs = _raised(path, "import numpy as np\nnp.ones((2, 3)) @ np.ones((2, 3))\n")
    assert own_run_error(Observation(str(path), {}, ended="raised", error=ours)) is None
    blamed = own_run_error(Observation(str(path), {}, ended="raised", error=theirs))
    assert blamed is not None and "line 2" in str(blamed)


def test_a_rate_the_loop_body_sets_before_its_update_is_the_rate() -> None:
    """`lr = base / (1 + decay * epoch)` inside `fit()`'s loop is not bound when the pass
    begins; the rate is read after the pass has run (1.5 at epoch 0), not taken as 1."""
    from netdoctor.discover import DiscoverOptions, discover_file

    found = discover_file(
        str(PROGRAMS / "correct" / "rate_set_in_body_layer_lists.py"), DiscoverOptions()
    )
    assert found.how == "followed"
    assert found.subject.learning_rate == 1.5


GRADIENTS_ACCUMULATED = """import numpy as np


class Param:
    def __init__(self, value):
        self.value = value
        self.grad = None

    def add_grad(self, g):
        self.grad = g if self.grad is None else self.grad + g


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.w = Param(rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)))
        self.c = Param(np.zeros(n_out))

    def forward(self, x):
        self.x = x
        return x @ self.w.value + self.c.value

    def backward(self, g):
        self.w.add_grad(self.x.T @ g)
        self.c.add_grad(g.sum(axis=0))
        return g @ self.w.value.T


rng = np.random.default_rng(4)
X = rng.normal(size=(128, 2))
y = (X[:, :1] ** 2 + X[:, 1:] ** 2 < 1.5).astype(float)
first, second = Dense(2, 10, rng), Dense(10, 1, rng)
params = [first.w, first.c, second.w, second.c]
lr, micro, every = 1.0, 16, 2

for epoch in range(200):
    for k, start in enumerate(range(0, len(X), micro)):
        xb, yb = X[start:start + micro], y[start:start + micro]
        h = np.tanh(first.forward(xb))
        p = 1 / (1 + np.exp(-second.forward(h)))
        g = second.backward((p - yb) / (micro * every))
        first.backward(g * (1 - h**2))
        if (k + 1) % every == 0:
            for prm in params:
                prm.value -= lr * prm.grad
                prm.grad = None
p = 1 / (1 + np.exp(-second.forward(np.tanh(first.forward(X)))))
print("accuracy", np.mean((p > 0.5) == y))
"""


def test_gradients_accumulated_over_batches_are_not_checked_as_one_step(tmp_path: Path) -> None:
    """The weights move every second mini-batch, from gradients summed over both: no pass
    of the batch loop, nor of the epoch loop around it, is one step. Checked as one, this
    correct file got four false ND100; it is not checked, and the report says why."""
    report = check_file(write(tmp_path, GRADIENTS_ACCUMULATED), CheckOptions(train=False))
    assert report.status == "not-checked"
    assert report.error is not None
    assert "changes the weights in one pass and not in the next" in report.error["message"]
    assert "line 36" in report.error["message"]


LAYERS_AS_PARTIALS = """import numpy as np
from functools import partial

rng = np.random.default_rng(1)
X = rng.normal(size=(64, 2))
y = (X[:, :1] > X[:, 1:]).astype(float)
W1, b1 = rng.normal(size=(2, 6)), np.zeros((1, 6))
W2, b2 = rng.normal(size=(6, 1)), np.zeros((1, 1))
affine = lambda W, b, x: x @ W + b
first, second = partial(affine, W1, b1), partial(affine, W2, b2)
for epoch in range(500):
    h = np.tanh(first(X))
    p = 1 / (1 + np.exp(-second(h)))
    d2 = (p - y) / len(X)
    d1 = d2 @ W2.T * (1 - h**2)
    W2 -= 0.5 * h.T @ d2
    b2 -= 0.5 * d2.sum(0, keepdims=True)
    W1 -= 0.5 * X.T @ d1
    b1 -= 0.5 * d1.sum(0, keepdims=True)
"""


def test_weights_captured_by_partial_layers_are_said_not_misjudged(tmp_path: Path) -> None:
    """`partial(affine, W1, b1)` keeps the arrays it was given: whatever values netdoctor
    puts in `W1`, the layer computes with the old ones. Checked anyway, this correct file
    got four false ND100; it is not checked, and the report says what to change."""
    report = check_file(write(tmp_path, LAYERS_AS_PARTIALS), CheckOptions(train=False))
    assert report.status == "not-checked"
    assert report.error is not None
    assert "functools.partial" in report.error["message"]


RAISING_BACKPROP = """import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
rng = np.random.default_rng(0)
W1 = rng.normal(size=(2, 4)); b1 = np.zeros((1, 4))
W2 = rng.normal(size=(4, 1)); b2 = np.zeros((1, 1))


def backprop(X, y, W1, b1, W2, b2):
    with open({calls!r}, "a") as log:
        log.write(str(X.shape) + "\\n")
    a2 = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))
    raise ValueError("my backprop is not finished")


for epoch in range(100):
    grads = backprop(X, y, W1, b1, W2, b2)
    W1 -= 0.5 * grads[0]
"""


def test_a_user_function_that_raises_is_called_once_per_distinct_input(tmp_path: Path) -> None:
    """The file's own run called backprop on its arrays and it raised: looking for the
    network by name does not call it on those same arrays again (a slow or memory-hungry
    function would cost that much again for the same error); other forms of the data (one
    sample) are other inputs."""
    calls = tmp_path / "calls.txt"
    (tmp_path / "program").mkdir()
    path = write(tmp_path / "program", RAISING_BACKPROP.format(calls=str(calls)))
    report = check_file(str(path), CheckOptions(train=False))
    assert report.status == "not-checked" and report.error is not None
    assert "my backprop is not finished" in report.error["message"]
    shapes = calls.read_text().splitlines()
    assert shapes.count("(4, 2)") == 1, shapes  # the file's own call, only


def test_a_momentum_objects_rate_is_read_from_the_velocitys_own_term() -> None:
    """`sW[:] = self.mu * sW - self.rate * layer.gW` in the optimizer's `step(layer)`, then
    `layer.W += sW`: the rate is `self.rate`, not `mu` (a name some give the rate) and not
    1 (every gradient would have looked half the truth)."""
    path = PROGRAMS / "correct" / "s30_layer_objects_momentum_optimizer.py"
    report = check_file(str(path), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert report.subject["learning_rate"] == 0.5


ONE_INPUT_UNITS = """import numpy as np

rng = np.random.default_rng(0)
xs = np.linspace(-1.0, 1.0, 30)
ts = xs**2
PASSES = []


class Unit:
    def __init__(self, fan_in, linear=False):
        self.w = rng.normal(0, 0.8, fan_in)
        self.b = 0.0
        self.linear = linear

    def fire(self, seen):
        self.seen = np.asarray(seen, dtype=float)
        s = float(self.w @ self.seen + self.b)
        self.out = s if self.linear else np.tanh(s)
        return self.out

    def nudge(self, rate):
        self.w -= rate * self.err * self.seen
        self.b -= rate * self.err


class Net:
    def __init__(self):
        self.hidden = [Unit(1) for _ in range(5)]
        self.top = Unit(5, linear=True)

    def learn(self, x, t, rate):
        miss = self.top.fire([u.fire([x]) for u in self.hidden]) - t
        self.top.err = miss
        for j, u in enumerate(self.hidden):
            u.err = self.top.w[j] * miss * (1 - u.out**2)
        for u in [self.top, *self.hidden]:
            u.nudge(rate)


net = Net()
for sweep in range(200):
    for x, t in zip(xs, ts):
        PASSES.append(1)
        net.learn(x, t, 0.05)
"""


def test_one_input_units_are_a_network_found_at_its_first_passes(tmp_path: Path) -> None:
    # each hidden unit's weights are one number (`Unit(1)`): the output unit's weights are
    # the only array, which once made the first step read as a baseline's without a hidden
    # layer, and the whole training (6,000 passes) ran under the tracer before the check
    path = write(tmp_path, ONE_INPUT_UNITS, "units.py")
    discovery = discover_file(str(path), DiscoverOptions())
    assert discovery.how == "followed"
    assert len(discovery.module.namespace["PASSES"]) < 10
    shapes = {s.name: s.shape for s in discovery.subject.structure.slots}
    assert shapes["net.hidden[*].w"] == (1, 5) and shapes["net.top[*].w"] == (5, 1)
