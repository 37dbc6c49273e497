"""Read an answer aloud with espeak-ng, each excerpt in the voice of its own language.

espeak-ng runs as a separate process with the text on standard input (never a shell), one
excerpt after another in a background thread, and can be stopped at any time.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Sequence

from explainer.core.messages import current_language
from explainer.core.models import Answer
from explainer.render import render

VOICES = {"en": "en-us", "es": "es-419"}


def find_espeak() -> str | None:
    return shutil.which("espeak-ng")


def speech_plan(answer: Answer, binary: str) -> list[tuple[list[str], str]]:
    """(argument list, text for stdin) per piece: the message, then each excerpt."""
    def command(language: str) -> list[str]:
        return [binary, "-v", VOICES.get(language, language), "--stdin"]

    plan = [(command(current_language()), answer.message)]
    for block in render(answer).blocks:
        heading, quote = block.line("heading"), block.line("quote")
        if heading is not None and quote is not None:
            plan.append((command(quote.language or current_language()),
                         f"{heading.value}. {quote.value}"))
    return plan


class Reader:
    """Speaks one plan at a time; `stop` ends the current process and the rest of the plan."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self.failed = False
        """The last plan did not play: espeak-ng could not start or found no sound device."""

    @property
    def speaking(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, plan: Sequence[tuple[list[str], str]]) -> None:
        self.stop()
        self._stopped.clear()
        self.failed = False
        self._thread = threading.Thread(target=self._speak, args=(list(plan),), daemon=True)
        self._thread.start()

    def _speak(self, plan: list[tuple[list[str], str]]) -> None:
        for argv, text in plan:
            if self._stopped.is_set():
                return
            try:
                self._process = subprocess.Popen(  # an argument list: no shell
                    argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
                self._process.communicate(text.encode("utf-8"))
            except OSError:
                self.failed = True
                return
            if self._process.returncode != 0 and not self._stopped.is_set():
                self.failed = True
                return

    def stop(self) -> None:
        self._stopped.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._thread = None
