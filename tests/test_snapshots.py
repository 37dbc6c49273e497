"""Screenshots of the screens at 80x24 (and the answer at 100x30), in the default and
high-contrast themes, in Spanish, on a kiosk and on a projector.

Update them on purpose with: .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.core.messages import use_language
from explainer.kiosk_pin import MIN_ITERATIONS, PinGuard, PinHash, hash_pin
from explainer.ui.app import ExplainerApp
from explainer.ui.kiosk import KioskApp
from tests.helpers import settings_for

SIZE = (80, 24)


def make_app(knowledge: Path, cache: Path, theme: str, lang: str = "en") -> ExplainerApp:
    settings = settings_for(knowledge, cache).model_copy(update={"theme": theme, "lang": lang,
                                                                 "animations": False})
    return ExplainerApp(settings, lambda s: Explainer(s, HashingBackend()))


async def settle(pilot: Pilot[Any]) -> None:
    # Every screen's boxes, not only the first screen's: a blinking cursor (the glossary's
    # filter) made its snapshot depend on timing.
    for screen in pilot.app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def asking(question: str, *keys: str) -> Any:
    """Ask a question, then press `keys`."""
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.query_one("#question", Input).value = question
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_empty_screen(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    """The first screen: welcome, suggestions, the question box, every key in the footer."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=settle)


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_answer(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    """An answer card at 80x24: the disclaimer in the header is whole, buttons not cut."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=asking("What is an ICE hold?"))


def test_no_answer(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """A question we cannot answer: the calm message and free legal help."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=asking("How do I bake bread?"))


def test_question_too_long(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """A pasted story over 500 characters stays in the box; what to do and the help are in view."""
    story = " ".join(["They took my dad at work this morning and we do not know where he is."]
                     * 8)
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=asking(story))


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_glossary(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    """F2: every checked term, with the filter box focused."""
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)

    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=run_before)


def test_answer_at_100_columns(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """At 100x30 the header, the button rows and the footer fit without cutting a word."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=(100, 30),
                        run_before=asking("What is a 287(g) agreement?"))


def test_conversation_with_focus(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """After one Tab the conversation shows a focus border and its text is drawn as usual."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=asking("What is a 287(g) agreement?", "tab"))


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_article(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    """"Open source": the whole article, focused, with the cited sentences highlighted."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=asking("how many counties have agreements now, seven?",
                                          "tab", "tab", "enter"))


def test_definition(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """A definition card: term, text, what is uncertain, date, sources, related terms."""
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.run_action("open_definition('detainer')")
        await settle(pilot)

    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=run_before)


def test_help(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """F1: the help text, focused for scrolling, drawn without reversed boxes."""
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=run_before)


def test_spanish_answer(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """The Spanish interface around an English excerpt: labels, footer and header in Spanish."""
    use_language("es")  # the conftest fixture puts English back after the test
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default", "es"),
                        terminal_size=SIZE,
                        run_before=asking("¿Qué dijo el sheriff sobre el acuerdo 287(g)?"))


def test_projector(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """F8: the projector layout, high contrast, roomier and bold."""
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=asking("What is an ICE hold?", "f8"))


class StillClock:
    """A clock the test moves by hand, so the kiosk's idle timer shows a known state."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def kiosk(knowledge: Path, cache: Path, clock: StillClock) -> KioskApp:
    settings = settings_for(knowledge, cache).model_copy(update={"kiosk": True,
                                                                 "animations": False})
    guard = PinGuard(PinHash.parse(hash_pin("482916", iterations=MIN_ITERATIONS)))
    return KioskApp(settings, guard, lambda s: Explainer(s, HashingBackend()),
                    idle_seconds=60, warning_seconds=20, clock=clock)


def test_kiosk_splash(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """The kiosk's privacy splash, shown on start and after every reset."""
    assert snap_compare(kiosk(knowledge, tmp_path / "c", StillClock()), terminal_size=SIZE,
                        run_before=settle)


def test_kiosk_countdown(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    """The idle countdown, 5 seconds after the full idle time: 15 seconds left."""
    clock = StillClock()
    app = kiosk(knowledge, tmp_path / "c", clock)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("space")  # past the splash
        clock.now += 65
        app.tick_idle()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
