"""The whole article, with the cited passage highlighted and scrolled into view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from explainer.catalog import t
from explainer.core.models import ArticleUnit
from explainer.ui.localize import localize_bindings
from explainer.ui.safe_text import TermMarker, labelled, plain
from explainer.ui.widgets.footer import WrappingFooter


class ArticleScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="article.back")]

    def __init__(self, paragraphs: list[ArticleUnit], cited: str, span: tuple[int, int] | None,
                 marker: TermMarker) -> None:
        super().__init__()
        localize_bindings(self)
        self.paragraphs = paragraphs
        self.cited = cited
        self.span = span
        self._marker = marker

    def compose(self) -> ComposeResult:
        first = self.paragraphs[0]
        with VerticalScroll(id="article"):
            yield Static(plain(first.title), classes="heading")
            yield Static(labelled(t("source"), first.source), classes="meta")
            for paragraph in self.paragraphs:
                cited = paragraph.id == self.cited
                body, _ = self._marker.mark(paragraph.text)
                if cited and self.span is not None:
                    body = body.stylize("reverse", *self.span)
                label = t("cited_paragraph" if cited else "paragraph", number=paragraph.paragraph)
                yield Static(Content.assemble((label, "bold")),
                             classes="paragraph-label", id=f"label-p{paragraph.paragraph}")
                yield Static(body, classes="paragraph cited" if cited else "paragraph",
                             id=f"p{paragraph.paragraph}")
                if paragraph.note:
                    yield Static(labelled(t("maintainers_note"), paragraph.note), classes="note")
        yield WrappingFooter()

    def on_mount(self) -> None:
        target = next(p for p in self.paragraphs if p.id == self.cited)
        widget = self.query_one(f"#label-p{target.paragraph}", Static)
        self.call_after_refresh(widget.scroll_visible, top=True, animate=False)
        self.query_one("#article").focus()
