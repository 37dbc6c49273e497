"""Start the right front end: the app, line mode, and either one as a kiosk."""

from __future__ import annotations

import os
import resource
import sys

from explainer.commands.output import EXIT_BROKEN
from explainer.kiosk_pin import PinGuard, PinHash, PinHashError
from explainer.settings import Settings


def kiosk_guard(settings: Settings) -> PinGuard | None:
    """The PIN guard, or None (and a message for the administrator) if no valid PIN is set."""
    if not settings.kiosk_pin_hash:
        print("explainer: kiosk mode needs an administrator PIN. Create one with "
              "`explainer kiosk hash-pin` and set EXPLAINER_KIOSK_PIN_HASH (or kiosk_pin_hash "
              "in the settings file).", file=sys.stderr)
        return None
    try:
        return PinGuard(PinHash.parse(settings.kiosk_pin_hash))
    except PinHashError as error:
        print(f"explainer: kiosk mode cannot start: {error}.", file=sys.stderr)
        return None


def lock_down_for_kiosk() -> None:
    """Nothing about a session may reach the disk: no core dumps, logs or bytecode files."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.dont_write_bytecode = True
    for name in ("TEXTUAL_LOG", "TEXTUAL_DEBUG", "PYTHONBREAKPOINT"):
        os.environ.pop(name, None)


def run_front_end(settings: Settings, *, plain: bool) -> int:
    guard = None
    if settings.kiosk:
        guard = kiosk_guard(settings)
        if guard is None:
            return EXIT_BROKEN
        lock_down_for_kiosk()
    if plain:
        from explainer.line_mode import run_line_mode

        return run_line_mode(settings, guard)
    from explainer.ui.launch import run_app

    return run_app(settings, guard)
