"""Suggested questions on the empty screen; choosing one fills the question box."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explainer.catalog import t

SUGGESTED = ["suggest_1", "suggest_2", "suggest_3", "suggest_4", "suggest_5"]


class Suggestions(OptionList):
    def __init__(self) -> None:
        super().__init__(*[Option(Content(t(key)), id=key) for key in SUGGESTED],
                         id="suggestions")
        self.border_title = t("try_asking")

    def suggestion(self, index: int) -> str:
        return t(SUGGESTED[index])
