"""The app's top line: a "?" that opens help, the name, and the disclaimer, which wraps when
the window is narrow instead of being cut off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Button, Static


class AppHeader(HorizontalGroup):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__(id="header")
        self._title = title
        self._subtitle = subtitle

    def compose(self) -> ComposeResult:
        button = Button("?", id="header-help", compact=True)
        button.can_focus = False  # F1 does the same from the keyboard; one Tab stop fewer
        yield button
        yield Static(Content.assemble((self._title, "bold"), " \u2014 ", self._subtitle),
                     id="header-text")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.app.run_action("help")
