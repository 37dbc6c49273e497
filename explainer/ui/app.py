"""The terminal app: ask, read cited answers, open sources, browse the glossary.

It paints and accepts typing at once; the engine loads in a thread worker started here, and a
question asked before it is ready waits with a calm status line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.theme import Theme
from textual.widgets import Button, Input, OptionList, Static

from explainer.catalog import t
from explainer.core.messages import current_language
from explainer.core.text import clean_line
from explainer.resources import assets
from explainer.settings import Settings
from explainer.ui.localize import localize_bindings
from explainer.ui.messages import EngineFailed, EngineLoaded, OpenRequested, QuestionAnswered
from explainer.ui.widgets.footer import WrappingFooter
from explainer.ui.widgets.header import AppHeader
from explainer.ui.widgets.suggestions import Suggestions

if TYPE_CHECKING:
    from explainer.core.explainer import Explainer
    from explainer.core.models import Answer
    from explainer.kiosk_pin import PinGuard
    from explainer.read_aloud import Reader
    from explainer.ui.safe_text import TermMarker

URGENT_ID = "if-this-is-happening-now"

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#00ffff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    warning="#ffff00",
    error="#ff8080",
    success="#80ff80",
    dark=True,
    text_alpha=1.0,
    variables={"footer-key-foreground": "#ffff00", "input-selection-background": "#ffff00 40%"},
)
THEMES = {"default": "textual-dark", "high-contrast": "high-contrast", "ansi": "ansi-dark"}
THEME_NAMES = {"textual-dark": "theme_default", "high-contrast": "theme_high_contrast",
               "ansi-dark": "theme_ansi"}

EngineFactory = Callable[[Settings], "Explainer"]

# Refusals that ask the person to change what they typed: their text goes back in the box.
EDIT_AND_ASK_AGAIN = {"too_long"}


def default_engine(settings: Settings) -> Explainer:
    from explainer.core.explainer import Explainer

    return Explainer(settings)


class ExplainerApp(App[None]):
    CSS_PATH = str(assets() / "app.tcss")
    TITLE = "explainer"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "glossary", "Glossary", id="glossary"),
        Binding("f3", "happening_now", "Happening now", id="happening_now"),
        # Every key is in the footer; it wraps onto a second line when the window is narrow.
        Binding("f4", "read_aloud", "Read aloud", id="read_aloud"),
        Binding("f5", "start_over", "Start over", id="start_over"),
        Binding("f6", "next_theme", "Colours", id="next_theme"),
        Binding("f7", "handout", "Save handout", id="handout"),
        Binding("f8", "projector", "Projector", id="projector"),
    ]

    def __init__(self, settings: Settings | None = None,
                 engine_factory: EngineFactory = default_engine,
                 guard: PinGuard | None = None) -> None:
        super().__init__()
        self.sub_title = t("subtitle")
        localize_bindings(self)
        self.guard = guard
        self.settings = settings or Settings()
        self.engine: Explainer | None = None
        self.marker: TermMarker | None = None
        self._engine_factory = engine_factory
        self._waiting: list[str] = []
        self.answers: list[Answer] = []  # this conversation, for the handout
        self._reader: Reader | None = None
        self._theme_before_projector: str | None = None
        self.register_theme(HIGH_CONTRAST)
        self.theme = THEMES[self.settings.theme]
        if not self.settings.animations:
            self.animation_level = "none"
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)

    def compose(self) -> ComposeResult:
        yield AppHeader(self.TITLE, self.sub_title)
        with VerticalScroll(id="conversation"):
            yield Static(Content(t("welcome")), id="welcome")
            yield Suggestions()
        yield Static("", id="status")
        # No select-all on focus: a key typed elsewhere lands in the box and must not be
        # replaced by the next one (see on_key).
        yield Input(placeholder=t("placeholder"), id="question", select_on_focus=False)
        yield WrappingFooter()

    def on_mount(self) -> None:
        self.query_one("#question", Input).focus()
        if self.settings.projector:
            self.action_projector()
        self.load_engine()

    # The engine ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="engine", exit_on_error=False)
    def load_engine(self) -> None:
        try:
            engine = self._engine_factory(self.settings)
            engine.load()
        except Exception as error:  # shown as a plain message, never a traceback
            from explainer.core.explainer import ExplainerError

            self.post_message(EngineFailed(str(error) if isinstance(error, ExplainerError)
                                           else t("load_failed")))
            return
        self.post_message(EngineLoaded(engine))

    def on_engine_loaded(self, message: EngineLoaded) -> None:
        from explainer.ui.safe_text import TermMarker

        self.engine = message.engine
        self.marker = TermMarker(self.engine.glossary())
        # Knowledge errors: the last good index answers, and whoever runs the app is told where.
        # Otherwise only "getting ready" goes: a message shown meanwhile (F6, F8) stays.
        if self.engine.warnings:
            self._set_status("\n".join(self.engine.warnings[:3]))
        elif self._status_text() == t("getting_ready"):
            self._set_status("")
        waiting, self._waiting = self._waiting, []
        for question in waiting:
            self.ask(question)

    def on_engine_failed(self, message: EngineFailed) -> None:
        self._set_status(message.reason)

    @work(thread=True, group="ask", exit_on_error=False)
    def ask(self, question: str) -> None:
        assert self.engine is not None
        try:
            answer = self.engine.ask(question)
        except Exception:
            self.call_from_thread(self._set_status, t("ask_failed"))
            return
        self.post_message(QuestionAnswered(answer, question))

    async def on_question_answered(self, message: QuestionAnswered) -> None:
        from explainer.ui.widgets.answer_card import AnswerCard, QuestionCard

        assert self.engine is not None and self.marker is not None
        self.answers.append(message.answer)
        card = AnswerCard(message.answer, self.marker, self.engine.glossary(),
                          self.engine.legal_help(current_language()))
        conversation = self.query_one("#conversation", VerticalScroll)
        # Tab walks the newest answer's buttons only; older ones stay clickable.
        for button in conversation.query(Button):
            button.can_focus = False
        await conversation.mount(card)
        # Show the question with the start of its answer. A question given back to edit is
        # in the box already: show what to do and the help, which a long story would push away.
        if message.answer.reason in EDIT_AND_ASK_AGAIN:
            self._give_back(message.asked)
            # Kept at the end while the layout settles (the box holding the text back can
            # change the view's height after a plain scroll was done).
            conversation.anchor()
        else:
            conversation.anchor(False)
            shown: AnswerCard | QuestionCard = card
            if self.query(QuestionCard):
                shown = self.query(QuestionCard).last()
            conversation.call_after_refresh(conversation.scroll_to_widget, shown, top=True,
                                            animate=False)
        if not self._waiting and not (self.engine and self.engine.warnings):
            self._set_status("")

    # Asking --------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "question":
            return
        # The box empties for the next question; if the core asks the person to change this
        # one (a pasted story is too long), on_question_answered puts it back to edit.
        if clean_line(event.value):
            event.input.value = ""
            self.submit(event.value)

    def _give_back(self, question: str) -> None:
        """Put a question back in the box to edit, unless a new one is being typed there."""
        box = self.query_one("#question", Input)
        if not box.value:
            box.value = question
            box.cursor_position = len(question)

    def submit(self, typed: str) -> None:
        """Show the question in the conversation and ask it (or queue it while loading)."""
        question = clean_line(typed)
        if not question:
            return
        from explainer.ui.widgets.answer_card import QuestionCard

        self._remove_suggestions()
        self.query_one("#conversation", VerticalScroll).mount(QuestionCard(question))
        if self.engine is None:
            self._waiting.append(question)
            self._set_status(t("getting_ready"))
        else:
            self.ask(question)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, Suggestions):
            # A suggestion is a question: choosing it asks it.
            self.submit(event.option_list.suggestion(event.option_index))
            self.query_one("#question", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """On the main screen, typing always goes to the question box, wherever focus is."""
        if self.screen is not self.screen_stack[0] or not event.is_printable:
            return
        box = self.query_one("#question", Input)
        if box.has_focus or isinstance(self.focused, Input) or event.character is None:
            return
        event.stop()
        event.prevent_default()
        box.focus()
        box.insert_text_at_cursor(event.character)

    def _remove_suggestions(self) -> None:
        for widget in self.query("#welcome, #suggestions"):
            widget.remove()

    def _set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    def _status_text(self) -> str:
        return str(self.query_one("#status", Static).render())

    # Opening sources -----------------------------------------------------------------------

    def on_open_requested(self, message: OpenRequested) -> None:
        self.action_open_definition(message.unit_id)

    def action_open_definition(self, unit_id: str) -> None:
        """Open a definition card, or the article a passage belongs to (also from a click)."""
        if self.engine is None or self.marker is None:
            self._set_status(t("getting_ready"))
            return
        from explainer.core.models import ArticleUnit
        from explainer.ui.screens.article import ArticleScreen
        from explainer.ui.screens.definition import DefinitionScreen

        # A term in the reader's language where the knowledge holds it in that language.
        unit = self.engine.translation(unit_id, current_language())
        if unit is None:
            return
        if isinstance(unit, ArticleUnit):
            span = self._cited_span(unit_id)
            self.push_screen(ArticleScreen(self.engine.article(unit.article_id), unit_id, span,
                                           self.marker))
        else:
            terms = {u.entry: u.term for u in self.engine.glossary(current_language())}
            self.push_screen(DefinitionScreen(unit, self.marker, terms))

    def _cited_span(self, unit_id: str) -> tuple[int, int] | None:
        """Where the most recent excerpt of this passage starts and ends in the paragraph."""
        from explainer.ui.widgets.answer_card import AnswerCard

        for card in reversed(list(self.query(AnswerCard))):
            for excerpt in card.answer.excerpts:
                if excerpt.id == unit_id:
                    return excerpt.start, excerpt.end
        return None

    # Keys ----------------------------------------------------------------------------------

    def action_help(self) -> None:
        from explainer.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_glossary(self) -> None:
        if self.engine is None:
            self._set_status(t("getting_ready"))
            return
        from explainer.ui.screens.glossary import GlossaryScreen

        self.push_screen(GlossaryScreen(self.engine.glossary(current_language())))

    def action_happening_now(self) -> None:
        # In Spanish, the Spanish card where the knowledge holds one.
        found = self.engine.translation(URGENT_ID, current_language()) if self.engine else None
        self.action_open_definition(found.id if found else URGENT_ID)

    def action_start_over(self) -> None:
        self.answers.clear()
        if self._reader is not None:
            self._reader.stop()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        conversation = self.query_one("#conversation", VerticalScroll)
        conversation.remove_children()
        conversation.mount(Static(Content(t("welcome")), id="welcome"))
        conversation.mount(Suggestions())
        question = self.query_one("#question", Input)
        question.value = ""
        question.focus()

    def action_next_theme(self) -> None:
        order = list(THEMES.values())
        self.theme = order[(order.index(self.theme) + 1) % len(order)] \
            if self.theme in order else order[0]
        self._set_status(t("theme_now", name=t(THEME_NAMES[self.theme])))

    def action_read_aloud(self) -> None:
        """Read the latest answer aloud; pressed again while reading, stop."""
        from explainer.read_aloud import Reader, find_espeak, speech_plan

        allowed = self.settings.read_aloud
        if allowed is False or (allowed is None and self.settings.kiosk):
            self._set_status(t("read_aloud_off"))
            return
        if self._reader is not None and self._reader.speaking:
            self._reader.stop()
            self._set_status(t("read_aloud_stopped"))
            return
        binary = find_espeak()
        if binary is None:
            self._set_status(t("read_aloud_missing"))
            return
        if not self.answers:
            self._set_status(t("read_aloud_nothing"))
            return
        self._reader = self._reader or Reader()
        self._reader.start(speech_plan(self.answers[-1], binary))
        self._set_status(t("reading_aloud"))
        self.set_timer(0.5, self._check_reading)

    def _check_reading(self) -> None:
        """While reading, look again soon; when done, say how it ended."""
        reader = self._reader
        if reader is None:
            return
        if reader.speaking:
            self.set_timer(0.5, self._check_reading)
        elif self._status_text() == t("reading_aloud"):
            self._set_status(t("read_aloud_no_sound" if reader.failed
                                  else "read_aloud_done"))

    def action_handout(self) -> None:
        """Save this conversation as a Markdown and an HTML handout (only when asked)."""
        from pathlib import Path

        from explainer.handout import save_handout

        if not self.answers or self.engine is None:
            self._set_status(t("handout_empty"))
            return
        if self.is_web:
            self._send_handout(self.engine)
            return
        folder = self.settings.out_dir or Path.cwd()
        try:
            paths = save_handout(self.answers, self.engine.legal_help(), folder,
                                 current_language())
        except OSError as error:
            self._set_status(t("handout_failed", reason=error.strerror or str(error)))
            return
        self._set_status(t("handout_saved", files=", ".join(str(p) for p in paths)))

    def _send_handout(self, engine: Explainer) -> None:
        """In a browser (explainer serve) the handout goes to the browser as a download: in
        the server's folder it would reach whoever runs the server, not the person asking.
        One web page, as a browser opens only one download window per key press."""
        import datetime as dt
        import io

        from explainer.handout import handout_html, handout_stem

        made = dt.datetime.now()
        name = f"{handout_stem(made)}.html"
        page = handout_html(self.answers, engine.legal_help(), made, current_language())
        self.deliver_text(io.StringIO(page), save_filename=name, mime_type="text/html",
                          encoding="utf-8", name="handout")
        self._set_status(t("handout_sent", file=name))

    def action_projector(self) -> None:
        """A layout for a projector: high contrast, roomier, bolder."""
        self.screen.toggle_class("projector")
        if self.screen.has_class("projector"):
            self._theme_before_projector = self.theme
            self.theme = THEMES["high-contrast"]
            self._set_status(t("projector_on"))
        else:
            # Off again: back to the colours chosen before it was turned on.
            self.theme = self._theme_before_projector or THEMES[self.settings.theme]
            self._set_status(t("projector_off"))

