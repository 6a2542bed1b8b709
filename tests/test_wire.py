"""What travels between the worker (user code) and the judge (the verdict): values come
back as the same numbers and types, an answer our worker never writes is `Malformed`
(never another exception, never code run), and the user's exceptions are rebuilt as the
kinds the checks catch."""

from __future__ import annotations

import os
import pickle
import random

import numpy as np
import pytest

from netdoctor import wire
from netdoctor.discover.common import DiscoveryError, UserCodeError
from netdoctor.remote import error_data, rebuilt_error


def _round_trip(value: object) -> object:
    return wire.decode(wire.encode(value))


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix, as users write
def test_numbers_and_containers_come_back_as_they_were() -> None:
    strided = np.arange(12.0).reshape(3, 4)[:, ::2]
    value = {
        "W1": np.random.default_rng(0).normal(size=(2, 3)),
        "b": np.zeros(3, dtype=np.float32),
        "ints": np.arange(4, dtype=np.int16),
        "flags": np.array([True, False]),
        "complex": np.array([1 + 2j]),
        "zero_d": np.array(2.5),
        "empty": np.zeros((3, 0)),
        "strided": strided,
        "matrix": np.asmatrix([[1.0, 2.0]]),
        "np_scalar": np.float32(1.5),
        "python": [1, 2.5, float("nan"), float("inf"), None, True, "text", 3 + 4j, (1, (2,))],
        7: "a key that is no text",
    }
    back = _round_trip(value)
    assert isinstance(back, dict) and list(back) == list(value)
    for key in ("W1", "b", "ints", "flags", "complex", "zero_d", "empty", "strided"):
        assert back[key].dtype == value[key].dtype and back[key].shape == value[key].shape
        np.testing.assert_array_equal(back[key], value[key])
    assert isinstance(back["matrix"], np.matrix)
    assert type(back["np_scalar"]) is np.float32 and back["np_scalar"] == np.float32(1.5)
    python = back["python"]
    assert python[:2] == [1, 2.5] and np.isnan(python[2]) and python[3] == float("inf")
    assert python[4:] == [None, True, "text", 3 + 4j, (1, (2,))]
    assert back[7] == "a key that is no text"


def test_decoded_arrays_are_writable_like_the_users() -> None:
    back = _round_trip({"W": np.ones((2, 2))})
    back["W"][0, 0] = 5.0  # the checks may update what they are handed in place
    assert back["W"][0, 0] == 5.0


def test_objects_that_are_no_numbers_arrive_as_stand_ins_that_fail_alike() -> None:
    class Tensor:
        def __repr__(self) -> str:
            return "tensor([1.0])"

    back = _round_trip({"dW": Tensor(), "objects": np.array([1.0, Tensor()], dtype=object)})
    assert isinstance(back["dW"], wire.Opaque) and back["dW"].type_name == "Tensor"
    assert repr(back["dW"]) == "tensor([1.0])"
    with pytest.raises(TypeError):
        np.asarray(back["dW"], dtype=np.float64)
    assert back["objects"].dtype == object and back["objects"][0] == 1.0


@pytest.mark.parametrize("seed", range(40))
def test_garbage_is_malformed_never_another_error(seed: int) -> None:
    rng = random.Random(seed)
    message = bytearray(wire.encode({"W": np.ones(3), "n": [1, 2]}))
    for _ in range(rng.randint(1, 6)):  # flipped bytes, cut tails, random junk
        choice = rng.random()
        if choice < 0.4 and message:
            message[rng.randrange(len(message))] = rng.randrange(256)
        elif choice < 0.7:
            del message[rng.randrange(len(message) + 1) :]
        else:
            message = bytearray(rng.randbytes(rng.randint(0, 64)))
    try:
        wire.decode(message)
    except wire.Malformed:
        pass


def test_headers_that_ask_for_objects_or_lie_about_sizes_are_malformed() -> None:
    def framed(header: bytes, *buffers: bytes) -> bytes:
        parts = [len(header).to_bytes(8, "little"), header]
        for buffer in buffers:
            parts += [len(buffer).to_bytes(8, "little"), buffer]
        return b"".join(parts)

    pickled = pickle.dumps(os.system)
    cases = [
        framed(b'{"t": "array", "dtype": "|O", "shape": [1], "buffer": 0}', pickled),
        framed(b'{"t": "array", "dtype": "<f8", "shape": [3], "buffer": 0}', b"\0" * 8),
        framed(b'{"t": "array", "dtype": "<f8", "shape": [-1], "buffer": 0}', b"\0" * 8),
        framed(b'{"t": "array", "dtype": "<f8", "shape": [1], "buffer": 4}', b"\0" * 8),
        framed(b'{"t": "pickle", "data": "x"}'),
        framed(b'{"t": "map", "k": [1], "v": [2]}'),
        framed(b"[" * 100_000),
    ]
    for message in cases:
        with pytest.raises(wire.Malformed):
            wire.decode(message)


def test_a_message_over_the_limit_is_refused_before_it_is_read() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, (1 << 40).to_bytes(8, "little"))
        with pytest.raises(wire.Malformed, match="over the"):
            wire.receive(read_end, limit=1 << 20)
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_closed_channel_is_closed_not_malformed() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, (100).to_bytes(8, "little") + b"cut")
    os.close(write_end)
    with pytest.raises(wire.Closed):
        wire.receive(read_end, limit=1 << 20)
    os.close(read_end)


def _raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return rebuilt_error(_round_trip(error_data(caught)))  # type: ignore[arg-type]


def test_the_users_exceptions_come_back_as_the_kinds_the_checks_catch() -> None:
    try:
        try:
            raise MemoryError("out")  # at a line of this file: the user's frame
        except MemoryError as inner:
            raise UserCodeError(inner, __file__, "your step") from None
    except UserCodeError as caught:
        error = caught
    rebuilt = rebuilt_error(_round_trip(error_data(error)))  # type: ignore[arg-type]
    assert isinstance(rebuilt, UserCodeError) and isinstance(rebuilt.error, MemoryError)
    assert str(rebuilt) == str(error) and rebuilt.frames == error.frames
    assert rebuilt.line == error.line and rebuilt.line is not None

    key = _raised(KeyError("dW1"))
    assert isinstance(key, KeyError) and str(key) == "'dW1'"
    found = _raised(DiscoveryError("no-network", "found no network", line=3))
    assert isinstance(found, DiscoveryError) and (found.kind, found.line) == ("no-network", 3)
    assert isinstance(_raised(FloatingPointError("overflow")), FloatingPointError)

    class ShapeMismatch(Exception):
        pass

    own = _raised(ShapeMismatch("(2, 3) vs (3, 2)"))
    assert type(own).__name__ == "ShapeMismatch" and str(own) == "(2, 3) vs (3, 2)"
    assert isinstance(own, Exception) and not isinstance(own, UserCodeError)
    assert isinstance(_raised(KeyboardInterrupt()), KeyboardInterrupt)
    exit_ = _raised(SystemExit(3))
    assert isinstance(exit_, SystemExit) and exit_.code == 3
