"""The one place an Answer becomes text: structured lines that every front end formats.

The app's cards, line mode, `explainer ask`, read-aloud and the handouts all take these lines;
none of them reads an excerpt to build text itself. A line keeps our fixed words (`label`, `end`)
apart from the untrusted words it shows (`value`), so each front end can style or escape them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from explainer.catalog import language_name, t
from explainer.core.messages import CATALOG as CORE
from explainer.core.messages import current_language
from explainer.core.models import READ_ON, Answer, DefinitionUnit, Excerpt

Kind = Literal["question", "message", "heading", "language", "quote", "note", "source", "date",
               "stale", "related", "see", "disclaimer", "dates"]

# How core/knowledge.py words an article's location, citation parts and dated notes (English).
_PARAGRAPH = re.compile(r"^paragraph (\d+)$")
_NOTE_AS_OF = re.compile(r"^As of (\d{4}(?:-\d\d){0,2}): ")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?$")


@dataclass(frozen=True)
class Line:
    kind: Kind
    label: str = ""  # our own words, before the value
    value: str = ""  # untrusted words (knowledge, the question): shown exactly as written
    end: str = ""  # our own words, after the value
    language: str | None = None  # the language of `value` when it is quoted knowledge

    @property
    def text(self) -> str:
        return f"{self.label}{self.value}{self.end}"


@dataclass(frozen=True)
class Block:
    """One excerpt: its heading, quote, note, source and date lines, in reading order."""

    unit_id: str
    kind: Literal["definition", "article"]
    counter: str  # "Excerpt 1 of 3"
    where: str  # "paragraph 4" in the interface language, or ""
    lines: tuple[Line, ...]

    def line(self, kind: Kind) -> Line | None:
        return next((line for line in self.lines if line.kind == kind), None)


@dataclass(frozen=True)
class RenderedAnswer:
    question: Line | None
    message: Line
    blocks: tuple[Block, ...]
    closing: tuple[Line, ...]  # the help pointer ("See also"), the disclaimer, the dates


def out_of_date(as_of: str, today: dt.date) -> bool:
    """More than a year before today. A partial date ("2025-04") counts from its last day."""
    found = _PARTIAL_DATE.match(as_of)
    if not found:
        return False
    year, month, day = int(found[1]), found[2], found[3]
    last_month = int(month) if month else 12
    last_day = int(day) if day else calendar.monthrange(year, last_month)[1]
    try:
        latest = dt.date(year, last_month, last_day)
    except ValueError:
        return False
    year_ago = today.replace(year=today.year - 1, day=28 if today.month == 2 and today.day == 29
                             else today.day)
    return latest < year_ago


def _without_disclaimer(message: str) -> str:
    """The answer's message minus its closing disclaimer: the answer says it once, at the end."""
    for table in CORE.values():
        if message.endswith(table["not_advice"]):
            return message[: -len(table["not_advice"])].rstrip()
    return message


def _location(location: str | None) -> str:
    if not location:
        return ""
    found = _PARAGRAPH.match(location)
    return t("paragraph_location", number=found[1]) if found else location


def source_text(source: str) -> str:
    """A definition's source line with our own words in the interface language: "no date on
    the page; read on <day>" (the titles stay as written)."""
    return source.replace(READ_ON, t("read_on"))


def _source(excerpt: Excerpt) -> str:
    """An article's citation parts in the interface language (the title stays as written)."""
    if excerpt.kind != "article":
        return source_text(excerpt.source)
    parts = []
    for part in excerpt.source.split("; "):
        if part == "publisher: unknown":
            part = t("publisher_unknown")
        elif part.startswith("publisher: "):
            part = t("publisher") + part.removeprefix("publisher: ")
        elif part.startswith("reporting from "):
            part = t("reporting_from") + part.removeprefix("reporting from ")
        if part.endswith(" (approximate date)"):
            part = part.removesuffix(" (approximate date)") + t("approximate_date")
        parts.append(part)
    return "; ".join(parts)


def _note(excerpt: Excerpt) -> Line | None:
    if not excerpt.note:
        return None
    if excerpt.kind == "definition":
        return Line("note", t("note"), excerpt.note)
    found = _NOTE_AS_OF.match(excerpt.note)
    label = t("maintainers_note")
    if found:
        label += t("note_as_of", date=found[1])
        return Line("note", label, excerpt.note[found.end():])
    return Line("note", label, excerpt.note)


def dated(as_of: str | None, today: dt.date) -> list[Line]:
    """"Facts as of <date>.", and "This may be out of date." when that is over a year ago."""
    if not as_of:
        return []
    lines = [Line("date", t("as_of"), as_of, ".")]
    if out_of_date(as_of, today):
        lines.append(Line("stale", t("out_of_date")))
    return lines


def language_notice(language: str) -> list[Line]:
    """"This excerpt is in English.", said before a quote that is not in the interface language."""
    if language == current_language():
        return []
    return [Line("language", t("excerpt_language", name=language_name(language)))]


def render_excerpt(excerpt: Excerpt, number: int, total: int, today: dt.date) -> Block:
    where = _location(excerpt.location)
    if excerpt.kind == "definition":
        heading = Line("heading", t("definition_label"), excerpt.title, ".")
    else:
        heading = Line("heading", t("from"), f"{excerpt.title}, {where}" if where
                       else excerpt.title)
    lines = [heading, *language_notice(excerpt.language)]
    lines.append(Line("quote", value=excerpt.text, language=excerpt.language))
    note = _note(excerpt)
    if note is not None:  # the note before the long citation, so it is not lost after it
        lines.append(note)
    lines.append(Line("source", t("source"), _source(excerpt)))
    lines += dated(excerpt.as_of, today)
    return Block(excerpt.id, excerpt.kind, t("excerpt_count", number=number, total=total),
                 where, tuple(lines))


def render(answer: Answer, titles: Mapping[str, str] | None = None, *, show_ids: bool = False,
           today: dt.date | None = None) -> RenderedAnswer:
    """An Answer as lines. `titles` maps the ids in `see` to their terms; `show_ids` adds each
    id ("(legal-help)") for maintainers, never for a screen reader."""
    day = today or dt.date.today()
    total = len(answer.excerpts)
    blocks = tuple(render_excerpt(excerpt, number, total, day)
                   for number, excerpt in enumerate(answer.excerpts, start=1))
    closing: list[Line] = []
    if answer.see:
        names = [_see_name(see, titles or {}, show_ids) for see in answer.see]
        closing.append(Line("see", t("see_also"), "; ".join(names), "."))
    if answer.status == "answered" or answer.reason in ("out_of_scope", "too_long"):
        closing.append(Line("disclaimer", t("not_advice")))
        # With one excerpt its own date line said it already.
        dates = list(dict.fromkeys(e.as_of for e in answer.excerpts if e.as_of))
        if dates and total > 1:
            closing.append(Line("dates", t("as_of"), ", ".join(dates), "."))
    question = Line("question", t("question_label"), answer.question) if answer.question else None
    return RenderedAnswer(question, Line("message", _without_disclaimer(answer.message)),
                          blocks, tuple(closing))


def _see_name(see: str, titles: Mapping[str, str], show_ids: bool) -> str:
    term = titles.get(see, see)
    return f"{term} ({see})" if show_ids and term != see else term


def render_definition(unit: DefinitionUnit, titles: Mapping[str, str] | None = None,
                      today: dt.date | None = None) -> tuple[Line, ...]:
    """A full definition card: heading, text, what is uncertain, sources, date, related terms."""
    lines = [Line("heading", t("definition_label"), unit.term, "."),
             *language_notice(unit.language),
             Line("quote", value=unit.text, language=unit.language)]
    if unit.note:
        lines.append(Line("note", t("note"), unit.note))
    lines += [Line("source", t("source"), source_text(source.one_line()))
              for source in unit.sources]
    lines += dated(unit.as_of, today or dt.date.today())
    if unit.related:
        names = [(titles or {}).get(related, related) for related in unit.related]
        lines.append(Line("related", t("related"), "; ".join(names), "."))
    lines.append(Line("disclaimer", t("not_advice")))
    return tuple(lines)
