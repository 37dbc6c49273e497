"""Kiosk mode for a public library terminal used by strangers one after another.

A privacy splash on start and after every reset; an idle reset with a visible countdown that any
key, click or scroll cancels; no way out without the administrator's PIN (F12). Nothing about a
session is written anywhere: see commands/front_end.py for the process-wide lock-down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from explainer.catalog import t
from explainer.ui.app import ExplainerApp, default_engine
from explainer.ui.localize import localize_bindings

if TYPE_CHECKING:
    from explainer.kiosk_pin import PinGuard
    from explainer.settings import Settings
    from explainer.ui.app import EngineFactory

ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollUp, events.MouseScrollDown)


class AnyKeyScreen(ModalScreen[None]):
    """A notice that any key or click takes away."""

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss()

    def on_click(self) -> None:
        self.dismiss()


class SplashScreen(AnyKeyScreen):
    """The privacy splash. Any key or click continues."""

    def __init__(self, notice: str = "") -> None:
        super().__init__(id="splash")
        self.notice = notice

    def compose(self) -> ComposeResult:
        with Vertical(id="splash-box"):
            if self.notice:
                yield Static(Content(self.notice), classes="notice")
            yield Static(Content(t("splash")))


class CountdownScreen(AnyKeyScreen):
    """The idle warning: a visible countdown that any key or click cancels."""

    def __init__(self, seconds: int) -> None:
        super().__init__(id="countdown")
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with Vertical(id="countdown-box"):
            yield Static(Content(t("countdown", seconds=self.seconds)), id="countdown-text")

    def show(self, seconds: int) -> None:
        self.seconds = seconds
        self.query_one("#countdown-text", Static).update(Content(t("countdown", seconds=seconds)))


class PinScreen(ModalScreen[None]):
    """The administrator's exit: the PIN, hidden; wrong PINs slow further tries."""

    BINDINGS = [Binding("escape", "dismiss", "Back", id="pin.back")]

    def __init__(self, guard: PinGuard) -> None:
        super().__init__(id="pin")
        localize_bindings(self)
        self.guard = guard

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(Content(t("pin_prompt")))
            yield Input(password=True, id="pin-input")
            yield Static("", id="pin-message")

    def on_mount(self) -> None:
        self.query_one("#pin-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pin, event.input.value = event.value, ""
        message = self.query_one("#pin-message", Static)
        wait = self.guard.wait_seconds()
        if wait:
            message.update(Content(t("pin_wait", seconds=wait)))
        elif self.guard.check(pin):
            self.app.exit()
        else:
            message.update(Content(t("pin_wrong")))


class KioskApp(ExplainerApp):
    """The explainer app, locked for a public kiosk."""

    ALLOW_SELECT = False  # no selection, so nothing can be copied to the clipboard
    BINDINGS = [
        Binding("ctrl+q", "blocked", show=False, priority=True, id="kiosk.quit"),
        Binding("ctrl+c", "blocked", show=False, priority=True, id="kiosk.copy"),
        Binding("ctrl+z", "blocked", show=False, priority=True, id="kiosk.suspend"),
        Binding("f12", "admin_exit", show=False, priority=True, id="kiosk.admin"),
        # No handouts on a kiosk: a file would outlive the session. F7 says so.
        Binding("f7", "handout", show=False, priority=True, id="kiosk.handout"),
    ]

    def __init__(self, settings: Settings, guard: PinGuard,
                 engine_factory: EngineFactory = default_engine, *,
                 idle_seconds: int | None = None, warning_seconds: int | None = None,
                 clock: Callable[[], float] = time.monotonic, start_notice: str = "") -> None:
        self.clock = clock  # set first: events may arrive while the App initializes
        self.last_activity = clock()
        super().__init__(settings, engine_factory, guard=guard)
        self.kiosk_guard = guard
        self.start_notice = start_notice
        self.idle_seconds = idle_seconds or settings.idle_seconds
        self.warning_seconds = warning_seconds or settings.idle_warning_seconds
        if settings.read_aloud is not True:
            # Read aloud is off on a kiosk unless the administrator turned it on: keep F4 out
            # of the footer, but let it still say that it is off.
            self._bindings.bind("f4", "read_aloud", show=False, priority=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.push_screen(SplashScreen(self.start_notice))
        self.set_interval(1.0, self.tick_idle)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed into the question box count too: watch at the App level.
        if isinstance(event, ACTIVITY):
            self.last_activity = self.clock()
        await super().on_event(event)

    def tick_idle(self) -> None:
        # The countdown starts after the full idle time (as the README says), then runs for
        # the warning time.
        idle = self.clock() - self.last_activity
        left = int(self.idle_seconds + self.warning_seconds - idle + 0.999)
        countdown = self._countdown()
        if left <= 0:
            self.reset_session()
        elif idle >= self.idle_seconds:
            if countdown is None:
                self.push_screen(CountdownScreen(left))
            else:
                countdown.show(left)

    def _countdown(self) -> CountdownScreen | None:
        screen = self.screen
        return screen if isinstance(screen, CountdownScreen) else None

    def reset_session(self, notice: str = "") -> None:
        """Clear conversation, input, scroll and open screens; show the splash again."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.action_start_over()
        self.query_one("#conversation").scroll_home(animate=False)
        self.last_activity = self.clock()
        self.push_screen(SplashScreen(notice))

    def action_blocked(self) -> None:
        """Quit, copy and suspend keys do nothing on a kiosk."""

    def action_handout(self) -> None:
        """Never on a kiosk; say so rather than do nothing."""
        self._set_status(t("handout_off"))

    def action_admin_exit(self) -> None:
        if not isinstance(self.screen, PinScreen):
            self.push_screen(PinScreen(self.kiosk_guard))

    # Escape routes, closed ----------------------------------------------------------------

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """No link opens a browser on a kiosk."""

    def copy_to_clipboard(self, text: str) -> None:
        """No copying: the clipboard would outlive the session."""

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """No screenshots: they would be files on disk."""

    def action_suspend_process(self) -> None:
        """No suspending to a shell."""

    crashed = False

    def _handle_exception(self, error: Exception) -> None:
        # Never a traceback: it would print the patron's question (locals) to the terminal.
        # The app closes quietly and `run_kiosk` starts a fresh one on the splash.
        self.crashed = True
        self._return_code = 3
        self._close_messages_no_wait()


def run_kiosk(make_app: Callable[[str], KioskApp]) -> int:
    """Run kiosk sessions until the administrator exits; after an error, start afresh."""
    notice = ""
    while True:
        app = make_app(notice)
        app.run()
        if not app.crashed:
            return 0
        notice = t("error_reset")
