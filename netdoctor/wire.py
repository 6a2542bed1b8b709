"""The numbers the process running user code sends the judge, and how they travel.

The judge (`judge.py`) never runs user code; the worker (`worker.py`) only runs it and
answers. Every answer is data: JSON for structure, raw bytes for arrays, nothing that
builds objects on reading (no pickle, whose loading runs code). Arrays keep their dtype
and shape; a value of another type (a user's object, a torch tensor) arrives as an
`Opaque` stand-in that fails where the object would fail to become an array. A message
longer than the judge allows, or one that does not parse, is `Malformed`: the worker's
answer is then that file's result, never a crash of the judge.
"""

from __future__ import annotations

import functools
import math
import struct
from dataclasses import dataclass
from json import dumps as _dumps  # bound at import: user code that patches json.dumps
from json import loads as _loads  # or os.write later cannot change what travels
from os import readv as _readv
from os import write as _write
from typing import Any

import numpy as np

_LENGTH = struct.Struct("<Q")
_NUMERIC_KINDS = "biufc"  # bool, signed and unsigned integers, floats, complex
MAX_DEPTH = 64


class Malformed(Exception):
    """An answer that is not one our worker writes: garbage, truncated, or too large."""


class Closed(Exception):
    """The other end of the channel is gone (the process ended)."""


@dataclass(frozen=True)
class Opaque:
    """A value of the user's that is no number, array or container of them: its type's
    name and a short repr. `np.asarray(opaque, dtype=float)` fails, as it would on the
    original."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return self.text

    def __float__(self) -> float:
        raise TypeError(f"float() argument must be a number, not '{self.type_name}'")


def encode(value: Any) -> bytes:
    """One message: the JSON header's length, the header, then each array's bytes."""
    buffers: list[bytes] = []
    header = _dumps(_encode(value, buffers, 0), separators=(",", ":")).encode()
    parts = [_LENGTH.pack(len(header)), header]
    for buffer in buffers:
        parts += [_LENGTH.pack(len(buffer)), buffer]
    return b"".join(parts)


def _encode(value: Any, buffers: list[bytes], depth: int) -> Any:
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": type(value).__name__, "text": "(nested too deep)"}
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int) and type(value) is int:
        return value
    if isinstance(value, float) and type(value) is float:
        return {"t": "float", "v": repr(value)}
    if isinstance(value, complex):
        return {"t": "complex", "re": repr(value.real), "im": repr(value.imag)}
    if isinstance(value, np.ndarray):
        return _encode_array(value, buffers, depth)
    if isinstance(value, np.generic) and value.dtype.kind in _NUMERIC_KINDS:
        array = _encode_array(np.asarray(value), buffers, depth)
        return {"t": "scalar", "array": array}
    if isinstance(value, list | tuple):
        tag = "list" if isinstance(value, list) else "tuple"
        return {"t": tag, "items": [_encode(v, buffers, depth + 1) for v in value]}
    if isinstance(value, dict):
        down = depth + 1
        if all(type(k) is str for k in value):  # the usual mapping: names to arrays
            values = [_encode(v, buffers, down) for v in value.values()]
            return {"t": "map", "k": list(value), "v": values}
        items = [[_encode(k, buffers, down), _encode(v, buffers, down)] for k, v in value.items()]
        return {"t": "dict", "items": items}
    return {"t": "opaque", "type": type(value).__name__, "text": _short_repr(value)}


def _encode_array(array: np.ndarray, buffers: list[bytes], depth: int) -> Any:
    tag = "matrix" if isinstance(array, np.matrix) else "array"
    if array.dtype.kind not in _NUMERIC_KINDS:
        items = [_encode(v, buffers, depth + 1) for v in array.reshape(-1).tolist()]
        return {"t": "objects", "shape": list(array.shape), "items": items}
    data = np.asarray(array, order="C")  # (ascontiguousarray makes a 0-d array 1-d)
    buffers.append(data.tobytes())
    return {
        "t": tag,
        "dtype": data.dtype.str,
        "shape": list(data.shape),
        "buffer": len(buffers) - 1,
    }


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 200 else text[:197] + "..."


def decode(message: bytes | bytearray) -> Any:
    """The value `encode` wrote; its arrays are views of `message`, so a bytearray (as
    `receive` returns) gives writable arrays."""
    view = memoryview(message if isinstance(message, bytearray) else bytearray(message))
    try:
        (size,) = _LENGTH.unpack_from(view, 0)
        header = _loads(bytes(view[8 : 8 + size]).decode())
        buffers: list[memoryview] = []
        offset = 8 + size
        while offset < len(view):
            (length,) = _LENGTH.unpack_from(view, offset)
            offset += 8
            if offset + length > len(view):
                raise Malformed("an array's bytes run past the message's end")
            buffers.append(view[offset : offset + length])
            offset += length
        return _decode(header, buffers, 0)
    except Malformed:
        raise
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        RecursionError,
        struct.error,
    ) as error:
        raise Malformed(f"{type(error).__name__}: {error}") from None


def _decode(node: Any, buffers: list[memoryview], depth: int) -> Any:
    if depth > MAX_DEPTH + 2:
        raise Malformed("nested too deep")
    if node is None or isinstance(node, bool | int | str):
        return node
    if not isinstance(node, dict):
        raise Malformed(f"unexpected {type(node).__name__} in the header")
    tag = node["t"]
    down = depth + 1
    if tag == "float":
        return float(node["v"])
    if tag == "complex":
        return complex(float(node["re"]), float(node["im"]))
    if tag in ("array", "matrix"):
        array = _decode_array(node, buffers)
        return np.asmatrix(array) if tag == "matrix" else array
    if tag == "scalar":
        return _decode_array(node["array"], buffers)[()]
    if tag == "objects":
        items = [_decode(v, buffers, down) for v in node["items"]]
        array = np.empty(len(items), dtype=object)
        array[:] = items
        return array.reshape([int(n) for n in node["shape"]])
    if tag == "list":
        return [_decode(v, buffers, down) for v in node["items"]]
    if tag == "tuple":
        return tuple(_decode(v, buffers, down) for v in node["items"])
    if tag == "map":
        keys = node["k"]
        if not all(isinstance(k, str) for k in keys):
            raise Malformed("a mapping's keys are not text")
        return dict(zip(keys, [_decode(v, buffers, down) for v in node["v"]], strict=True))
    if tag == "dict":
        return {_decode(k, buffers, down): _decode(v, buffers, down) for k, v in node["items"]}
    if tag == "opaque":
        return Opaque(str(node["type"]), str(node["text"]))
    raise Malformed(f"unknown tag {tag!r}")


def _decode_array(node: dict[str, Any], buffers: list[memoryview]) -> np.ndarray:
    dtype = _dtype(str(node["dtype"]))
    shape = tuple(int(n) for n in node["shape"])
    if any(n < 0 for n in shape):
        raise Malformed("a negative dimension")
    buffer = buffers[int(node["buffer"])]
    if math.prod(shape) * dtype.itemsize != len(buffer):
        raise Malformed("an array's bytes do not fill its shape")
    # writable (the message is a bytearray): the checks may change what they are handed
    return _aligned(np.frombuffer(buffer, dtype=dtype).reshape(shape))


ALIGNMENT = 64  # bytes: the widest vector registers numpy's loops use


def _aligned(array: np.ndarray) -> np.ndarray:
    """The array at an address that is a multiple of ALIGNMENT, copied there if it is not.
    A view of the message sits where its header's length puts it (the file's path is in
    the header), and numpy's vectorised sums round differently by alignment: the same
    file checked from two folders gave a relative error of 9.6e-17 and 2.9e-16."""
    if array.nbytes == 0 or array.ctypes.data % ALIGNMENT == 0:
        return array
    raw = np.empty(array.nbytes + ALIGNMENT, dtype=np.uint8)
    start = -raw.ctypes.data % ALIGNMENT
    aligned = raw[start : start + array.nbytes].view(array.dtype).reshape(array.shape)
    aligned[...] = array
    return aligned


@functools.lru_cache(maxsize=64)
def _dtype(text: str) -> np.dtype[Any]:
    try:
        dtype = np.dtype(text)
    except TypeError as error:
        raise Malformed(f"dtype {text!r}: {error}") from None
    if dtype.kind not in _NUMERIC_KINDS or dtype.itemsize > 32 or dtype.hasobject:
        raise Malformed(f"dtype {dtype} is not a number's")
    return dtype


def send(fd: int, message: bytes) -> None:
    """The message's length, then the message, whole."""
    view = memoryview(_LENGTH.pack(len(message)) + message)
    try:
        while view:
            view = view[_write(fd, view) :]
    except (BrokenPipeError, ConnectionResetError) as error:
        raise Closed(str(error)) from None


def receive(fd: int, limit: int) -> bytearray:
    """One message, at most `limit` bytes long."""
    (size,) = _LENGTH.unpack(bytes(_read_exactly(fd, 8)))
    if size > limit:
        raise Malformed(f"an answer of {size} bytes, over the {limit} allowed")
    return _read_exactly(fd, size)


def _read_exactly(fd: int, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        try:
            count = _readv(fd, [view[got:]])
        except (ConnectionResetError, BrokenPipeError) as error:
            raise Closed(str(error)) from None
        if count == 0:
            raise Closed("end of the channel")
        got += count
    return buffer
