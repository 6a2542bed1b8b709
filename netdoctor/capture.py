"""Captured output that cannot grow without bound: the first and last characters are
kept, the middle is counted.

User code prints, sometimes a line per step for ten thousand epochs, sometimes a
gigabyte in a loop. What it printed is only ever shown as a clue (the lines before a
crash), so the head and the tail are what matter; keeping everything would turn a chatty
program into an out-of-memory report.
"""

from __future__ import annotations

import io

HEAD = 2000
TAIL = 4000


def dropped_note(dropped: int) -> str:
    """The line that stands for the middle left out."""
    return f"[... {dropped} characters of output dropped ...]"


class BoundedOutput(io.TextIOBase):
    """A text sink keeping `head` characters from the start and `tail` from the end."""

    def __init__(self, head: int = HEAD, tail: int = TAIL) -> None:
        super().__init__()
        self._head_size, self._tail_size = head, tail
        self._head = ""
        self._tail = ""
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        written = len(text)
        room = self._head_size - len(self._head)
        if room > 0:
            self._head += text[:room]
            text = text[room:]
        if len(text) >= self._tail_size:  # never copy a huge string whole
            self.dropped += len(self._tail) + len(text) - self._tail_size
            self._tail = text[-self._tail_size :] if self._tail_size else ""
        elif text:
            joined = self._tail + text
            overflow = len(joined) - self._tail_size
            if overflow > 0:
                self.dropped += overflow
                joined = joined[overflow:]
            self._tail = joined
        return written

    def getvalue(self) -> str:
        """Head, a line counting what was dropped (when anything was), and tail."""
        if not self.dropped:
            return self._head + self._tail
        return f"{self._head}\n{dropped_note(self.dropped)}\n{self._tail}"


def bounded_bytes(head: bytes, tail: bytes, dropped: int) -> str:
    """The same for raw bytes read from a pipe (the worker's standard error)."""
    text = head.decode(errors="replace")
    if dropped:
        text += f"\n{dropped_note(dropped)}\n"
    return text + tail.decode(errors="replace")
