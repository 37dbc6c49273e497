"""The terminal app, driven by Textual's pilot with the fake encoder (no model in UI tests)."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path
from typing import cast

import pytest
from textual.color import Color
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from explainer.catalog import t
from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer, ExplainerError
from explainer.settings import Settings
from explainer.ui.app import ExplainerApp
from explainer.ui.screens.article import ArticleScreen
from explainer.ui.screens.definition import DefinitionScreen
from explainer.ui.screens.glossary import GlossaryScreen
from explainer.ui.widgets.answer_card import AnswerCard, QuestionCard
from explainer.ui.widgets.excerpt_view import ExcerptView
from tests.helpers import settings_for


def text_of(widget: Static) -> str:
    return str(widget.render())


def fake_app(knowledge: Path, cache: Path, **settings: object) -> ExplainerApp:
    chosen: Settings = settings_for(knowledge, cache).model_copy(update=settings)
    return ExplainerApp(chosen, lambda s: Explainer(s, HashingBackend()))


async def ask(app: ExplainerApp, pilot: object, question: str) -> AnswerCard:
    box = app.query_one("#question", Input)
    box.value = question
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return list(app.query(AnswerCard))[-1]


@pytest.fixture
def app(knowledge: Path, tmp_path: Path) -> ExplainerApp:
    return fake_app(knowledge, tmp_path / "cache")


async def test_answer_card_shows_definition_then_cited_passages(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "What is a 287(g) agreement?")
        views = list(card.query(ExcerptView))
        assert views[0].excerpt.id == "287g-agreement"
        statics = [text_of(s) for s in views[0].query(Static)]
        assert statics[0] == "287(g) agreement"
        assert any(s.startswith("Source: Immigration and Nationality Act") for s in statics)
        assert "Facts as of 2026-11-28." in statics
        article = views[1]
        heading = text_of(article.query(Static).first())
        assert heading == "From: Sheriffs sign agreements (test article), paragraph 1"
        assert text_of(card.query(".disclaimer").first()) == (  # type: ignore[arg-type]
            "This is information, not legal advice.")
        assert text_of(app.query(QuestionCard).first().query(".speaker").first()) == "You"  # type: ignore[arg-type]


async def test_no_answer_card_is_calm_and_shows_legal_help(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "How do I bake bread?")
        texts = [text_of(s) for s in card.query(Static)]
        assert any("don't have a checked answer" in t for t in texts)
        assert "Free legal help in Minnesota" in texts
        assert texts[-1] == "This is information, not legal advice."


async def open_cited_article(app: ExplainerApp,
                             pilot: object) -> tuple[ArticleScreen, ExcerptView]:
    """Ask a question the article answers, then press its excerpt's "Open source"."""
    card = await ask(app, pilot, "how many counties have agreements now, seven?")
    view = next(v for v in card.query(ExcerptView) if v.excerpt.kind == "article")
    view.query_one(".open-source").press()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen, view


async def test_open_source_highlights_the_cited_passage(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen, view = await open_cited_article(app, pilot)
        cited = screen.query_one(f"#p{view.excerpt.id.split('#p')[1]}", Static)
        assert "cited" in cited.classes
        content = cited.render()
        assert isinstance(content, Content)
        styled = [span for span in content.spans if "reverse" in str(span.style)]
        assert (styled[0].start, styled[0].end) == (view.excerpt.start, view.excerpt.end)
        await pilot.press("escape")
        assert not isinstance(app.screen, ArticleScreen)


async def test_term_inside_an_excerpt_opens_its_card(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "Critics say people held on a detainer faced traffic charges")
        buttons = [b for b in card.query(".term") if getattr(b, "term_id", "") == "detainer"]
        assert buttons, "the word detainer should be marked and offered"
        buttons[0].press()  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, DefinitionScreen)
        assert app.screen.unit.id == "detainer"
        await pilot.press("escape")
        app.action_open_definition("ice")  # what a click on a marked word runs
        await pilot.pause()
        assert isinstance(app.screen, DefinitionScreen) and app.screen.unit.id == "ice"


async def test_glossary_filters_as_you_type(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f2")
        assert isinstance(app.screen, GlossaryScreen)
        terms = app.screen.query_one("#terms", OptionList)
        assert terms.option_count == 5
        await pilot.press(*"hold")
        assert [terms.get_option_at_index(i).id for i in range(terms.option_count)] == [
            "detainer"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DefinitionScreen) and app.screen.unit.id == "detainer"


async def test_start_over_clears_the_conversation(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await ask(app, pilot, "what is ICE?")
        await pilot.press("f5")
        await pilot.pause()
        assert not app.query(AnswerCard) and not app.query(QuestionCard)
        assert app.query_one("#suggestions")
        assert app.focused is app.query_one("#question")


async def test_choosing_a_suggestion_asks_it(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.query_one("#suggestions", OptionList).focus()
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        asked = app.query_one(QuestionCard).query_one(".question-text", Static)
        assert text_of(asked) == "Which Minnesota counties signed?"
        assert app.query(AnswerCard)
        assert app.focused is app.query_one("#question")


def slow_app(knowledge: Path, tmp_path: Path) -> tuple[ExplainerApp, threading.Event]:
    """An app whose engine keeps loading until the test sets the event."""
    release = threading.Event()

    def slow_engine(settings: Settings) -> Explainer:
        release.wait(10)
        return Explainer(settings, HashingBackend())

    return ExplainerApp(settings_for(knowledge, tmp_path / "cache"), slow_engine), release


async def test_question_asked_while_loading_waits_then_is_answered(knowledge: Path,
                                                                 tmp_path: Path) -> None:
    app, release = slow_app(knowledge, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"what is ICE?", "enter")
        await pilot.pause()
        assert text_of(app.query_one("#status", Static)) == t("getting_ready")
        assert app.query(QuestionCard) and not app.query(AnswerCard)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query(AnswerCard)
        assert text_of(app.query_one("#status", Static)) == ""


async def test_a_message_shown_while_loading_stays_when_loading_ends(knowledge: Path,
                                                                   tmp_path: Path) -> None:
    """F6 while the engine loads says which colours; the end of loading must not wipe it."""
    app, release = slow_app(knowledge, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f6")
        said = text_of(app.query_one("#status", Static))
        assert "high contrast" in said
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.engine is not None
        assert text_of(app.query_one("#status", Static)) == said


async def test_a_question_over_500_characters_stays_in_the_box_with_help(
        app: ExplainerApp) -> None:
    """A pasted story is not erased: it stays in the box to shorten, the card says what to do,
    and the help is offered and in view."""
    from textual.widgets import Button

    story = " ".join(["They took my dad at work this morning and we do not know where he is."]
                     * 8)
    assert len(story) > 500
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, story)
        box = app.query_one("#question", Input)
        assert box.value == story and box.cursor_position == len(story)
        assert text_of(card.query_one(".message", Static)).startswith(
            "Your question is longer than 500 characters. Please make it shorter")
        offered = [b for b in card.query(Button) if "see" in b.classes]
        assert [getattr(b, "term_id", "") for b in offered] == ["if-this-is-happening-now",
                                                                 "legal-help"]
        await pilot.pause()
        view = app.query_one("#conversation").region
        assert all(view.contains_region(b.region) for b in offered), "help is out of view"
        box.value = "They took my dad at work this morning. What can I do?"
        await pilot.press("enter")  # shortened, it is asked and the box empties
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert box.value == ""
        assert list(app.query(AnswerCard))[-1].answer.reason != "too_long"


async def test_load_failure_is_a_plain_message(knowledge: Path, tmp_path: Path) -> None:
    def broken(settings: Settings) -> Explainer:
        raise ExplainerError("The knowledge has errors, and there is no earlier index.")

    app = ExplainerApp(settings_for(knowledge, tmp_path / "cache"), broken)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(app.query_one("#status", Static)) == (
            "The knowledge has errors, and there is no earlier index.")
        assert app.is_running


async def test_markup_in_a_question_is_shown_literally_and_does_nothing(
        app: ExplainerApp) -> None:
    hostile = "[@click=app.quit]x[/] [/] [b] \x1b]0;owned\x07[link=http://x]y[/link]"
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, hostile)
        shown = text_of(app.query_one(QuestionCard).query_one(".question-text", Static))
        assert shown == "[@click=app.quit]x[/] [/] [b] [link=http://x]y[/link]"
        await pilot.click(".question-text")
        await pilot.pause()
        assert app.is_running
        assert card.answer.question == shown


def test_high_contrast_theme_meets_7_to_1() -> None:
    from explainer.ui.app import HIGH_CONTRAST

    background = Color.parse(HIGH_CONTRAST.background or "#000000")
    for colour in (HIGH_CONTRAST.foreground, HIGH_CONTRAST.primary, HIGH_CONTRAST.accent,
                   HIGH_CONTRAST.warning):
        assert colour is not None
        assert contrast(Color.parse(colour), background) >= 7.0, colour


def contrast(first: Color, second: Color) -> float:
    def luminance(colour: Color) -> float:
        channels = []
        for value in colour.rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


async def test_keys_can_be_remapped_by_binding_id(knowledge: Path, tmp_path: Path) -> None:
    app = fake_app(knowledge, tmp_path / "cache", keymap={"glossary": "f7"})
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f7")
        assert isinstance(app.screen, GlossaryScreen)


def test_settings_come_from_a_toml_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "high-contrast"\nmax_excerpts = 2\n')
    monkeypatch.setenv("EXPLAINER_CONFIG", str(config))
    monkeypatch.setenv("EXPLAINER_MAX_EXCERPTS", "1")
    settings = Settings()
    assert settings.theme == "high-contrast"
    assert settings.max_excerpts == 1  # the environment wins over the file


async def test_knowledge_errors_show_a_visible_warning_naming_file_and_line(
        knowledge: Path, tmp_path: Path) -> None:
    Explainer(settings_for(knowledge, tmp_path / "cache"), HashingBackend()).load()
    broken = knowledge / "definitions" / "ice.yaml"
    broken.write_text(broken.read_text().replace("language: en", "language: english"))
    app = fake_app(knowledge, tmp_path / "cache")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.query_one("#status", Static).render())
        assert "answers come from the last good index" in status
        assert f"{broken}:12:" in status


async def test_markup_in_knowledge_is_shown_literally(knowledge: Path, tmp_path: Path) -> None:
    article = knowledge / "articles" / "test-article.md"
    article.write_text(article.read_text().replace(
        "Critics say", "Critics [@click=app.quit]say[/] \x1b]0;x\x07[link=http://x]"))
    app = fake_app(knowledge, tmp_path / "cache")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "critics say traffic charges detainer")
        quotes = [str(s.render()) for s in card.query(".quote")]
        assert any("Critics [@click=app.quit]say[/] [link=http://x]" in q for q in quotes)
        for quote in card.query(".quote"):
            await pilot.click(quote)
        assert app.is_running


def drawn_reversed(widget: Static) -> list[str]:
    """The characters of the widget that the screen draws in reverse video."""
    reversed_text: list[str] = []
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            if segment.style is not None and segment.style.reverse:
                reversed_text.append(segment.text)
    return reversed_text


async def test_a_focused_scrolling_area_draws_text_normally(app: ExplainerApp) -> None:
    """Focus on the article must not turn its text into boxes, nor hide the cited sentence."""
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen, view = await open_cited_article(app, pilot)
        assert app.focused is screen.query_one("#article")
        number = view.excerpt.id.split("#p")[1]
        others = [s for s in screen.query(".paragraph").results(Static)
                  if s.id != f"p{number}"]
        assert others and all(drawn_reversed(s) == [] for s in others)
        cited = "".join(drawn_reversed(screen.query_one(f"#p{number}", Static)))
        assert cited.split() == view.excerpt.text.split()  # only the cited sentences


async def test_typing_after_a_click_in_the_conversation_goes_to_the_question_box(
        app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await ask(app, pilot, "what is ICE?")
        await pilot.click(".question-text")
        await pilot.press("tab")  # focus somewhere else in the conversation, too
        await pilot.press(*"why?")
        box = app.query_one("#question", Input)
        assert app.focused is box
        assert box.value == "why?"


async def test_footer_shows_every_key_within_80_columns(app: ExplainerApp) -> None:
    from textual.widgets._footer import FooterKey

    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):  # the footer composes its keys after the first refresh
            await pilot.pause(0.05)
        keys = list(app.screen.query(FooterKey))
        assert {key.key for key in keys} >= {f"f{n}" for n in range(1, 9)}
        assert all(key.region.right <= 80 and key.region.width > 0 for key in keys)


async def test_header_question_mark_opens_help(app: ExplainerApp) -> None:
    from explainer.ui.screens.help import HelpScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#header-help")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_header_disclaimer_is_not_cut_at_80_columns(app: ExplainerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.query_one("#header-text", Static)
        drawn = " ".join("".join(s.text for s in header.render_line(y)).strip()
                         for y in range(header.size.height))
        assert t("subtitle") in drawn


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_buttons_wrap_and_tab_walks_only_the_newest_answer(
        app: ExplainerApp, size: tuple[int, int]) -> None:
    from textual.widget import Widget
    from textual.widgets import Button

    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await ask(app, pilot, "What is a 287(g) agreement?")
        card = await ask(app, pilot, "Critics say people held on a detainer faced traffic charges")
        await pilot.pause()
        for button in card.query(Button):
            row = button.parent
            assert isinstance(row, Widget)
            assert button.region.right <= row.region.right, str(button.label)
            assert button.region.width >= len(str(button.label)) + 2, "label cut"
        older = app.query(AnswerCard).first()
        assert not any(b.focusable for b in older.query(Button))
        stops = [w for w in app.screen.focus_chain if isinstance(w, Button)]
        assert stops and all(card in b.ancestors for b in stops)
        assert len(stops) <= 3 + 3  # an "Open source" per excerpt and at most 3 look-ups


async def test_a_button_row_wraps_when_the_window_is_narrow(app: ExplainerApp) -> None:
    from textual.widget import Widget
    from textual.widgets import Button

    async with app.run_test(size=(32, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "What is a 287(g) agreement?")
        await pilot.pause()
        row = card.query_one(".actions", Widget)
        buttons = list(row.query(Button))
        assert len(buttons) >= 2
        assert all(b.region.right <= row.region.right for b in buttons), "a button is cut"
        assert row.region.height >= 2 and buttons[-1].region.y > buttons[0].region.y


async def test_each_term_gets_one_look_up_button_per_card(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "What is a 287(g) agreement?")
        offered = [getattr(b, "term_id", "") for b in card.query(".term")]
        shown = {e.id for e in card.answer.excerpts if e.kind == "definition"}
        assert offered and len(offered) == len(set(offered))
        assert not shown & set(offered)


async def test_each_quote_is_marked_once(app: ExplainerApp,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The card finds the terms in each quote and its view shows them: one pass, not two."""
    from explainer.ui.safe_text import TermMarker

    marked: list[str] = []
    mark = TermMarker.mark

    def counting(self: TermMarker, text: str, skip: str | None = None) -> tuple[Content,
                                                                               list[str]]:
        marked.append(text)
        return mark(self, text, skip)

    monkeypatch.setattr(TermMarker, "mark", counting)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        card = await ask(app, pilot, "What is a 287(g) agreement?")
        quotes = [excerpt.text for excerpt in card.answer.excerpts]
        assert len(quotes) == 2  # the definition and the article's passage
        assert sorted(marked) == sorted(quotes)
        underlined = [span for quote in card.query(".quote").results(Static)
                      for span in cast(Content, quote.render()).spans
                      if "underline" in str(span.style)]
        assert underlined  # the marks are still shown, and offered as buttons
        assert any(getattr(b, "term_id", "") == "ice" for b in card.query(".term"))


async def test_colours_key_says_which_colours(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()  # loading sets the status line too
        await pilot.press("f6")
        assert app.theme == "high-contrast"
        assert "high contrast" in text_of(app.query_one("#status", Static))


async def test_projector_off_restores_the_colours_from_before(app: ExplainerApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("f8")
        assert app.theme == "high-contrast" and app.screen.has_class("projector")
        await pilot.press("f8")
        assert app.theme == "textual-dark" and not app.screen.has_class("projector")


async def test_in_a_browser_the_handout_is_a_download_not_a_file_on_the_server(
        app: ExplainerApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`explainer serve`: F7 sends the handout to the browser (Textual's deliver_text) and
    saves nothing in the folder the server was started from."""
    sent: list[tuple[str, dict[str, object]]] = []

    def deliver_text(self: ExplainerApp, file: io.StringIO, **options: object) -> str:
        sent.append((file.read(), options))
        return "key"

    monkeypatch.setattr(ExplainerApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(ExplainerApp, "deliver_text", deliver_text)
    server = tmp_path / "server"
    server.mkdir()
    monkeypatch.chdir(server)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await ask(app, pilot, "what is ICE?")
        await pilot.press("f7")
        status = text_of(app.query_one("#status", Static))
    [(page, options)] = sent
    name = str(options["save_filename"])
    assert name.startswith("explainer-handout-") and name.endswith(".html")
    assert options["mime_type"] == "text/html"
    assert "what is ICE?" in page and "ICE is the federal agency" in page
    assert status == t("handout_sent", file=name)
    assert list(server.iterdir()) == []


def fake_espeak(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.mkdir()
    program = folder / "espeak-ng"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")  # found first


async def read_aloud_until_it_ends(app: ExplainerApp, pilot: object) -> tuple[str, str]:
    """Ask, press F4, and wait for the reading to end: the status at once, then at the end."""
    await app.workers.wait_for_complete()
    await ask(app, pilot, "what is ICE?")
    status = app.query_one("#status", Static)
    await pilot.press("f4")  # type: ignore[attr-defined]
    first = text_of(status)
    for _ in range(100):
        await pilot.pause(0.1)  # type: ignore[attr-defined]
        if text_of(status) != t("reading_aloud"):
            break
    return first, text_of(status)


async def test_read_aloud_says_it_is_reading_then_done(
        app: ExplainerApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_espeak(tmp_path / "bin", "cat > /dev/null; sleep 0.3", monkeypatch)
    async with app.run_test(size=(100, 40)) as pilot:
        said = await read_aloud_until_it_ends(app, pilot)
    assert said == (t("reading_aloud"), t("read_aloud_done"))


async def test_read_aloud_says_when_there_is_no_sound(
        app: ExplainerApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_espeak(tmp_path / "bin", "cat > /dev/null; exit 1", monkeypatch)  # no audio device
    async with app.run_test(size=(100, 40)) as pilot:
        said = await read_aloud_until_it_ends(app, pilot)
    assert said[1] == t("read_aloud_no_sound")


async def test_read_aloud_without_espeak_says_so_every_time(
        app: ExplainerApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        status = app.query_one("#status", Static)
        for _ in range(2):
            app.query_one("#status", Static).update("")
            await pilot.press("f4")
            assert text_of(status) == t("read_aloud_missing")


def test_app_texts_exist_in_every_language() -> None:
    from explainer.catalog import CATALOG, EN

    assert all(set(table) == set(EN) for table in CATALOG.values())
