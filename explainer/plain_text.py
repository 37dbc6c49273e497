"""An Answer as plain text: what `explainer ask` and the line mode print (no colour, no markup).

Every line starts with what matters ("Definition: ...", "Source: ...", "Excerpt 2 of 3, from ...")
so a screen reader user hears the most important word first.
"""

from __future__ import annotations

import textwrap

from explainer.core.answer import Explanation
from explainer.core.messages import t
from explainer.core.models import Answer, DefinitionUnit, Excerpt
from explainer.core.text import clean_text

WIDTH = 78


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
        head = t("definition_head", term=excerpt.title)
    else:
        head = t("excerpt_head", number=number, total=total, title=excerpt.title,
                 location=excerpt.location)
    lines = _lines(head, width)
    body = f"\u201c{excerpt.text}\u201d" if excerpt.kind == "article" else excerpt.text
    lines += _lines(body, width, "  " if width else "")
    lines += _lines(t("source") + excerpt.source, width)
    if excerpt.as_of:
        lines += _lines(t("as_of_line", date=excerpt.as_of), width)
    if excerpt.note:
        label = t("maintainers_note") if excerpt.kind == "article" else t("note")
        lines += _lines(label + excerpt.note, width)
    return lines


def dates_line(answer: Answer) -> str | None:
    """The dates of what an answer quotes, so every answer ends with them."""
    dates = list(dict.fromkeys(e.as_of for e in answer.excerpts if e.as_of))
    return t("quoted_as_of", dates=", ".join(dates)) if dates else None


def answer_text(answer: Answer, titles: dict[str, str] | None = None,
                width: int | None = WIDTH, show_ids: bool = True) -> str:
    """The whole answer; `titles` maps ids in `see` to their terms.

    `show_ids` adds each see-also id ("(legal-help)") for maintainers; a screen reader should
    not read internal ids aloud, so line mode leaves them out.
    """
    lines = _lines(t("question_label") + answer.question, width) if answer.question else []
    lines += _lines(answer.message, width)
    for number, excerpt in enumerate(answer.excerpts, start=1):
        lines.append("")
        lines += excerpt_lines(excerpt, number, len(answer.excerpts), width)
    if answer.see:
        lines.append("")
        names = [_see_name(see, titles, show_ids) for see in answer.see]
        lines += _lines(t("see_also", names="; ".join(names)), width)
    if answer.status == "answered" or answer.reason == "out_of_scope":
        lines += ["", t("not_advice")]
        dated = dates_line(answer)
        if dated:
            lines.append(dated)
    return "\n".join(lines)


def _see_name(see: str, titles: dict[str, str] | None, show_ids: bool) -> str:
    term = (titles or {}).get(see, see)
    return f"{term} ({see})" if show_ids and term != see else term


def definition_text(unit: DefinitionUnit, titles: dict[str, str] | None = None,
                    width: int | None = WIDTH) -> str:
    """A full definition card: text, note, sources, date, related terms."""
    lines = _lines(t("definition_head", term=unit.term), width)
    lines += _lines(unit.text, width, "  " if width else "")
    if unit.note:
        lines += _lines(t("note") + unit.note, width)
    for source in unit.sources:
        lines += _lines(t("source") + source.one_line(), width)
    lines += _lines(t("as_of_line", date=unit.as_of), width)
    if unit.related:
        names = [(titles or {}).get(related, related) for related in unit.related]
        lines += _lines(t("related") + "; ".join(names) + ".", width)
    lines += ["", t("not_advice")]
    return "\n".join(lines)


def explanation_text(why: Explanation | None) -> str:
    """Why a question was answered or refused, for `explainer ask --explain` (for maintainers)."""
    if why is None:
        return "Why: decided before any search (empty, too long, or a greeting)."
    verdict = "answered" if why.answered else "refused"
    lines = [f"Why: {verdict}. Rule: {why.rule or 'none, the model decided'}. "
             f"P(answerable) {why.probability:.3f}, operating point {why.threshold:.3f}; "
             f"further excerpts need {why.keep:.2f}."]
    if why.not_covered_neighbour is not None:
        lines.append(f"Closest question we do not cover ({why.not_covered_similarity:.3f}): "
                     f"{clean_text(why.not_covered_neighbour)}")
    for report in why.candidates:
        features = ", ".join(f"{name} {value:g}" for name, value in report.features.items())
        lines.append(f"- {report.id}: P(answers) {report.probability:.3f}; {features}")
    return "\n".join(lines)
