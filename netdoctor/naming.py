"""The names people give things in hand-written networks, and what role each plays.

Discovery binds a function's arguments by name (X, inputs, W1, weights_hidden, lr, ...)
and assigns roles to arrays by name first and shape second. Every list here came from
tutorials, course exercises and forum posts; extend them rather than special-casing.
"""

from __future__ import annotations

import re

DATA_NAMES = (
    "X", "x", "inputs", "input", "X_train", "x_train", "features", "data", "input_data",
    "training_inputs", "training_data", "xs", "A0", "a0", "sample", "x_batch", "X_batch",
    "input_vector", "inp", "in_data", "train_x", "X_data", "x_data", "points", "pts",
    "training_set_inputs", "train_inputs", "X_in", "samples", "patterns",
)  # fmt: skip
TARGET_NAMES = (
    "Y", "y", "targets", "target", "labels", "label", "y_true", "Y_train", "y_train",
    "t", "expected", "expected_output", "desired", "training_outputs", "ys", "y_batch",
    "Y_batch", "d", "truth", "train_y", "Y_data", "y_data", "outputs", "output_data",
    "training_set_outputs", "train_labels", "train_outputs", "classes",
)  # fmt: skip
INPUT_SIZE_NAMES = (
    "input_size", "n_x", "n_input", "n_inputs", "input_dim", "num_inputs", "nx", "input_nodes",
    "inputs_count", "n_in", "input_neurons", "input_layer_size", "n_features", "num_features",
)  # fmt: skip
HIDDEN_SIZE_NAMES = (
    "hidden_size", "n_h", "n_hidden", "hidden_dim", "num_hidden", "hidden_units", "nh",
    "hidden_nodes", "hidden_neurons", "hidden_layer_size", "n_hid", "hiddenLayerSize",
)  # fmt: skip
_HIDDEN_SIZE_PATTERN = re.compile(
    r"^(n|num|number|size|count)_?(of_?)?(hid(den)?|mid(dle)?)(_?(units|nodes|neurons|size))?$"
    r"|^(hid(den)?|mid(dle)?)_?(size|dim|units|nodes|neurons|width|count|n)$"
    # `n_neurons`, `num_units`: beside `n_features` in a one-hidden-layer class, the width
    r"|^(n|num|number)_?(of_?)?(neurons|units|nodes|cells)$",
    re.IGNORECASE,
)


_INPUT_SIZE_PATTERN = re.compile(
    r"^(n|num|number|count)_?(of_?)?(in(put)?s?|feat(ure)?s?|attrs?|attributes|dims?)$"
    r"|^(in(put)?|feat(ure)?s?)_?(size|dim|count|n|nodes|units|neurons|width)$",
    re.IGNORECASE,
)


def input_size_name(name: str) -> bool:
    """`n_feat`, `num_inputs`, `in_dim`, `feature_count`: the input width by its name,
    beyond the listed spellings; a bare `features` stays the data."""
    return name in INPUT_SIZE_NAMES or bool(_INPUT_SIZE_PATTERN.match(name))


def hidden_size_name(name: str) -> bool:
    """`n_mid`, `num_hidden_units`, `middle_size`, `hiddenNodes`, `n_neurons`: a hidden
    layer's width by its name, beyond the listed spellings; a bare `hidden` stays an array
    (activations)."""
    return name in HIDDEN_SIZE_NAMES or bool(_HIDDEN_SIZE_PATTERN.match(name))


OUTPUT_SIZE_NAMES = (
    "output_size", "n_y", "n_output", "n_outputs", "output_dim", "num_outputs", "ny",
    "output_nodes", "output_neurons", "output_layer_size", "n_out",
)  # fmt: skip
LEARNING_RATE_NAMES = (
    "lr", "learning_rate", "alpha", "eta", "step_size", "rate", "LR", "LEARNING_RATE",
    "learningRate", "learning_rate_", "mu",
)  # fmt: skip
EPOCH_NAMES = (
    "epochs", "n_epochs", "num_epochs", "iterations", "num_iterations", "n_iter", "iters",
    "steps", "max_iter", "epoch_count", "n_iterations", "num_iters", "n_steps", "num_steps",
    "EPOCHS", "ITERATIONS",
)  # fmt: skip
PARAMS_CONTAINER_NAMES = (
    "params", "parameters", "weights", "model", "net", "network", "theta", "nn_params",
    "param", "W", "Ws", "layers",
)  # fmt: skip
BIASES_CONTAINER_NAMES = ("biases", "bias", "bs", "b")
CACHE_NAMES = (
    "cache", "caches", "activations", "forward_cache", "memory", "intermediates", "store",
    "values", "fwd", "forward_values",
)  # fmt: skip

FORWARD_FUNCTION = re.compile(
    r"^(forward|feed_?forward|predict|forward_?prop(agation)?|forward_pass|fprop|model|"
    r"run|compute_output|__call__|think|query|output|infer(ence)?|net)$",
    re.IGNORECASE,
)
BACKWARD_FUNCTION = re.compile(
    r"(backward|backprop|back_?prop(agation)?|gradient|grads?$|bprop|compute_gr|derivative)",
    re.IGNORECASE,
)
# An activation's derivative helper (`relu_grad`, `sigmoid_prime`, `dlrelu`, `d_tanh`):
# the usual place of an in-place `x[x > 0] = 1` on a cached activation (ND112).
DERIVATIVE_FUNCTION = re.compile(
    r"(grad|deriv|prime|backward|^d_?(sig|tanh|relu|lrelu|leaky|act|nonlin|elu|f))", re.IGNORECASE
)
UPDATE_FUNCTION = re.compile(
    r"(train|update|step|fit|learn|sgd|descent|optimi[sz]e|backprop|backward)", re.IGNORECASE
)
# The loss's word in the languages tutorials are written in: Spanish, Portuguese, Italian,
# French, German, Russian and Chinese (pinyin) transliterated
_LOSS_WORDS = (
    r"p[eé]rdida|perda|perdita|perte|co[uû]t|costo|coste|custo|verlust|kosten|poteri|sunshi"
)
LOSS_FUNCTION = re.compile(
    rf"(loss|cost|cross_?entropy|bce|mse|error|objective|log_?likelihood|fehler|{_LOSS_WORDS})",
    re.IGNORECASE,
)
# A variable holding the loss's value (`loss`, `cost`, `J`, `epoch_loss`, `bce`); not
# `error`, which usually holds the output error y - a, an array the gradients use.
LOSS_VALUE = re.compile(rf"^(j|.*(loss|cost|entropy|bce|mse|{_LOSS_WORDS}).*)$", re.IGNORECASE)
ERROR_VALUE = re.compile(r"^.*(error|err|fehler|oshibka|wucha).*$", re.IGNORECASE)


def loss_or_error_name(name: str) -> bool:
    """A scalar a training loop may print as its loss: `loss`, `cost`, `mse`, also
    `total_error` (a number: the output error array is not one), and a capital `L` (a
    lower-case `l` is as often a layer or an L2 coefficient)."""
    return name == "L" or bool(LOSS_VALUE.match(name) or ERROR_VALUE.match(name))


INIT_FUNCTION = re.compile(r"(init|initiali[sz]e|create|make|build|setup|new)", re.IGNORECASE)

# Weights and biases in the languages tutorials are written in too: pesos, pesi, poids,
# Gewichte, vesa (Russian), quanzhong (pinyin); sesgo, viés, biais, Schwelle, soglia,
# smeshchenie, pianzhi
_WEIGHT_WORDS = r"pes[oi]s?|poids|gewicht\w*|vesa|quanzhong"
_BIAS_WORDS = r"sesgos?|vi[eé]s|biais|schwelle\w*|soglia|smeshchenie|pianzhi"
WEIGHT_NAME = re.compile(  # (`hidden_w`, `out_w2`: a layer's name, then its `w`)
    r"^(w|weights?|theta|wih|who|syn|synapse)(_?\d+|_?[a-z_]*)?$|^(w|weights?)_|weight|^W"
    rf"|^({_WEIGHT_WORDS})(_?\d+|_?[a-z_]*)?$|^[a-z]+\d*_w\d*$",
    re.IGNORECASE,
)
BIAS_NAME = re.compile(  # (`hidden_b`, `out_b2`: a layer's name, then its `b`)
    rf"^(b|bias(es)?|intercept|{_BIAS_WORDS})(_?\d+|_?[a-z_]*)?$|bias|^[a-z]+\d*_b\d*$",
    re.IGNORECASE,
)
# Names that are never parameters even when their arrays have a parameter's shape, also
# private or kept from the last forward (`self._x = x`, `self.last_input = inputs`).
# (`_` is a value thrown away: `Lp, _ = loss_and_grads(P, X)` in a gradient check's loop)
NOT_PARAMETER_NAME = re.compile(
    r"^_*(?!.*(weight|bias))(last_|prev_|cached?_)?(x|y|input|inputs|output|outputs|target|targets|labels?|layer\d*|hidden.*|a\d*|z\d*|"
    r"delta.*|d_.*|error.*|cache|pred.*|y_hat|yhat|grad.*|loss.*|cost.*|j|j_.*|data|activations?|_)$",
    re.IGNORECASE,
)
# A copy of the weights kept aside (early stopping's best, a checkpoint): rebound in the
# passes that improve, never moved by a step.
SAVED_COPY_NAME = re.compile(
    r"^(best|prev|previous|old|last|saved?|snapshot|checkpoint|ckpt|init|initial|start)_?",
    re.IGNORECASE,
)
# A gradient accumulated over a mini-batch (`nabla_w = [nw + dnw ...]`, `dW += ...`): it
# changes in every pass of the per-sample loop, but it is not what the network computes with.
# A container of gradients by a short name (`self._g["W1"]` beside `self._w["W1"]`); as a
# last name part it may be a bias (`d`), so only a holder's name counts
GRADIENT_HOLDER_NAME = re.compile(r"^_*(g|gs|d|ds|dparams|dp)$", re.IGNORECASE)
GRADIENT_NAME = re.compile(r"^(nabla|grads?_?|gradients?|delta|d_|d[wb]\d*$|dtheta)", re.IGNORECASE)
# A gradient (or its running sum) named after its weight with a short prefix: `g_Wh`,
# `g_bo`, `gr_b2` (not `g`, `gamma`, `gain`).
SHORT_GRADIENT_NAME = re.compile(r"^gr?_[A-Za-z]\w*$")
# A layer's delta by its name (`delta_out`, `dz1`, `d_z`): not a bias's gradient copied
# from it (`db1 = dz1`), nor the error a loss is computed from (`err = y - t`).
DELTA_NAME = re.compile(r"^(delta|d_?z)|_delta(s|_|\d|$)", re.IGNORECASE)  # `l2_delta` too
OUTPUT_NAMES = (
    "A2", "a2", "output", "out", "y_hat", "yhat", "y_pred", "pred", "preds", "predictions",
    "prediction", "prob", "probs", "o", "layer2", "final_output", "predicted_output", "l2",
    "output_layer_output", "output_layer", "a_out", "A_out", "yh", "Y_hat", "AL", "A_L",
    "output_activation", "out2", "h2",
)  # fmt: skip

_DIGITS = re.compile(r"(\d+)")


def layer_hint(name: str) -> int | None:
    """The layer a parameter name points at: W1 -> 1, weights_hidden -> 1, w_out -> last (99)."""
    match = _DIGITS.search(name)
    if match:
        return int(match.group(1))
    lowered = name.lower()
    if re.fullmatch(r"[wbv]_?[ih]", lowered):  # `Wi`, `bi`, `b_h`: the input/hidden layer's
        return 1
    if re.fullmatch(r"[wbv]_?o", lowered):  # `wo`, `bo`: the output layer's
        return 99
    if any(word in lowered for word in ("hidden", "ih", "input", "first", "_h", "1")):
        return 1
    if any(word in lowered for word in ("out", "ho", "second", "last", "_o")):
        return 99
    return None


def gradient_key_to_parameter(key: str) -> str:
    """dW1 -> W1, grad_W1 -> W1, W1_grad -> W1, d_weights1 -> weights1, nabla_w -> w."""
    stripped = re.sub(r"^(d_?|grad_?|gradient_?|nabla_?|delta_?)", "", key, flags=re.IGNORECASE)
    stripped = re.sub(r"(_?grad|_?gradient)$", "", stripped, flags=re.IGNORECASE)
    return stripped or key


_NOT_DATA_WORDS = re.compile(
    r"size|dim|num|count|^n_|^n$|len|shape|rate|epoch|iter|node|neuron|unit|layer|width|"
    r"hidden|weight|bias|pred|hat|out|guess|estimate"
)
_TARGET_WORDS = re.compile(
    r"^y|label|target|truth|true|answer|expected|desired|class|(^|_)(labs?|lbls?|tgts?)($|_)"
    r"|^ts?_"  # `t_list`, `t_batch`: the book's and the courses' t for targets
)
_INPUT_WORDS = re.compile(r"^x|input|feature|sample|point|data|pattern")


def data_role(name: str) -> str | None:
    """ "Y" for `all_y_trues`, `true_labels`, `answers`; "X" for `xs_train`, `input_points`.

    DATA_NAMES and TARGET_NAMES hold the usual names; these are the words people build
    other names from. Sizes, counts, rates and predictions (`y_pred`, `y_hat`) are neither."""
    lowered = name.lower()
    if _NOT_DATA_WORDS.search(lowered):
        return None
    if _TARGET_WORDS.search(lowered):
        return "Y"
    if _INPUT_WORDS.search(lowered):
        return "X"
    return None
