"""A full definition card: sources, as-of date, related terms, and what is uncertain."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from explainer.catalog import t
from explainer.core.models import DefinitionUnit
from explainer.render import source_text
from explainer.ui.localize import localize_bindings
from explainer.ui.messages import OpenRequested
from explainer.ui.safe_text import TermMarker, labelled, plain
from explainer.ui.widgets.excerpt_view import short_name
from explainer.ui.widgets.footer import WrappingFooter


class DefinitionScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="definition.back")]

    def __init__(self, unit: DefinitionUnit, marker: TermMarker, terms: dict[str, str]) -> None:
        super().__init__()
        localize_bindings(self)
        self.unit = unit
        self._marker = marker
        self._terms = terms

    def compose(self) -> ComposeResult:
        unit = self.unit
        with VerticalScroll(id="definition"):
            yield Static(plain(unit.term), classes="heading")
            body, _ = self._marker.mark(unit.text, skip=unit.id)
            yield Static(body, classes="quote")
            if unit.note:
                yield Static(labelled(t("uncertain"), unit.note), classes="note")
            yield Static(labelled(t("as_of"), unit.as_of or "?"), classes="meta")
            yield Static(Content(t("sources")), classes="meta")
            for source in unit.sources:
                yield Static(plain("- " + source_text(source.one_line())), classes="meta")
            if unit.reviewed_by:
                yield Static(labelled(t("checked_by"), f"{unit.reviewed_by}, {unit.reviewed_on}"),
                             classes="meta")
            related = [term_id for term_id in unit.related if term_id in self._terms]
            if related:
                yield Static(Content(t("related")), classes="meta")
                with HorizontalGroup(classes="actions"):
                    for term_id in related:
                        button = Button(plain(short_name(self._terms[term_id])), classes="term",
                                        compact=True)
                        button.term_id = term_id  # type: ignore[attr-defined]
                        yield button
        yield WrappingFooter()

    def on_mount(self) -> None:
        self.query_one("#definition").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        term_id = getattr(event.button, "term_id", None)
        if term_id is not None:
            event.stop()
            self.post_message(OpenRequested(term_id))
