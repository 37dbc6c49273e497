"""The command-line contract, run in-process with the fake encoder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from explainer import cli
from explainer.core import explainer as explainer_module
from explainer.core.encoder import HashingBackend


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(explainer_module, "MiniLMBackend", HashingBackend)
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EXPLAINER_INCLUDE_BUNDLED", "false")


def run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = cli.main(args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_batch_gives_one_json_line_per_input_line_in_order(
        knowledge: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = "what is a detainer?\n\nHow do I bake bread?\nhello\n"
    code, out, _ = run(["--knowledge", str(knowledge), "ask", "--json"], capsys, monkeypatch,
                       stdin)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == ["what is a detainer?", "", "How do I bake bread?",
                                                "hello"]
    assert [a["reason"] for a in answers] == [None, "empty", "out_of_scope", "greeting"]
    assert answers[0]["excerpts"][0]["id"] == "detainer"


def test_one_question_as_json(knowledge: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["--knowledge", str(knowledge), "ask", "--json", "what is ICE?"],
                       capsys, monkeypatch)
    assert code == 0
    [line] = out.splitlines()
    assert json.loads(line)["excerpts"][0]["id"] == "ice"


def test_readable_answer(knowledge: Path, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["--knowledge", str(knowledge), "ask", "What does ICE hold mean?"],
                       capsys, monkeypatch)
    assert code == 0
    assert "Definition: detainer." in out
    assert "Source: Form I-247A guidance (8 C.F.R. §287.7(a))" in out
    assert "Note: Whether weekends count is not clear." in out
    assert "This is information, not legal advice." in out


def test_markup_and_escapes_in_a_question_print_as_plain_text(
        knowledge: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    question = "[@click=app.quit]x[/] \x1b]0;pwned\x07 [b]detainer\x1b[2J"
    code, out, _ = run(["--knowledge", str(knowledge), "ask", question], capsys, monkeypatch)
    assert code == 0
    assert "Question: [@click=app.quit]x[/] [b]detainer" in out
    assert "\x1b" not in out and "\x07" not in out


@pytest.mark.parametrize("args", [
    ["ask", "--knowledge", "x", "q"],  # global options go before the subcommand
    ["ask", "--nope"],
    ["frobnicate"],
    ["knowledge"],
])
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(args, capsys, monkeypatch)
    assert code == 2
    assert out == "" and "usage:" in err


def test_broken_knowledge_without_an_index_exits_1(
        knowledge: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = knowledge / "definitions" / "ice.yaml"
    bad.write_text("term: [\n")
    code, out, err = run(["--knowledge", str(knowledge), "ask", "--json"], capsys, monkeypatch,
                         "what is ICE?\n")
    assert code == 1
    assert out == ""
    assert f"{bad}:2: the YAML is not valid" in err


def test_knowledge_list_includes_drafts(knowledge: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["--knowledge", str(knowledge), "knowledge", "list", "--json"], capsys,
                       monkeypatch)
    assert code == 0
    units = {unit["id"]: unit for unit in map(json.loads, out.splitlines())}
    assert units["secret-draft"]["status"] == "draft"
    draft = units["secret-draft"]
    assert draft["file"] == str(knowledge / "definitions" / "secret-draft.yaml")
    assert {"id", "kind", "title", "text", "status", "file", "language", "term", "aliases",
            "sources", "as_of", "related"} <= set(draft)
    paragraph = units["test-article#p2"]
    assert paragraph["kind"] == "article" and paragraph["paragraph"] == 2
    assert paragraph["location"] == "paragraph 2"
    assert paragraph["note"].endswith("jail-bed contracts.")


def test_index_build_reports_progress_on_stderr(
        knowledge: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(["--knowledge", str(knowledge), "index", "build"], capsys, monkeypatch)
    assert code == 0 and out == ""
    assert "Embedding passages..." in err
    assert "Index built: 8 passages and definitions" in err


def test_index_build_refuses_broken_knowledge(
        knowledge: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = knowledge / "definitions" / "ice.yaml"
    bad.write_text(bad.read_text().replace("language: en", "language: english"))
    code, _, err = run(["--knowledge", str(knowledge), "index", "build"], capsys, monkeypatch)
    assert code == 1
    assert "the index was not rebuilt" in err and f"{bad}:12:" in err


def test_extra_folders_from_the_environment(knowledge: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_KNOWLEDGE", str(knowledge))
    code, out, _ = run(["ask", "--json", "what is ICE"], capsys, monkeypatch)
    assert code == 0 and json.loads(out)["excerpts"][0]["id"] == "ice"



def test_a_closed_output_pipe_ends_quietly() -> None:
    # `explainer knowledge list --json | head -1`: the reader leaves after one line.
    import os
    import shlex
    import subprocess
    import sys

    # The bundled knowledge gives far more lines than a pipe holds.
    env = {k: v for k, v in os.environ.items() if k != "EXPLAINER_INCLUDE_BUNDLED"}
    command = f"{shlex.quote(sys.executable)} -m explainer knowledge list --json | head -1"
    run = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                         text=True, timeout=120, env=env)
    assert run.stdout.startswith("{"), run.stdout[:200]
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr, run.stderr
    assert run.returncode in (0, 141)
