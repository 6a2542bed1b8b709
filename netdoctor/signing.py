"""The judge's result is signed with a key only it and netdoctor hold: a report written
into the pipe by anything else (user code reaching for /proc) carries no valid signature.
Standard library only: netdoctor's own process checks it without importing numpy."""

from __future__ import annotations

import hashlib
import hmac


def sign(key: bytes, body: bytes) -> bytes:
    """The first line of a result: the body's HMAC-SHA256, in hex."""
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode()


def signed_body(raw: bytes, key: bytes) -> bytes | None:
    """The body of `raw` when its first line is the body's signature, else None."""
    signature, _, body = raw.partition(b"\n")
    if not key or not hmac.compare_digest(signature, sign(key, body)):
        return None
    return body
