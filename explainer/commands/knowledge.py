"""`explainer knowledge list`: every unit the knowledge folders hold, drafts included."""

from __future__ import annotations

import sys

from explainer.cli import EXIT_BROKEN, EXIT_OK, print_json, print_line
from explainer.core.knowledge import KnowledgeError, load_knowledge
from explainer.settings import Settings

# Internal bookkeeping that is not part of the listing contract.
_HIDDEN_FIELDS = {"line", "sentences"}


def run_list(settings: Settings, *, as_json: bool) -> int:
    try:
        knowledge = load_knowledge(settings.knowledge_folders())
    except KnowledgeError as error:
        for problem in error.problems:
            print(f"explainer: {problem}", file=sys.stderr)
        return EXIT_BROKEN
    for unit in knowledge.units:
        if as_json:
            print_json(unit.model_dump(mode="json", exclude=_HIDDEN_FIELDS))
        else:
            print_line(f"{unit.id}\t{unit.kind}\t{unit.status}\t{unit.title}")
    return EXIT_OK
