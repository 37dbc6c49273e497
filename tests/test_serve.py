"""`explainer serve`: localhost by default, a printed warning, the app as the served command."""

from __future__ import annotations

import shlex
from typing import Any, ClassVar

import pytest

from explainer import cli


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
    assert shlex.split(call["command"])[1:] == ["-m", "explainer", "--knowledge", "/k w",
                                                "--lang", "es"]
    err = capsys.readouterr().err
    assert "has no login" in err and "http://localhost:8000" in err


def test_other_host_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert FakeServer.calls[0]["host"] == "0.0.0.0"
    assert "http://0.0.0.0:8123" in capsys.readouterr().err


def test_never_with_kiosk(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--kiosk", "serve"]) == 2
    assert FakeServer.calls == []
