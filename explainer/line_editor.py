"""Line editing for line mode at a terminal: readline, history in memory only, an idle timer.

Arrow keys move the cursor (without readline they typed escape codes into the question), and
the up arrow brings back this session's questions. Nothing is ever written to a history file.

The kiosk's idle timer works inside `input()`: a repeating SIGALRM looks at the line every
quarter second, and raises `Idle` when it has not changed for the idle time. Python's readline
already handles an exception from a signal handler (it is how Ctrl+C's KeyboardInterrupt gets
out of `input()`): it frees the half-typed line and puts the terminal back, so the next
`input()` starts clean. `select` cannot do this, because readline reads the keys itself.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import TextIO

TICK_SECONDS = 0.25  # how often the idle timer looks at the line


class Idle(Exception):
    """Nothing changed on the line for the idle time."""

    def __init__(self, typed: str, active: bool) -> None:
        super().__init__("idle")
        self.typed = typed  # the half-typed line, to put back in the next read
        self.active = active  # whether anything was typed during this read


class LineEditor:
    """`input()` with readline: editing, in-memory history and an optional idle timer."""

    def __init__(self) -> None:
        import readline  # importing it is what makes input() edit lines

        self._readline = readline

    def read(self, idle_seconds: float | None = None, typed: str = "") -> str | None:
        """A line with its newline, or None at end of input. With `idle_seconds`, raise Idle
        when the line has not changed for that long. `typed` is put on the line first."""
        readline = self._readline
        if typed:
            def put_back() -> None:
                readline.insert_text(typed)
                readline.redisplay()

            readline.set_pre_input_hook(put_back)
        previous = None
        if idle_seconds is not None:
            previous = signal.signal(signal.SIGALRM, self._watch(idle_seconds, typed))
            signal.setitimer(signal.ITIMER_REAL, TICK_SECONDS, TICK_SECONDS)
        try:
            return input() + "\n"
        except EOFError:
            return None
        finally:
            if idle_seconds is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
                # None: a handler set outside Python; the default is the safe way back.
                signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
            readline.set_pre_input_hook(None)

    def _watch(self, idle_seconds: float,
               typed: str) -> Callable[[int, FrameType | None], None]:
        get_line = self._readline.get_line_buffer
        seen = typed
        changed_at = time.monotonic()
        active = False

        def on_tick(_signal: int, _frame: FrameType | None) -> None:
            nonlocal seen, changed_at, active
            line = get_line()
            now = time.monotonic()
            if line != seen:  # a key was typed: the patron is still here
                seen, changed_at, active = line, now, True
            elif now - changed_at >= idle_seconds:
                raise Idle(line, active)

        return on_tick

    def forget(self) -> None:
        """Start over: the next person cannot arrow back to earlier questions."""
        self._readline.clear_history()


def line_editor(stdin: TextIO, stdout: TextIO) -> LineEditor | None:
    """A LineEditor when both ends are this process's own terminal and readline is present."""
    if stdin is not sys.stdin or stdout is not sys.stdout:
        return None
    if not (stdin.isatty() and stdout.isatty()):
        return None
    try:
        return LineEditor()
    except ImportError:  # Python built without readline (some Windows and minimal builds)
        return None
