"""The conversation's two kinds of card: the person's question, and the explainer's answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Button, Static

from explainer.catalog import t
from explainer.core.models import Answer, DefinitionUnit
from explainer.render import language_notice, render
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
        for block, excerpt, look_ups in zip(rendered.blocks, answer.excerpts, self.look_ups(),
                                            strict=True):
            yield ExcerptView(block, excerpt, self._marker, self._terms, look_ups)
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

    def look_ups(self) -> list[list[str]]:
        """For each excerpt, the terms to offer a button for: each term once per card, none
        for a definition the card already shows, at most MAX_LOOK_UPS in all."""
        shown = {e.id for e in self.answer.excerpts if e.kind == "definition"}
        offered: set[str] = set()
        chosen: list[list[str]] = []
        for excerpt in self.answer.excerpts:
            skip = excerpt.id if excerpt.kind == "definition" else None
            _, found = self._marker.mark(excerpt.text, skip=skip)
            room = MAX_LOOK_UPS - len(offered)
            mine = [term for term in found if term not in shown | offered][:max(room, 0)]
            offered.update(mine)
            chosen.append(mine)
        return chosen

    def on_button_pressed(self, event: Button.Pressed) -> None:
        term_id = getattr(event.button, "term_id", None)
        if term_id is not None:
            event.stop()
            self.post_message(OpenRequested(term_id))
