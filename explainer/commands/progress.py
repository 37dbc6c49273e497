"""Build progress on stderr: a bar in a terminal, one plain line per stage otherwise."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class StderrProgress:
    """A `BuildProgress` callback. Use as a context manager so the bar is closed."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}
        self._announced: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            if stage not in self._announced:
                self._announced.add(stage)
                print(f"{stage}...", file=sys.stderr, flush=True)
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=False)
            self._bar.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=max(total, 1))
        self._bar.update(self._tasks[stage], completed=done, total=max(total, 1))

    def __enter__(self) -> StderrProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
