"""`explainer ask`: one question from the command line, or one per line from stdin."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from explainer.commands.loading import load_engine
from explainer.commands.output import EXIT_BROKEN, EXIT_OK, print_json, print_line
from explainer.plain_text import answer_text, explanation_text
from explainer.settings import Settings


def run_ask(settings: Settings, question: str | None, *, as_json: bool,
            explain: bool = False) -> int:
    explainer = load_engine(settings)
    if explainer is None:
        return EXIT_BROKEN
    titles = {unit.id: unit.term for unit in explainer.glossary()}
    questions: Iterable[str] = [question] if question is not None else _lines(sys.stdin)
    for text in questions:
        answer, why = explainer.ask_explained(text)
        if as_json:
            payload = answer.model_dump(mode="json")
            if explain:
                payload["explain"] = why.model_dump(mode="json") if why else None
            print_json(payload)
        else:
            print_line(answer_text(answer, titles) + "\n")
            if explain:
                print_line(explanation_text(why) + "\n")
    return EXIT_OK


def _lines(stream: Iterable[str]) -> Iterable[str]:
    for line in stream:
        yield line.rstrip("\r\n")
