"""The renderer's lines as plain text: what `explainer ask` and line mode print (no colour, no
markup).

Every line starts with what matters ("Definition: ...", "Source: ...", "Excerpt 2 of 3, from ...")
so a screen reader user hears the most important word first.
"""

from __future__ import annotations

import textwrap

from explainer.core.answer import Explanation
from explainer.core.models import Answer, DefinitionUnit
from explainer.core.text import clean_text
from explainer.render import Block, render, render_definition

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


def block_lines(block: Block, width: int | None = WIDTH) -> list[str]:
    """One excerpt: "Excerpt 1 of 2. Definition: detainer.", the quote indented, then the rest."""
    lines: list[str] = []
    for line in block.lines:
        if line.kind == "heading":
            lines += _lines(f"{block.counter}. {line.text}", width)
        elif line.kind == "quote":
            body = f"\u201c{line.value}\u201d" if block.kind == "article" else line.value
            lines += _lines(body, width, "  " if width else "")
        else:
            lines += _lines(line.text, width)
    return lines


def answer_text(answer: Answer, titles: dict[str, str] | None = None,
                width: int | None = WIDTH, show_ids: bool = True) -> str:
    """The whole answer; `titles` maps ids in `see` to their terms.

    `show_ids` adds each see-also id ("(legal-help)") for maintainers; a screen reader should
    not read internal ids aloud, so line mode leaves them out.
    """
    rendered = render(answer, titles, show_ids=show_ids)
    lines = _lines(rendered.question.text, width) if rendered.question else []
    lines += _lines(rendered.message.text, width)
    for block in rendered.blocks:
        lines.append("")
        lines += block_lines(block, width)
    for line in rendered.closing:
        if line.kind in ("see", "disclaimer"):
            lines.append("")
        lines += _lines(line.text, width)
    return "\n".join(lines)


def definition_text(unit: DefinitionUnit, titles: dict[str, str] | None = None,
                    width: int | None = WIDTH) -> str:
    """A full definition card: text, note, sources, date, related terms."""
    lines: list[str] = []
    for line in render_definition(unit, titles):
        if line.kind == "quote":
            lines += _lines(line.value, width, "  " if width else "")
        else:
            if line.kind == "disclaimer":
                lines.append("")
            lines += _lines(line.text, width)
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
