"""`explainer serve`: localhost by default, a printed warning, the app as the served command."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pytest

from explainer import cli
from explainer.core.explainer import Explainer

if TYPE_CHECKING:
    from playwright.sync_api import Page


class FakeServer:
    calls: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        FakeServer.calls.append({"command": command, "host": host, "port": port})

    def serve(self) -> None:
        pass


@pytest.fixture(autouse=True)
def fake_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import textual_serve.server

    FakeServer.calls = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)


def test_serves_on_localhost_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "es", "--knowledge", "/k w", "serve"]) == 0
    [call] = FakeServer.calls
    assert call["host"] == "localhost" and call["port"] == 8000
    # Its own entry point: `explainer` would fall back to line mode without a terminal.
    assert shlex.split(call["command"])[1:] == ["-m", "explainer.commands.serve",
                                                "--knowledge", "/k w", "--lang", "es"]
    err = capsys.readouterr().err
    assert "has no login" in err and "http://localhost:8000" in err


def test_other_host_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert FakeServer.calls[0]["host"] == "0.0.0.0"
    assert "http://0.0.0.0:8123" in capsys.readouterr().err


def test_never_with_kiosk(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--kiosk", "serve"]) == 2
    assert FakeServer.calls == []


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; .ci/run installs it
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[A-Za-z~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def free_port() -> int:
    with socket.socket() as probe:  # binding is not a connection: allowed offline
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def screen_text(frames: list[str | bytes]) -> str:
    """What the app drew in the page's terminal, without its escape codes."""
    joined = "".join(f if isinstance(f, str) else f.decode("utf-8", "replace") for f in frames)
    return ESCAPES.sub("", joined)


def wait_for(wanted: str, frames: list[str | bytes], page: Page, seconds: float = 180) -> None:
    """Wait, at most `seconds`, until the page's terminal has been sent `wanted`.

    The page's own wait, not time.sleep: Playwright's sync API records frames only while one of
    its calls runs, so a plain sleep saw no frame and always waited the full time."""
    deadline = time.monotonic() + seconds
    while wanted not in screen_text(frames) and time.monotonic() < deadline:
        page.wait_for_timeout(500)


@pytest.mark.real_model
def test_browser_shows_the_app_and_an_answer(real_explainer: Explainer, real_cache: Path,
                                            tmp_path: Path) -> None:
    """A real headless Chromium loads the page, types a question, and the app answers. F7
    then sends the handout to the browser as a download; the server's folder stays empty."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("needs Debian's chromium (apt-get install chromium); CI installs it")
    from playwright.sync_api import Error, Route, sync_playwright

    port = free_port()
    environment = dict(os.environ, EXPLAINER_CACHE_DIR=str(real_cache))
    served_from = tmp_path / "server"
    served_from.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "explainer", "serve", "--port", str(port)], env=environment,
        cwd=served_from, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    frames: list[str | bytes] = []
    outside: list[str] = []
    downloads: list[tuple[str, str]] = []  # (Content-Disposition, body) of each download

    def local_only(route: Route) -> None:
        # The page asks for web fonts; nothing may leave this machine in a test.
        if not route.request.url.startswith(f"http://localhost:{port}/"):
            outside.append(route.request.url)
            route.abort()
        elif "/download/" in route.request.url:  # opened in a new window: seen here
            response = route.fetch()
            downloads.append((response.headers.get("content-disposition", ""),
                              response.text()))
            route.fulfill(response=response)
        else:
            route.continue_()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
                args=CHROMIUM_FLAGS, viewport={"width": 1000, "height": 700})
            browser.route("**/*", local_only)  # every window, the download's too
            page = browser.new_page()
            # What the app sends to the page's terminal (it draws on a canvas, not in the DOM).
            page.on("websocket", lambda socket: socket.on(
                "framereceived", lambda frame: frames.append(frame)))
            for _ in range(60):  # the server takes a moment to listen
                try:
                    page.goto(f"http://localhost:{port}/")
                    break
                except Error:
                    time.sleep(0.5)
            page.wait_for_selector("#terminal.-connected", timeout=30_000)
            wait_for("Type your question", frames, page)  # the app is up: its question box
            page.focus(".xterm-helper-textarea")
            page.keyboard.type("What is a 287(g) agreement?")
            page.keyboard.press("Enter")
            wait_for("Here is what the checked sources say.", frames, page)
            page.keyboard.press("F7")
            wait_for("downloading the handout", frames, page)
            deadline = time.monotonic() + 60
            while not downloads and time.monotonic() < deadline:
                page.wait_for_timeout(500)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the app processes it started
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    shown = screen_text(frames)
    assert "Type your question" in shown, "the page never showed the app"
    assert "Here is what the checked sources say." in shown
    [(disposition, handout)] = downloads
    assert "explainer-handout-" in disposition and ".html" in disposition
    assert "What is a 287(g) agreement?" in handout
    assert list(served_from.iterdir()) == []  # nothing left with whoever runs the server
