"""Screenshots of the main screens at 80x24, in the default and high-contrast themes.

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
from explainer.ui.app import ExplainerApp
from tests.helpers import settings_for

SIZE = (80, 24)


def make_app(knowledge: Path, cache: Path, theme: str) -> ExplainerApp:
    settings = settings_for(knowledge, cache).model_copy(update={"theme": theme,
                                                                 "animations": False})
    return ExplainerApp(settings, lambda s: Explainer(s, HashingBackend()))


async def settle(pilot: Pilot[Any]) -> None:
    for box in pilot.app.query(Input):
        box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def asking(question: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.query_one("#question", Input).value = question
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_empty_screen(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=settle)


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_answer(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=asking("What is an ICE hold?"))


def test_no_answer(snap_compare: Any, knowledge: Path, tmp_path: Path) -> None:
    assert snap_compare(make_app(knowledge, tmp_path / "c", "default"), terminal_size=SIZE,
                        run_before=asking("How do I bake bread?"))


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_glossary(snap_compare: Any, knowledge: Path, tmp_path: Path, theme: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)

    assert snap_compare(make_app(knowledge, tmp_path / "c", theme), terminal_size=SIZE,
                        run_before=run_before)
