"""How fixed text is worded: plural rules for counts in English and Spanish."""

from __future__ import annotations

import pytest

from explainer.core.messages import CATALOG, message

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
