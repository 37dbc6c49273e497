"""Suggested questions on the empty screen; choosing one fills the question box."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

SUGGESTED = [
    "What is a 287(g) agreement?",
    "Which Minnesota counties signed?",
    "What is an ICE hold?",
    "What are my rights if ICE comes to my door?",
    "Where can I get free legal help?",
]


class Suggestions(OptionList):
    def __init__(self) -> None:
        super().__init__(*[Option(Content(text), id=str(n)) for n, text in enumerate(SUGGESTED)],
                         id="suggestions")
        self.border_title = "Try asking"

    def suggestion(self, index: int) -> str:
        return SUGGESTED[index]
