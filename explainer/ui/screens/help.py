"""Help in plain words (our own text, from assets/help.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from explainer.resources import assets


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="help.back")]

    def compose(self) -> ComposeResult:
        text = (assets() / "help.md").read_text(encoding="utf-8")
        with VerticalScroll(id="help"):
            yield Markdown(text, open_links=False)  # no link may open a browser
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").focus()
