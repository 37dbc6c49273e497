"""Warn when a definition says a court case is "challenged" or "pending" without a date.

A reader takes an undated "it is being challenged" as today's news. Court cases move, so
each such sentence must carry the year it was true ("As of June 2026, ...").
"""

from __future__ import annotations

import re
from pathlib import Path

from explainer.core.knowledge import Problem
from explainer.core.models import DefinitionUnit
from explainer.core.sentences import sentences

# Words that report a case as still open, in English and in Spanish ("impugnado": challenged;
# "pendiente": pending; "en curso", "en trámite", "sigue abierto": ongoing; "en litigio": in
# court; "recurrido", "apelado": appealed).
_OPEN_CASE = re.compile(
    r"(?<!\bto )\b(challeng(?:ed|es?)|pending|ongoing|still going on|impugnad\w*|pendientes?"
    r"|en curso|en trámite|en tramite|en litigio|sigue[n]? abiert[oa]s?|siguen? en (?:la )?corte"
    r"|recurrid[oa]s?|apelad[oa]s?|desafiad[oa]s? en (?:la )?corte)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def undated_open_cases(unit: DefinitionUnit) -> list[Problem]:
    """One warning per sentence of the definition or its note that reports an open case
    with no year in the same sentence."""
    found: list[Problem] = []
    for part in (unit.text, unit.note or ""):
        for sentence in sentences(part):
            match = _OPEN_CASE.search(sentence)
            if match and not _YEAR.search(sentence):
                found.append(Problem(Path(unit.file), unit.line, (
                    f"\"{match.group(0)}\" with no date (\"{' '.join(sentence.split()[:6])} "
                    "...\"): say when it was true, for example \"As of June 2026, ...\"")))
    return found
