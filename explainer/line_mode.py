"""Line mode (`explainer --plain`): questions and answers as plain lines, for screen readers.

No full-screen drawing, no colour, no spinners, no redraws: only whole lines, each starting with
what matters. A line that is exactly a command ("help", "glossary", "define detainer",
"sources", "start over", "quit", or their Spanish words) is a command; anything else is a
question. With `--kiosk`:
a privacy splash, an idle reset, and "quit" only with the administrator's PIN.
"""

from __future__ import annotations

import select
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from explainer.catalog import t
from explainer.core.explainer import Explainer, ExplainerError
from explainer.core.messages import current_language
from explainer.core.models import Answer, DefinitionUnit
from explainer.core.text import clean_line, normalize
from explainer.kiosk_pin import PinGuard
from explainer.line_editor import Idle, LineEditor, line_editor
from explainer.plain_text import answer_text, definition_text
from explainer.render import render
from explainer.settings import Settings

# Command words, in every offered language: a line that is exactly one of these is a command.
QUIT = {"quit", "exit", "salir"}
HELP = {"help", "ayuda"}
GLOSSARY = {"glossary", "glosario"}
SOURCES = {"sources", "fuentes"}
START_OVER = {"start over", "empezar de nuevo"}
DEFINE = ("define ", "definir ")
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
        self._pending: str | None = None  # a question typed at the splash instead of Enter
        self.editor = line_editor(stdin, stdout)

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    # The loop ------------------------------------------------------------------------------

    def run(self) -> int:
        self.say(*t("line_welcome").split("\n"))
        if self.kiosk:
            self._splash()
        while True:
            if self.interactive:
                self.say(t("line_prompt"))
            line = self._next_line()
            if line is None:  # end of input
                if self.kiosk and self.interactive:
                    continue
                return 0
            if not self.handle(line):
                return 0

    def _next_line(self) -> str | None:
        if self._pending is not None:
            line, self._pending = self._pending, None
            return line
        if self.kiosk is None:
            if self.editor is not None:
                return self.editor.read()
            raw = self.stdin.readline()
            return None if raw == "" else raw
        if self.editor is not None:
            return self._edited_line(self.editor, self.kiosk)
        # The README's promise: the warning comes after idle_seconds with no input, then the
        # countdown of warning_seconds runs (it used to start at idle minus warning).
        typed = self._read_within(self.kiosk.idle_seconds)
        if typed is not None:
            return typed or None
        self.say(t("line_idle", seconds=self.kiosk.warning_seconds))
        typed = self._read_within(self.kiosk.warning_seconds)
        if typed is not None:
            return typed or None
        self._reset()
        return "\n"  # a blank line: nothing to answer

    def _edited_line(self, editor: LineEditor, kiosk: Kiosk) -> str | None:
        """The kiosk at a terminal: readline, with the idle warning and reset. A key typed
        during the warning keeps the session, and the half-typed line is never lost."""
        typed = ""
        while True:
            try:
                return editor.read(kiosk.idle_seconds, typed)
            except Idle as idle:
                typed = idle.typed
            self.say("", t("line_idle", seconds=kiosk.warning_seconds), t("line_prompt"))
            try:
                return editor.read(kiosk.warning_seconds, typed)
            except Idle as idle:
                if not idle.active:
                    break
                typed = idle.typed  # typing came back: wait the full idle time again
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
        if command in QUIT:
            return self._quit()
        if command in HELP:
            self.say(*t("line_help").split("\n"))
        elif command in GLOSSARY:
            self._glossary()
        elif command in SOURCES:
            self._sources()
        elif command in START_OVER:
            self._last = None
            if self.editor is not None:
                self.editor.forget()
            self.say(t("line_started_over"))
        elif command.startswith(DEFINE):
            self._define(text.split(" ", 1)[1])
        else:
            self._answer(text)
        return True

    # Commands ------------------------------------------------------------------------------

    def _answer(self, question: str) -> None:
        answer = self.engine.ask(question)
        self._last = answer
        # "See also" names each entry by its term in the reader's language, where there is one.
        titles = {unit.entry: unit.term for unit in self.engine.glossary(current_language())}
        self.say("", answer_text(answer, titles, width=None, show_ids=False), "")

    def _glossary(self) -> None:
        terms = self.engine.glossary(current_language())
        self.say(t("line_glossary", count=len(terms)))
        for unit in terms:
            self.say(t("line_term", term=unit.term))

    def _sources(self) -> None:
        if self._last is None or not self._last.excerpts:
            self.say(t("line_no_sources"))
            return
        blocks = render(self._last).blocks
        for number, block in enumerate(blocks, start=1):
            source = block.line("source")
            where = f", {block.where}" if block.where else ""
            self.say(t("line_source", number=number, total=len(blocks),
                       source=source.value if source else "", where=where))

    def _define(self, wanted: str) -> None:
        unit = self._find_term(wanted)
        if unit is None:
            self.say(t("line_no_term", term=clean_line(wanted)))
            return
        # The card and the names of its related terms in the reader's language, where the
        # knowledge holds them in it.
        language = current_language()
        shown = self.engine.translation(unit.entry, language)
        card = shown if isinstance(shown, DefinitionUnit) else unit
        titles = {term.entry: term.term for term in self.engine.glossary(language)}
        self.say("", definition_text(card, titles, width=None), "")

    def _find_term(self, wanted: str) -> DefinitionUnit | None:
        key = normalize(wanted).strip(" .!?\"'")
        for unit in [*self.engine.glossary(), *self.engine.glossary(current_language())]:
            names = [unit.id, unit.term, unit.term.split(" (")[0], *unit.aliases]
            if key in {normalize(name) for name in names}:
                return unit
        return None

    # Kiosk ---------------------------------------------------------------------------------

    def _splash(self) -> None:
        self.say("", *t("line_splash").split("\n"))
        if self.interactive:
            # "Press Enter to start." must wait: nothing else is read until the patron answers.
            # A question typed instead of a bare Enter is kept and answered, not lost.
            line = self.editor.read() if self.editor is not None else self.stdin.readline()
            if line and line.strip():
                self._pending = line

    def _reset(self) -> None:
        self._last = None
        if self.editor is not None:  # the next patron cannot arrow back to these questions
            self.editor.forget()
        if self.stdout.isatty():  # the previous patron's questions leave the screen
            self.stdout.write(CLEAR_SCREEN_AND_SCROLLBACK)
        self.say(t("line_cleared"))
        self._splash()

    def _quit(self) -> bool:
        if self.kiosk is None:
            self.say(t("line_goodbye"))
            return False
        guard = self.kiosk.guard
        if guard.wait_seconds() > 0:
            self.say(t("line_pin_wait", seconds=guard.wait_seconds()))
            return True
        pin = self._secret(t("line_pin"))
        if guard.check(pin):
            self.say(t("line_goodbye"))
            return False
        self.say(t("line_pin_wrong"))
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
    out.write(t("line_ready") + "\n")
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
        out.write("\n" + t("line_goodbye") + "\n")
        return 0
