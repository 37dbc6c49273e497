"""Untrusted text as inert Content: never parsed as markup, escape sequences already gone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.content import Content
from textual.style import Style

from explainer.core.models import DefinitionUnit
from explainer.core.text import clean_text


def plain(text: str) -> Content:
    """Text exactly as written: `[b]` stays `[b]`."""
    return Content(clean_text(text))


def labelled(label: str, text: str, label_style: str = "bold") -> Content:
    """A fixed label (our own words) followed by untrusted text."""
    return Content.assemble((label, label_style), Content(clean_text(text)))


class TermMarker:
    """Marks words that have a vetted definition, each clickable to open its card."""

    def __init__(self, definitions: Iterable[DefinitionUnit]) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for definition in definitions:
            for name in [definition.term, *definition.aliases]:
                name = clean_text(name).strip()
                if len(name) < 3:
                    continue
                if name.isupper():  # "ICE" must not mark "ice"
                    exact.setdefault(name, definition.id)
                else:
                    folded.setdefault(name.casefold(), definition.id)
        self._exact, self._folded = exact, folded
        self._exact_pattern = _alternation(exact, 0)
        self._folded_pattern = _alternation(folded, re.IGNORECASE)

    def spans(self, text: str, skip: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, definition id) of each marked term, longest first, never overlapping."""
        found: list[tuple[int, int, str]] = []
        for pattern, table, fold in ((self._exact_pattern, self._exact, False),
                                     (self._folded_pattern, self._folded, True)):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                key = match.group(0).casefold() if fold else match.group(0)
                term_id = table.get(key)
                if term_id and term_id != skip:
                    found.append((match.start(), match.end(), term_id))
        found.sort(key=lambda span: (span[0], -(span[1] - span[0])))
        kept: list[tuple[int, int, str]] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def mark(self, text: str, skip: str | None = None) -> tuple[Content, list[str]]:
        """The text with marked terms, and the ids of the terms found (in order, once each)."""
        content = Content(clean_text(text))
        ids: list[str] = []
        for start, end, term_id in self.spans(content.plain, skip):
            action = Style.from_meta({"@click": f"app.open_definition('{term_id}')"})
            content = content.stylize(Style(underline=True, bold=True) + action, start, end)
            if term_id not in ids:
                ids.append(term_id)
        return content, ids


def _alternation(names: dict[str, str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", flags)
