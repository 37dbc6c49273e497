"""How fixed text is worded and read: plural rules for counts; the kiosk line-mode splash."""

from __future__ import annotations

import io

import pytest

from explainer.core.messages import CATALOG, message
from explainer.kiosk_pin import PinGuard
from explainer.line_mode import Kiosk, LineMode

KEYS_WITH_SECONDS = ["countdown", "pin_wait", "line_idle", "line_pin_wait"]


@pytest.mark.parametrize("key", KEYS_WITH_SECONDS)
def test_one_second_is_singular_in_english(key: str) -> None:
    text = message(key, "en", seconds=1)
    assert "1 second" in text
    assert "1 seconds" not in text
    assert "30 seconds" in message(key, "en", seconds=30)


@pytest.mark.parametrize("key", KEYS_WITH_SECONDS)
def test_one_second_is_singular_in_spanish(key: str) -> None:
    text = message(key, "es", seconds=1)
    assert "1 segundo" in text
    assert "1 segundos" not in text
    assert "30 segundos" in message(key, "es", seconds=30)


def test_every_count_of_seconds_goes_through_the_plural_rule() -> None:
    # A template that wrote the unit itself ("{seconds} seconds") would say "1 seconds" again.
    for table in CATALOG.values():
        for key, text in table.items():
            assert "{seconds}" not in text, key


def test_plain_kiosk_splash_waits_for_enter() -> None:
    stdin, out = io.StringIO("\nwhat is ICE?\n"), io.StringIO()
    session = LineMode(None, stdin, out, Kiosk(PinGuard.__new__(PinGuard), 60, 20))  # type: ignore[arg-type]
    session.interactive = True  # a patron at a terminal
    session._splash()
    assert out.getvalue().rstrip().endswith("Press Enter to start.")
    assert stdin.readline() == "what is ICE?\n"  # the splash took the Enter, and only that


def test_a_question_typed_at_the_splash_is_kept() -> None:
    stdin, out = io.StringIO("what is ICE?\n"), io.StringIO()
    session = LineMode(None, stdin, out, Kiosk(PinGuard.__new__(PinGuard), 60, 20))  # type: ignore[arg-type]
    session.interactive = True
    session._splash()
    assert session._next_line() == "what is ICE?\n"
