"""Line mode (`explainer --plain`): questions and answers as plain lines, for screen readers.

No full-screen drawing, no colour, no spinners, no redraws: only whole lines, each starting with
what matters. A line that is exactly a command ("help", "glossary", "define detainer",
"sources", "start over", "quit") is a command; anything else is a question. With `--kiosk`:
a privacy splash, an idle reset, and "quit" only with the administrator's PIN.
"""

from __future__ import annotations

import select
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from explainer.core.explainer import Explainer, ExplainerError
from explainer.core.models import Answer, DefinitionUnit
from explainer.core.text import clean_line, normalize
from explainer.kiosk_pin import PinGuard
from explainer.plain_text import NOT_ADVICE, answer_text, definition_text
from explainer.settings import Settings

WELCOME = [
    "explainer: plain-language answers about 287(g) agreements, ICE and your rights.",
    "Type a question and press Enter. Type help for the commands.",
]
SPLASH = [
    "Welcome. Nothing you ask here is saved or sent anywhere.",
    "This is information, not legal advice.",
    "For free legal help, type: define legal help.",
    "Press Enter to start.",
]
HELP = [
    "Help: type a question in your own words and press Enter.",
    "Help: each answer quotes checked sources and says where each quote comes from.",
    "Commands: help, glossary, define followed by a term, sources, start over, quit.",
    "Command glossary: lists every checked term.",
    "Command define detainer: shows the full definition of detainer.",
    "Command sources: lists the sources of the last answer.",
    "Command start over: forgets the last answer.",
    NOT_ADVICE,
]
IDLE_WARNING = ("Idle: no one has typed for a while. This session will be cleared in {seconds} "
                "seconds. Press Enter to keep going.")
CLEAR_SCREEN_AND_SCROLLBACK = "\x1b[3J\x1b[H\x1b[2J"


@dataclass
class Kiosk:
    guard: PinGuard
    idle_seconds: int
    warning_seconds: int


class LineMode:
    def __init__(self, engine: Explainer, stdin: TextIO, stdout: TextIO,
                 kiosk: Kiosk | None = None,
                 read_secret: Callable[[str], str] | None = None) -> None:
        self.engine = engine
        self.stdin, self.stdout = stdin, stdout
        self.kiosk = kiosk
        self.interactive = stdin.isatty()
        self._read_secret = read_secret
        self._last: Answer | None = None

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    # The loop ------------------------------------------------------------------------------

    def run(self) -> int:
        self.say(*WELCOME)
        if self.kiosk:
            self._splash()
        while True:
            if self.interactive:
                self.say("Your question:")
            line = self._next_line()
            if line is None:  # end of input
                if self.kiosk and self.interactive:
                    continue
                return 0
            if not self.handle(line):
                return 0

    def _next_line(self) -> str | None:
        if self.kiosk is None:
            raw = self.stdin.readline()
            return None if raw == "" else raw
        quiet = self.kiosk.idle_seconds - self.kiosk.warning_seconds
        typed = self._read_within(quiet)
        if typed is not None:
            return typed or None
        self.say(IDLE_WARNING.format(seconds=self.kiosk.warning_seconds))
        typed = self._read_within(self.kiosk.warning_seconds)
        if typed is not None:
            return typed or None
        self._reset()
        return "\n"  # a blank line: nothing to answer

    def _read_within(self, seconds: float) -> str | None:
        """A line, "" at end of input, or None if nothing came in time."""
        try:
            ready, _, _ = select.select([self.stdin], [], [], max(seconds, 0))
        except (ValueError, OSError, TypeError):  # not a real file: no waiting possible
            return self.stdin.readline()
        return self.stdin.readline() if ready else None

    def handle(self, raw: str) -> bool:
        """Answer one line; False when the session should end."""
        text = clean_line(raw)
        command = normalize(text).strip(" .!?")
        if not text:
            return True
        if command in ("quit", "exit"):
            return self._quit()
        if command == "help":
            self.say(*HELP)
        elif command == "glossary":
            self._glossary()
        elif command == "sources":
            self._sources()
        elif command == "start over":
            self._last = None
            self.say("Started over. The last answer is forgotten.")
        elif command.startswith("define "):
            self._define(text.split(" ", 1)[1])
        else:
            self._answer(text)
        return True

    # Commands ------------------------------------------------------------------------------

    def _answer(self, question: str) -> None:
        answer = self.engine.ask(question)
        self._last = answer
        titles = {unit.id: unit.term for unit in self.engine.glossary()}
        self.say("", answer_text(answer, titles, width=None), "")

    def _glossary(self) -> None:
        terms = self.engine.glossary()
        self.say(f"Glossary: {len(terms)} checked terms. Type define and a term to read one.")
        for unit in terms:
            self.say(f"Term: {unit.term}.")

    def _sources(self) -> None:
        if self._last is None or not self._last.excerpts:
            self.say("Sources: there is no answer yet. Ask a question first.")
            return
        total = len(self._last.excerpts)
        for number, excerpt in enumerate(self._last.excerpts, start=1):
            where = f", {excerpt.location}" if excerpt.location else ""
            self.say(f"Source {number} of {total}: {excerpt.source}{where}.")

    def _define(self, wanted: str) -> None:
        unit = self._find_term(wanted)
        if unit is None:
            self.say(f"Define: no checked term matches {clean_line(wanted)}. "
                     "Type glossary to see every term.")
            return
        titles = {term.id: term.term for term in self.engine.glossary()}
        self.say("", definition_text(unit, titles, width=None), "")

    def _find_term(self, wanted: str) -> DefinitionUnit | None:
        key = normalize(wanted).strip(" .!?\"'")
        for unit in self.engine.glossary():
            names = [unit.id, unit.term, unit.term.split(" (")[0], *unit.aliases]
            if key in {normalize(name) for name in names}:
                return unit
        return None

    # Kiosk ---------------------------------------------------------------------------------

    def _splash(self) -> None:
        self.say("", *SPLASH)

    def _reset(self) -> None:
        self._last = None
        if self.stdout.isatty():  # the previous patron's questions leave the screen
            self.stdout.write(CLEAR_SCREEN_AND_SCROLLBACK)
        self.say("Session cleared.")
        self._splash()

    def _quit(self) -> bool:
        if self.kiosk is None:
            self.say("Goodbye.")
            return False
        guard = self.kiosk.guard
        if guard.wait_seconds() > 0:
            self.say(f"Quit: please wait {guard.wait_seconds()} seconds before trying again.")
            return True
        pin = self._secret("Administrator PIN:")
        if guard.check(pin):
            self.say("Goodbye.")
            return False
        self.say("Quit: that PIN is not right. This kiosk keeps running.")
        return True

    def _secret(self, prompt: str) -> str:
        if self._read_secret is not None:
            return self._read_secret(prompt)
        if self.interactive:
            import getpass

            return getpass.getpass(prompt + " ")
        self.say(prompt)
        return self.stdin.readline().rstrip("\r\n")


def run_line_mode(settings: Settings, kiosk_guard: PinGuard | None = None) -> int:
    """Load quietly, then run the loop on standard input and output."""
    out = sys.stdout
    kiosk = None
    if kiosk_guard is not None:
        kiosk = Kiosk(kiosk_guard, settings.idle_seconds, settings.idle_warning_seconds)
        for name in ("SIGINT", "SIGTSTP", "SIGQUIT"):  # only the PIN ends a kiosk session
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
    engine = Explainer(settings, allow_build=kiosk is None, quiet=True)
    out.write("Getting ready...\n")
    out.flush()
    try:
        engine.load()
    except ExplainerError as error:
        print(f"explainer: {error}", file=sys.stderr)
        return 1
    for warning in engine.warnings:
        print(f"explainer: {warning}", file=sys.stderr)
    try:
        return LineMode(engine, sys.stdin, out, kiosk).run()
    except KeyboardInterrupt:
        out.write("\nGoodbye.\n")
        return 0
