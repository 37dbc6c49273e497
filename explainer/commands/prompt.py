"""A simple question prompt: what `explainer` opens until the full-screen app exists."""

from __future__ import annotations

import sys

from explainer.cli import EXIT_BROKEN, EXIT_OK, print_line
from explainer.commands.progress import StderrProgress
from explainer.core.explainer import Explainer, ExplainerError
from explainer.plain_text import answer_text
from explainer.settings import Settings


def run_prompt(settings: Settings) -> int:
    print_line("explainer: ask about 287(g) agreements, ICE and your rights.")
    print_line("Nothing you type is saved or sent anywhere. Press Ctrl+D or type 'quit' to stop.")
    with StderrProgress() as progress:
        explainer = Explainer(settings, progress=progress)
        try:
            explainer.load()
        except ExplainerError as error:
            print(f"explainer: {error}", file=sys.stderr)
            return EXIT_BROKEN
    titles = {unit.id: unit.term for unit in explainer.glossary()}
    while True:
        try:
            question = input("\nYour question: ")
        except (EOFError, KeyboardInterrupt):
            print_line("")
            return EXIT_OK
        if question.strip().casefold() in {"quit", "exit", "q"}:
            return EXIT_OK
        print_line("")
        print_line(answer_text(explainer.ask(question), titles))
