"""Every vetted term, filtered as you type; Enter opens a term's card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explainer.catalog import t
from explainer.core.models import DefinitionUnit
from explainer.core.text import normalize
from explainer.ui.localize import localize_bindings
from explainer.ui.messages import OpenRequested
from explainer.ui.safe_text import plain
from explainer.ui.widgets.footer import WrappingFooter


class GlossaryScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="glossary.back")]

    def __init__(self, glossary: list[DefinitionUnit]) -> None:
        super().__init__()
        localize_bindings(self)
        self.glossary = glossary

    def compose(self) -> ComposeResult:
        yield Static(plain(t("glossary_heading")), classes="heading")
        yield Input(placeholder=t("filter"), id="filter")
        yield OptionList(id="terms")
        yield WrappingFooter()

    def on_mount(self) -> None:
        self._show("")
        self.query_one("#filter", Input).focus()

    def _show(self, query: str) -> None:
        wanted = normalize(query).strip()
        terms = self.query_one("#terms", OptionList)
        terms.clear_options()
        for unit in self.glossary:
            names = " ".join([unit.term, *unit.aliases])
            if wanted in normalize(names):
                terms.add_option(Option(plain(unit.term), id=unit.id))
        if terms.option_count:
            terms.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        terms = self.query_one("#terms", OptionList)
        if terms.highlighted is not None:
            option = terms.get_option_at_index(terms.highlighted)
            self.post_message(OpenRequested(str(option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.post_message(OpenRequested(str(event.option.id)))

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key in ("down", "up") and self.query_one("#filter", Input).has_focus:
            terms = self.query_one("#terms", OptionList)
            terms.action_cursor_down() if key == "down" else terms.action_cursor_up()
