"""One quoted excerpt with its citation, note, and buttons to open its source and its terms."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Button, Static

from explainer.catalog import t
from explainer.core.models import Excerpt
from explainer.render import Block
from explainer.ui.messages import OpenRequested
from explainer.ui.safe_text import labelled, plain
from explainer.ui.widgets.button_row import ButtonRow


def short_name(term: str) -> str:
    """The term without its explanation in brackets, so buttons fit on one line."""
    return term.split(" (")[0] if not term.startswith("(") else term


class ExcerptView(VerticalGroup):
    """One excerpt as the renderer's lines: heading, language, quote, note, source, date."""

    def __init__(self, block: Block, excerpt: Excerpt, quote: Content,
                 terms: dict[str, str], look_ups: list[str]) -> None:
        super().__init__(classes=f"excerpt {block.kind}")
        self.block = block
        self.excerpt = excerpt  # where it sits in its unit (id, start, end); its text is in block
        self._quote = quote  # the quote with its terms marked (the card marks each quote once)
        self._terms = terms
        self._look_ups = look_ups  # the card chooses, so a term gets one button per card

    def compose(self) -> ComposeResult:
        block = self.block
        for line in block.lines:
            if line.kind == "heading":
                yield Static(plain(line.value) if block.kind == "definition"
                             else labelled(line.label, line.value), classes="heading")
            elif line.kind == "quote":
                body = self._quote
                if block.kind == "article":
                    body = Content.assemble("\u201c", body, "\u201d")
                yield Static(body, classes="quote")
            elif line.kind == "note":
                yield Static(labelled(line.label, line.value), classes="note")
            else:
                yield Static(labelled(line.label, line.value + line.end), classes="meta")
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
