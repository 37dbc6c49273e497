"""Kiosk mode: splash, idle countdown and reset, locked keys, the admin PIN, nothing on disk."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from explainer.catalog import t
from explainer.commands.front_end import kiosk_guard
from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.kiosk_pin import MIN_ITERATIONS, PinGuard, PinHash, PinHashError, hash_pin
from explainer.line_mode import Kiosk, LineMode
from explainer.ui.kiosk import CountdownScreen, KioskApp, PinScreen, SplashScreen, run_kiosk
from explainer.ui.widgets.answer_card import AnswerCard, QuestionCard
from tests.helpers import fake_explainer, settings_for
from tests.terminal import LEFT, UP, Terminal, environment

PIN = "482916"
PIN_HASH = hash_pin(PIN, iterations=MIN_ITERATIONS)  # fewer iterations keep the tests quick


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def kiosk_app(knowledge: Path, cache: Path, clock: FakeClock) -> KioskApp:
    settings = settings_for(knowledge, cache).model_copy(update={"kiosk": True})
    guard = PinGuard(PinHash.parse(PIN_HASH), clock=clock)
    return KioskApp(settings, guard, lambda s: Explainer(s, HashingBackend()),
                    idle_seconds=60, warning_seconds=20, clock=clock)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(knowledge: Path, tmp_path: Path, clock: FakeClock) -> KioskApp:
    fake_explainer(knowledge, tmp_path / "cache").load()  # the admin built the index before
    return kiosk_app(knowledge, tmp_path / "cache", clock)


async def start(app: KioskApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    assert isinstance(app.screen, SplashScreen)
    await pilot.press("space")  # type: ignore[attr-defined]
    assert not isinstance(app.screen, SplashScreen)


async def test_splash_first_then_any_key_continues(app: KioskApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Nothing you ask here is saved or sent anywhere." in text
        assert "This is information, not legal advice." in text
        await start(app, pilot)


async def test_idle_countdown_then_reset_clears_everything(app: KioskApp,
                                                           clock: FakeClock) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#question", Input).value = "what is ICE?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.query_one("#question", Input).value = "half typed"
        assert app.query(AnswerCard)
        clock.now += 65  # idle for 60 s, then 5 s of the 20 s countdown: 15 seconds left
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, CountdownScreen)
        assert "cleared in 15 seconds" in str(app.screen.query_one("#countdown-text").render())
        clock.now += 15
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, SplashScreen)
        assert not app.query(AnswerCard) and not app.query(QuestionCard)
        assert app.query_one("#question", Input).value == ""


async def test_a_key_cancels_the_countdown(app: KioskApp, clock: FakeClock) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        clock.now += 65
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, CountdownScreen)
        await pilot.press("a")
        assert not isinstance(app.screen, CountdownScreen)
        clock.now += 30  # activity was recorded: no reset yet
        app.tick_idle()
        await pilot.pause()
        assert not isinstance(app.screen, (CountdownScreen, SplashScreen))


async def test_the_countdown_starts_after_the_full_idle_time(app: KioskApp,
                                                            clock: FakeClock) -> None:
    """README: after EXPLAINER_IDLE_SECONDS without a key, a countdown of the warning time."""
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        clock.now += 59
        app.tick_idle()
        await pilot.pause()
        assert not isinstance(app.screen, CountdownScreen)
        clock.now += 1
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, CountdownScreen)
        assert "cleared in 20 seconds" in str(app.screen.query_one("#countdown-text").render())


async def test_read_aloud_and_handout_keys_say_they_are_off(app: KioskApp) -> None:
    from textual.widgets._footer import FooterKey

    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        for _ in range(10):  # the footer composes its keys after a refresh
            await pilot.pause(0.05)
        shown = {key.key for key in app.screen.query(FooterKey)}
        assert "f1" in shown and not shown & {"f4", "f7"}  # off here, so not offered
        status = app.query_one("#status", Static)
        await pilot.press("f4")
        assert str(status.render()) == t("read_aloud_off")
        await pilot.press("f7")
        assert str(status.render()) == t("handout_off")


async def test_typing_in_the_question_box_counts_as_activity(app: KioskApp,
                                                             clock: FakeClock) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        clock.now += 39
        await pilot.press("w", "h", "a", "t")
        clock.now += 39  # 78 s since start, but only 39 s since the last key
        app.tick_idle()
        await pilot.pause()
        assert not isinstance(app.screen, (CountdownScreen, SplashScreen))
        assert app.query_one("#question", Input).value == "what"


async def test_quit_copy_and_suspend_keys_do_nothing(app: KioskApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+q", "ctrl+c", "ctrl+z")
        await pilot.pause()
        assert app.is_running
        assert app.ENABLE_COMMAND_PALETTE is False and app.ALLOW_SELECT is False


async def test_admin_exit_needs_the_right_pin_and_slows_wrong_ones(
        app: KioskApp, clock: FakeClock) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("f12")
        assert isinstance(app.screen, PinScreen)
        await pilot.press(*"000000", "enter")
        message = app.screen.query_one("#pin-message", Static)
        assert str(message.render()) == "That PIN is not right."
        await pilot.press(*PIN, "enter")  # too soon after a wrong one
        assert str(message.render()) == "Please wait 2 seconds before trying again."
        assert app.is_running
        clock.now += 3
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert not app.is_running


def test_kiosk_refuses_to_start_without_a_pin(capsys: pytest.CaptureFixture[str],
                                              knowledge: Path, tmp_path: Path) -> None:
    settings = settings_for(knowledge, tmp_path).model_copy(update={"kiosk": True})
    assert kiosk_guard(settings) is None
    assert "kiosk mode needs an administrator PIN" in capsys.readouterr().err
    weak = settings.model_copy(update={"kiosk_pin_hash": hash_pin(PIN, iterations=1000)})
    assert kiosk_guard(weak) is None
    assert "at least 100,000 iterations" in capsys.readouterr().err


def test_pin_hash_format_is_the_documented_one() -> None:
    scheme, iterations, salt, digest = hash_pin("1234").split("$")
    assert (scheme, iterations) == ("pbkdf2_sha256", "600000")
    expected = hashlib.pbkdf2_hmac("sha256", b"1234", bytes.fromhex(salt), 600_000)
    assert digest == expected.hex()
    with pytest.raises(PinHashError):
        PinHash.parse("md5$1$00$00")


def snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                stat = path.stat()
                state[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return state


async def test_a_kiosk_session_writes_nothing(knowledge: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              clock: FakeClock) -> None:
    home, temp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    cache = tmp_path / "cache"
    for folder in (home, temp, work):
        folder.mkdir()
    fake_explainer(knowledge, cache).load()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.chdir(work)
    before = snapshot(home, temp, work, cache)
    app = kiosk_app(knowledge, cache, clock)
    question = "zebra-secret-question about ICE holds"
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        app.query_one("#question", Input).value = question
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.reset_session()
        await pilot.pause()
    assert snapshot(home, temp, work, cache) == before
    for path in snapshot(home, temp, work, cache):
        assert b"zebra-secret" not in Path(path).read_bytes()


# Line mode as a kiosk ------------------------------------------------------------------------

def line_kiosk(explainer: Explainer, stdin: str, clock: FakeClock) -> tuple[LineMode, io.StringIO]:
    out = io.StringIO()
    guard = PinGuard(PinHash.parse(PIN_HASH), clock=clock)
    return LineMode(explainer, io.StringIO(stdin), out, Kiosk(guard, 60, 20)), out


def test_plain_kiosk_refuses_quit_without_the_pin(explainer: Explainer,
                                                  clock: FakeClock) -> None:
    session, out = line_kiosk(explainer, "quit\n000000\nwhat is ICE?\n", clock)
    assert session.run() == 0  # the input ended; quit itself did not end it
    text = out.getvalue()
    assert "Nothing you ask here is saved or sent anywhere." in text
    assert "Quit: that PIN is not right. This kiosk keeps running." in text
    assert "Definition: ICE." in text


def test_plain_kiosk_quits_with_the_pin(explainer: Explainer, clock: FakeClock) -> None:
    session, out = line_kiosk(explainer, f"quit\n{PIN}\nwhat is ICE?\n", clock)
    assert session.run() == 0
    assert out.getvalue().rstrip().endswith("Goodbye.")
    assert "Definition: ICE." not in out.getvalue()


def test_plain_kiosk_idle_warning_then_reset(explainer: Explainer, clock: FakeClock,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    session, out = line_kiosk(explainer, "", clock)
    waits: list[float] = []
    monkeypatch.setattr(session, "_read_within", lambda s: waits.append(s))  # nothing typed
    assert session._next_line() == "\n"
    assert waits == [60, 20]  # the full idle time first, then the countdown
    text = out.getvalue()
    assert t("line_idle", seconds=20) in text
    assert text.rstrip().endswith("Press Enter to start.")
    assert "Session cleared." in text


async def test_an_error_closes_quietly_and_a_fresh_session_starts(app: KioskApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        app._handle_exception(RuntimeError("a bug with the patron's question in its locals"))
    assert app.crashed and app.return_code == 3
    assert app._exit_renderables == []  # no traceback is printed


def test_run_kiosk_starts_again_on_the_splash_after_an_error() -> None:
    notices: list[str] = []

    class Session:
        def __init__(self, notice: str) -> None:
            notices.append(notice)
            self.crashed = len(notices) == 1

        def run(self) -> None:
            pass

    assert run_kiosk(Session) == 0  # type: ignore[arg-type]
    assert notices == ["", "Something went wrong, so the screen was cleared. Please ask again."]


# A short idle time (the settings allow no less than 30 s), so the test sees the warning and the
# reset within seconds.
SHORT_IDLE = ("import explainer.line_mode as line_mode\n"
              "Kiosk = line_mode.Kiosk\n"
              "line_mode.Kiosk = lambda guard, idle, warning: Kiosk(guard, 2, 3)\n")


def test_plain_kiosk_at_a_terminal_edits_lines_and_still_resets(knowledge: Path,
                                                                 tmp_path: Path) -> None:
    """Readline in the kiosk's line mode: arrow keys edit, the up arrow brings back this
    patron's questions only, the idle warning keeps a half-typed line, the reset still comes,
    and nothing is written anywhere."""
    fake_explainer(knowledge, tmp_path / "cache").load()  # the admin built the index before
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = environment(tmp_path, HOME=str(home), EXPLAINER_KIOSK_PIN_HASH=PIN_HASH)
    before = snapshot(tmp_path)
    argv = ["--knowledge", str(knowledge), "--kiosk", "--plain"]
    with Terminal(argv, env, SHORT_IDLE, cwd=work) as terminal:
        terminal.wait_for("Press Enter to start.")
        assert "Your question:" not in terminal.quiet_for(1.5)  # it waits for Enter
        terminal.type("\r")
        terminal.wait_for("Your question:")
        terminal.type("what is CE" + LEFT * 2 + "I\r")
        terminal.wait_for("Question: what is ICE")
        terminal.wait_for("Your question:")
        terminal.type(UP + "\r")  # this patron's own question comes back
        terminal.wait_for("Question: what is ICE")
        terminal.wait_for("Your question:")
        terminal.type("half")  # then nothing for the idle time
        terminal.wait_for("Idle: no one has typed")
        terminal.wait_for("Your question:")
        terminal.type(" typed\r")  # typing during the warning keeps the session and the line
        terminal.wait_for("Question: half typed")
        terminal.wait_for("Idle: no one has typed")  # this time no one comes back
        terminal.wait_for("Session cleared.")
        terminal.wait_for("Press Enter to start.")
        terminal.type("\r")
        terminal.wait_for("Your question:")
        terminal.type(UP + "\r")  # the next patron: no earlier question comes back
        terminal.wait_for("Your question:")
        terminal.type("what is a detainer\r")
        terminal.wait_for("Question: what is a detainer")
        text = terminal.output
    questions = [line.strip() for line in text.splitlines() if "Question: " in line]
    assert questions == ["Question: what is ICE", "Question: what is ICE",
                         "Question: half typed", "Question: what is a detainer"], text
    assert snapshot(tmp_path) == before
    for path in snapshot(tmp_path):
        assert b"half typed" not in Path(path).read_bytes()
