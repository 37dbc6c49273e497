"""An Answer as plain text: what `explainer ask` and the line mode print (no colour, no markup).

Every line starts with what matters ("Definition: ...", "Source: ...", "Excerpt 2 of 3, from ...")
so a screen reader user hears the most important word first.
"""

from __future__ import annotations

import textwrap

from explainer.core.models import Answer, DefinitionUnit, Excerpt
from explainer.core.text import clean_text

WIDTH = 78
NOT_ADVICE = "This is information, not legal advice."
MAINTAINERS_NOTE = "Note from the explainer's maintainers"


def _lines(text: str, width: int | None, indent: str = "") -> list[str]:
    """Clean text split into lines; wrapped at `width` when given (never for screen readers)."""
    lines: list[str] = []
    for paragraph in clean_text(text).split("\n"):
        if width is None:
            lines.append(indent + paragraph)
        else:
            lines += textwrap.wrap(paragraph, width, initial_indent=indent,
                                   subsequent_indent=indent) or [""]
    return lines


def excerpt_lines(excerpt: Excerpt, number: int, total: int, width: int | None = WIDTH,
                  ) -> list[str]:
    if excerpt.kind == "definition":
        head = f"Definition: {excerpt.title}."
    else:
        head = f"Excerpt {number} of {total}, from {excerpt.title}, {excerpt.location}:"
    lines = _lines(head, width)
    body = f"\u201c{excerpt.text}\u201d" if excerpt.kind == "article" else excerpt.text
    lines += _lines(body, width, "  " if width else "")
    lines += _lines(f"Source: {excerpt.source}", width)
    if excerpt.as_of:
        lines += _lines(f"As of: {excerpt.as_of}", width)
    if excerpt.note:
        label = MAINTAINERS_NOTE if excerpt.kind == "article" else "Note"
        lines += _lines(f"{label}: {excerpt.note}", width)
    return lines


def dates_line(answer: Answer) -> str | None:
    """"Quoted as of: ..." so every answer ends with the date of what it quotes."""
    dates = list(dict.fromkeys(e.as_of for e in answer.excerpts if e.as_of))
    return f"Quoted as of: {', '.join(dates)}." if dates else None


def answer_text(answer: Answer, titles: dict[str, str] | None = None,
                width: int | None = WIDTH) -> str:
    """The whole answer; `titles` maps ids in `see` to their terms."""
    lines = _lines(f"Question: {answer.question}", width) if answer.question else []
    lines += _lines(answer.message, width)
    for number, excerpt in enumerate(answer.excerpts, start=1):
        lines.append("")
        lines += excerpt_lines(excerpt, number, len(answer.excerpts), width)
    if answer.see:
        lines.append("")
        names = [f"{(titles or {}).get(see, see)} ({see})" for see in answer.see]
        lines += _lines("See also: " + "; ".join(names) + ".", width)
    if answer.status == "answered" or answer.reason == "out_of_scope":
        lines += ["", NOT_ADVICE]
        dated = dates_line(answer)
        if dated:
            lines.append(dated)
    return "\n".join(lines)


def definition_text(unit: DefinitionUnit, titles: dict[str, str] | None = None,
                    width: int | None = WIDTH) -> str:
    """A full definition card: text, note, sources, date, related terms."""
    lines = _lines(f"Definition: {unit.term}.", width)
    lines += _lines(unit.text, width, "  " if width else "")
    if unit.note:
        lines += _lines(f"Note: {unit.note}", width)
    for source in unit.sources:
        lines += _lines(f"Source: {source.one_line()}", width)
    lines += _lines(f"As of: {unit.as_of}", width)
    if unit.related:
        names = [(titles or {}).get(related, related) for related in unit.related]
        lines += _lines("Related terms: " + "; ".join(names) + ".", width)
    lines += ["", NOT_ADVICE]
    return "\n".join(lines)
