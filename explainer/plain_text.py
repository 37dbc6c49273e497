"""An Answer as plain, readable text: what `explainer ask` prints (no colour, no markup)."""

from __future__ import annotations

import textwrap

from explainer.core.models import Answer, Excerpt
from explainer.core.text import clean_text

WIDTH = 78
NOT_ADVICE = "This is information, not legal advice."


def _wrap(text: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in clean_text(text).split("\n"):
        lines += textwrap.wrap(paragraph, WIDTH, initial_indent=indent,
                               subsequent_indent=indent) or [""]
    return lines


def excerpt_lines(excerpt: Excerpt, number: int, total: int) -> list[str]:
    if excerpt.kind == "definition":
        head = f"Definition: {excerpt.title}."
    else:
        head = f"Excerpt {number} of {total}, from {excerpt.title}, {excerpt.location}:"
    lines = _wrap(head)
    if excerpt.kind == "article":
        lines += _wrap(f"\u201c{excerpt.text}\u201d", "  ")
    else:
        lines += _wrap(excerpt.text, "  ")
    lines += _wrap(f"Source: {excerpt.source}")
    if excerpt.as_of:
        lines += _wrap(f"As of: {excerpt.as_of}")
    if excerpt.note:
        label = "Note from the explainer's maintainers" if excerpt.kind == "article" else "Note"
        lines += _wrap(f"{label}: {excerpt.note}")
    return lines


def answer_text(answer: Answer, titles: dict[str, str] | None = None) -> str:
    """The whole answer; `titles` maps ids in `see` to their terms."""
    lines = _wrap(f"Question: {answer.question}") if answer.question else []
    lines += _wrap(answer.message)
    for number, excerpt in enumerate(answer.excerpts, start=1):
        lines.append("")
        lines += excerpt_lines(excerpt, number, len(answer.excerpts))
    if answer.see:
        lines.append("")
        names = [f"{(titles or {}).get(see, see)} ({see})" for see in answer.see]
        lines += _wrap("See also: " + "; ".join(names) + ".")
    if answer.status == "answered" or answer.reason == "out_of_scope":
        lines += ["", NOT_ADVICE] if not answer.message.endswith(NOT_ADVICE) else []
    return "\n".join(lines)
