"""The key footer, wrapping onto a second line when the window is too narrow for every key."""

from __future__ import annotations

from textual.layout import Layout
from textual.widgets import Footer

from explainer.ui.widgets.button_row import FlowLayout


class WrappingFooter(Footer):
    DEFAULT_CSS = "WrappingFooter { height: auto; max-height: 3; }"

    def __init__(self) -> None:
        super().__init__()
        self._flow = FlowLayout()

    @property
    def layout(self) -> Layout:
        return self._flow
