"""How fixed text is worded and read: plural rules for counts; the kiosk line-mode splash."""

from __future__ import annotations

import io

import pytest

from explainer.core.messages import CATALOG, message
from explainer.kiosk_pin import PinGuard
from explainer.line_mode import Kiosk, LineMode

KEYS_WITH_SECONDS = ["countdown", "pin_wait", "line_idle", "line_pin_wait"]


@pytest.mark.parametrize(("language", "word"), [("en", "second"), ("es", "segundo")])
@pytest.mark.parametrize("key", KEYS_WITH_SECONDS)
def test_one_second_is_singular(key: str, language: str, word: str) -> None:
    text = message(key, language, seconds=1)
    assert f"1 {word}" in text
    assert f"1 {word}s" not in text
    assert f"30 {word}s" in message(key, language, seconds=30)


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
