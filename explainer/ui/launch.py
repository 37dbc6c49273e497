"""Start the app: the plain app for a home terminal, or the kiosk app for a library computer.

It sits apart from ui/app.py and ui/kiosk.py so those two never import each other (the kiosk app
is built on the plain one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explainer.ui.app import ExplainerApp

if TYPE_CHECKING:
    from explainer.kiosk_pin import PinGuard
    from explainer.settings import Settings


def run_app(settings: Settings, guard: PinGuard | None = None) -> int:
    if guard is None:
        ExplainerApp(settings).run()
        return 0
    from explainer.core.explainer import Explainer, ExplainerError
    from explainer.ui.kiosk import KioskApp, run_kiosk

    # A kiosk never builds an index in front of a patron: a missing one is the admin's job.
    engine = Explainer(settings, allow_build=False)
    try:
        engine.load()
    except ExplainerError as error:
        import sys

        print(f"explainer: kiosk mode cannot start: {error}", file=sys.stderr)
        return 1
    return run_kiosk(lambda notice: KioskApp(settings, guard, lambda _settings: engine,
                                             start_notice=notice))
