"""Arguments are supplied by their names' roles: a width netdoctor must fill in, a rate
read from the user's own default."""

from __future__ import annotations

import numpy as np
import pytest

from netdoctor.discover.binding import role_of
from netdoctor.discover.rate import rate_of_method


@pytest.mark.parametrize(
    "name",
    ["n_hidden", "n_mid", "num_hidden_units", "middle_size", "hiddenNodes", "hid_n", "n_neurons"],
)
def test_a_hidden_width_is_known_by_its_name(name: str) -> None:
    assert role_of(name) == "hidden_size"


@pytest.mark.parametrize("name", ["hidden", "mid", "h", "hidden_out", "middle_layer"])
def test_activations_named_hidden_are_no_width(name: str) -> None:
    assert role_of(name) != "hidden_size"


@pytest.mark.parametrize("name", ["n_feat", "num_feats", "in_dim", "feature_count", "n_attrs"])
def test_an_input_width_is_known_by_its_name(name: str) -> None:
    assert role_of(name) == "input_size"


@pytest.mark.parametrize("name", ["features", "inputs", "x", "n", "input"])
def test_data_named_like_inputs_is_no_width(name: str) -> None:
    assert role_of(name) != "input_size"


@pytest.mark.parametrize("name", ["lab", "labs", "y_lbl", "tgt"])
def test_short_names_for_labels_are_targets(name: str) -> None:
    assert role_of(name) == "Y"


class _Net:
    rate = 0.3

    def __init__(self) -> None:
        self.W = np.zeros((2, 1))

    def learn(self, x: np.ndarray, pace: float = 0.4) -> None:
        grad = x.T @ np.ones((len(x), 1))
        self.W -= pace * grad

    def step(self, x: np.ndarray) -> None:
        grad = x.T @ np.ones((len(x), 1))
        self.W -= self.rate * grad

    def plain(self, x: np.ndarray) -> None:
        self.W -= x.T @ np.ones((len(x), 1))


def test_the_rate_of_an_update_method_is_its_default_argument() -> None:
    net = _Net()
    assert rate_of_method(net.learn, net) == pytest.approx(0.4)
    assert rate_of_method(net.step, net) == pytest.approx(0.3)
    assert rate_of_method(net.plain, net) is None


@pytest.mark.parametrize("name", ["hidden_w", "out_w", "out_w2", "layer1_w"])
def test_a_layer_name_then_w_is_a_weight(name: str) -> None:
    from netdoctor.naming import WEIGHT_NAME

    assert WEIGHT_NAME.search(name)


def test_out_w_beside_hidden_w_chains_as_the_output_weights() -> None:
    """`out_w` (6,) after `hidden_w` (6, 1): a vector of weights, not a bias."""
    import numpy as np

    from netdoctor.structure import infer_structure

    named = [
        ("hidden_w", np.zeros((6, 1))),
        ("hidden_bias", np.zeros(6)),
        ("out_w", np.zeros(6)),
        ("out_bias", 0.0),
    ]
    structure = infer_structure(named, None)
    assert structure.layer_sizes == (1, 6, 1)
    assert [s.name for s in structure.slots if s.kind == "weight"] == ["hidden_w", "out_w"]


def test_a_capital_beside_its_small_letter_is_the_matrix() -> None:
    """`A, a, B, b` (column layout, one input, 9 units): `B` is the output's weights,
    though `B` alone reads like a bias; `a` beside `A` is the hidden bias."""
    import numpy as np

    from netdoctor.structure import infer_structure

    named = [
        ("A", np.zeros((9, 1))),
        ("a", np.zeros((9, 1))),
        ("B", np.zeros((1, 9))),
        ("b", np.zeros((1, 1))),
    ]
    structure = infer_structure(named, 1)
    roles = {s.name: (s.kind, s.layer) for s in structure.slots}
    assert roles == {"A": ("weight", 0), "a": ("bias", 0), "B": ("weight", 1), "b": ("bias", 1)}
