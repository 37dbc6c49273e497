"""Guarantees users rely on: no network, nothing of a question left on disk, stable answers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.core.explainer import Explainer
from explainer.settings import Settings
from explainer.ui.app import ExplainerApp
from explainer.ui.widgets.answer_card import AnswerCard

SECRET = "zebra-quokka private question about an ICE hold"
FAKE_MODEL = (
    "from explainer.core import explainer as e\n"
    "from explainer.core.encoder import HashingBackend\n"
    "e.MiniLMBackend = HashingBackend\n"
)


def files_under(*folders: Path) -> dict[str, bytes]:
    found = {}
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = Path(root) / name
                found[str(path)] = path.read_bytes()
    return found


@pytest.fixture
def private_places(tmp_path: Path, knowledge: Path) -> dict[str, Path]:
    places = {name: tmp_path / name for name in ("home", "tmp", "work", "cache")}
    for folder in places.values():
        folder.mkdir()
    places["knowledge"] = knowledge
    return places


def environment(places: dict[str, Path]) -> dict[str, str]:
    return {"HOME": str(places["home"]), "TMPDIR": str(places["tmp"]),
            "EXPLAINER_CACHE_DIR": str(places["cache"]), "EXPLAINER_INCLUDE_BUNDLED": "false",
            "EXPLAINER_CONFIG": os.devnull, "PATH": os.environ["PATH"],
            "XDG_CACHE_HOME": str(places["home"] / ".cache")}


@pytest.mark.parametrize("front_end", [["ask", "--json"], ["ask"], ["--plain"]])
def test_no_trace_of_a_question_after_a_cli_or_line_mode_session(
        private_places: dict[str, Path], front_end: list[str]) -> None:
    script = FAKE_MODEL + (
        "from explainer.cli import main\n"
        f"raise SystemExit(main(['--knowledge', {str(private_places['knowledge'])!r}, "
        f"*{front_end!r}]))\n")
    result = subprocess.run([sys.executable, "-c", script], input=SECRET + "\n",
                            capture_output=True, text=True, env=environment(private_places),
                            cwd=private_places["work"], timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "zebra-quokka" in result.stdout  # it was asked ...
    for path, data in files_under(*(private_places[k] for k in ("home", "tmp", "work",
                                                                 "cache"))).items():
        assert b"zebra-quokka" not in data, path  # ... and left nothing behind


async def test_no_trace_of_a_question_after_an_app_session(private_places: dict[str, Path],
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           ) -> None:
    from tests.test_app import fake_app

    for name, value in environment(private_places).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(private_places["work"])
    app = fake_app(private_places["knowledge"], private_places["cache"])
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.query_one("#question").value = SECRET  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query(AnswerCard)
    for path, data in files_under(*(private_places[k] for k in ("home", "tmp", "work",
                                                                 "cache"))).items():
        assert b"zebra-quokka" not in data, path


def test_answers_after_2000_questions_are_the_same(explainer: Explainer) -> None:
    questions = ["what is a detainer", "who signed", "How do I bake bread?", "ICE at my door",
                 "what is a 287(g) agreement?"]
    first = [explainer.ask(q) for q in questions]
    for number in range(2000):
        explainer.ask(questions[number % len(questions)])
    assert [explainer.ask(q) for q in questions] == first


@pytest.mark.real_model
async def test_app_starts_and_answers_with_sockets_blocked(real_explainer: Explainer,
                                                           real_cache: Path,
                                                           block_network: list[str]) -> None:
    app = ExplainerApp(Settings(cache_dir=real_cache))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.query_one("#question").value = "what is an ICE hold?"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one(AnswerCard).answer.excerpts[0].id == "detainer"
    assert block_network == []


@pytest.mark.real_model
@pytest.mark.skipif(shutil.which("unshare") is None, reason="no unshare on this machine")
def test_ask_works_in_an_empty_network_namespace(real_explainer: Explainer,
                                                 real_cache: Path) -> None:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a new network namespace")
    env = dict(os.environ, EXPLAINER_CACHE_DIR=str(real_cache))
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "explainer", "ask", "--json",
         "what is a 287(g) agreement?"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert '"id": "287g-agreement"' in result.stdout
