"""One quoted excerpt with its citation, note, and buttons to open its source and its terms."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Button, Static

from explainer.core.messages import LANGUAGE_NAMES, current_language, t
from explainer.core.models import Excerpt
from explainer.ui.messages import OpenRequested
from explainer.ui.safe_text import TermMarker, labelled, plain
from explainer.ui.widgets.button_row import ButtonRow


def short_name(term: str) -> str:
    """The term without its explanation in brackets, so buttons fit on one line."""
    return term.split(" (")[0] if not term.startswith("(") else term


class ExcerptView(VerticalGroup):
    """Definition: term as heading, text, Source and As-of lines. Article: citation first."""

    def __init__(self, excerpt: Excerpt, marker: TermMarker, terms: dict[str, str],
                 look_ups: list[str]) -> None:
        super().__init__(classes=f"excerpt {excerpt.kind}")
        self.excerpt = excerpt
        self._marker = marker
        self._terms = terms
        self._look_ups = look_ups  # the card chooses, so a term gets one button per card

    def compose(self) -> ComposeResult:
        excerpt = self.excerpt
        if excerpt.kind == "definition":
            yield Static(plain(excerpt.title), classes="heading")
        else:
            yield Static(labelled(t("from"), f"{excerpt.title}, {excerpt.location}"),
                         classes="heading")
        skip = excerpt.id if excerpt.kind == "definition" else None
        body, _ = self._marker.mark(excerpt.text, skip=skip)
        if excerpt.kind == "article":
            body = Content.assemble("\u201c", body, "\u201d")
        yield Static(body, classes="quote")
        yield Static(labelled(t("source"), excerpt.source), classes="meta")
        if excerpt.as_of:
            yield Static(labelled(t("as_of"), excerpt.as_of), classes="meta")
        if excerpt.language != current_language():
            language = LANGUAGE_NAMES.get(excerpt.language, excerpt.language)
            yield Static(Content(t("language_label", name=language)), classes="meta")
        if excerpt.note:
            label = t("maintainers_note") if excerpt.kind == "article" else t("note")
            yield Static(labelled(label, excerpt.note), classes="note")
        with ButtonRow(classes="actions"):
            yield Button(Content(t("open_source")), classes="open-source", compact=True)
            for term_id in self._look_ups:
                name = short_name(self._terms.get(term_id, term_id))
                button = Button(Content.assemble(t("look_up"), plain(name)), classes="term",
                                compact=True)
                button.term_id = term_id  # type: ignore[attr-defined]
                yield button

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        term_id = getattr(event.button, "term_id", None)
        if term_id is not None:
            self.post_message(OpenRequested(term_id))
        else:
            self.post_message(OpenRequested(self.excerpt.id))
