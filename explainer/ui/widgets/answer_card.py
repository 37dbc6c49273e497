"""The conversation's two kinds of card: the person's question, and the explainer's answer."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Button, Static

from explainer.catalog import t
from explainer.core.models import Answer, DefinitionUnit
from explainer.render import Block, language_notice, render
from explainer.ui.messages import OpenRequested
from explainer.ui.safe_text import TermMarker, labelled, plain
from explainer.ui.widgets.button_row import ButtonRow
from explainer.ui.widgets.excerpt_view import ExcerptView

# "Look up" buttons per card. Each is a Tab stop; every marked word stays clickable as well.
MAX_LOOK_UPS = 3


class QuestionCard(VerticalGroup):
    def __init__(self, question: str) -> None:
        super().__init__(classes="card question")
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(Content(t("you")), classes="speaker")
        yield Static(plain(self.question), classes="question-text")


class AnswerCard(VerticalGroup):
    """Every card ends with "This is information, not legal advice." A refusal shows legal help."""

    def __init__(self, answer: Answer, marker: TermMarker, glossary: list[DefinitionUnit],
                 legal_help: DefinitionUnit | None) -> None:
        super().__init__(classes=f"card answer {answer.status}")
        self.answer = answer
        self._marker = marker
        self._terms = {unit.id: unit.term for unit in glossary}
        self._legal_help = legal_help

    def compose(self) -> ComposeResult:
        answer = self.answer
        rendered = render(answer, self._terms)
        yield Static(Content(t("explainer")), classes="speaker")
        yield Static(plain(rendered.message.text), classes="message")
        # Each quote is marked once: the view shows the marks, the card picks the buttons.
        marked = [self._marker.mark(*self.quote_of(block)) for block in rendered.blocks]
        look_ups = self.look_ups(rendered.blocks, [found for _, found in marked])
        for block, excerpt, (quote, _), offered_terms in zip(rendered.blocks, answer.excerpts,
                                                             marked, look_ups, strict=True):
            yield ExcerptView(block, excerpt, quote, self._terms, offered_terms)
        if answer.reason == "out_of_scope" and self._legal_help is not None:
            yield Static(plain(self._legal_help.term), classes="heading")
            for line in language_notice(self._legal_help.language):
                yield Static(Content(line.text), classes="meta")
            yield Static(plain(self._legal_help.text), classes="quote")
        shown = {block.unit_id for block in rendered.blocks}
        offered = [see for see in answer.see if see not in shown and see in self._terms]
        if offered:  # the help pointer, as buttons that open each card
            with ButtonRow(classes="actions"):
                for see in offered:
                    button = Button(Content.assemble(t("see"), plain(self._terms[see])),
                                    classes="see", compact=True)
                    button.term_id = see  # type: ignore[attr-defined]
                    yield button
        for line in rendered.closing:
            if line.kind == "disclaimer":
                yield Static(Content(line.text), classes="disclaimer")
            elif line.kind == "dates":
                yield Static(labelled(line.label, line.value + line.end), classes="meta")

    @staticmethod
    def quote_of(block: Block) -> tuple[str, str | None]:
        """A block's quote, and the term not to mark in it (a definition's own)."""
        quote = block.line("quote")
        return (quote.value if quote else "",
                block.unit_id if block.kind == "definition" else None)

    @staticmethod
    def look_ups(blocks: Sequence[Block], found: Sequence[list[str]]) -> list[list[str]]:
        """For each excerpt, the terms to offer a button for, from the terms `found` in its
        quote: each term once per card, none for a definition the card already shows, at most
        MAX_LOOK_UPS in all."""
        shown = {block.unit_id for block in blocks if block.kind == "definition"}
        offered: set[str] = set()
        chosen: list[list[str]] = []
        for terms in found:
            room = MAX_LOOK_UPS - len(offered)
            mine = [term for term in terms if term not in shown | offered][:max(room, 0)]
            offered.update(mine)
            chosen.append(mine)
        return chosen

    def on_button_pressed(self, event: Button.Pressed) -> None:
        term_id = getattr(event.button, "term_id", None)
        if term_id is not None:
            event.stop()
            self.post_message(OpenRequested(term_id))
