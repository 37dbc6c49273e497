"""Help in plain words (our own text, from assets/help.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from explainer.core.messages import current_language
from explainer.resources import assets
from explainer.ui.localize import localize_bindings
from explainer.ui.widgets.footer import WrappingFooter


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="help.back")]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        language = current_language()
        chosen = assets() / f"help.{language}.md"
        text = (chosen if chosen.is_file() else assets() / "help.md").read_text(encoding="utf-8")
        with VerticalScroll(id="help"):
            yield Markdown(text, open_links=False)  # no link may open a browser
        yield WrappingFooter()

    def on_mount(self) -> None:
        self.query_one("#help").focus()
