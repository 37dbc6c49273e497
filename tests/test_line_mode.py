"""Line mode: a piped session's transcript, line by line, and nothing but plain text."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.core.explainer import Explainer
from explainer.core.messages import use_language
from explainer.line_mode import LineMode
from tests.terminal import LEFT, UP, Terminal, environment, explainer_script

TRANSCRIPT = Path(__file__).parent / "data" / "line_mode_transcript.txt"
SESSION = (
    "what is an ICE hold\n"
    "sources\n"
    "define detainer\n"
    "define zebra\n"
    "\n"
    "How do I bake bread?\n"
    "[@click=app.quit]x[/] \x1b[31mred\x1b]0;title\x07 ICE?\n"
    "start over\n"
    "sources\n"
    "glossary\n"
    "help\n"
    "quit\n"
    "this line is never read\n"
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run_session(explainer: Explainer) -> str:
    out = io.StringIO()
    assert LineMode(explainer, io.StringIO(SESSION), out).run() == 0
    return out.getvalue()


def test_piped_session_matches_the_transcript(explainer: Explainer,
                                              request: pytest.FixtureRequest) -> None:
    text = run_session(explainer)
    if request.config.getoption("--snapshot-update", default=False):
        TRANSCRIPT.write_text(text, encoding="utf-8")
    expected = TRANSCRIPT.read_text(encoding="utf-8").splitlines()
    actual = text.splitlines()
    for number, (want, got) in enumerate(zip(expected, actual, strict=False), start=1):
        assert got == want, f"line {number}"
    assert len(actual) == len(expected)


def test_output_is_plain_text(explainer: Explainer) -> None:
    text = run_session(explainer)
    assert not CONTROL.search(text.replace("\n", ""))
    assert "Question: [@click=app.quit]x[/] red ICE?" in text
    assert "this line is never read" not in text


def test_every_answer_ends_with_the_disclaimer_and_dates(explainer: Explainer) -> None:
    out = io.StringIO()
    LineMode(explainer, io.StringIO("what is a detainer\n"), out).run()
    lines = [line for line in out.getvalue().splitlines() if line]
    assert lines[-2:] == ["This is information, not legal advice.",
                          "Facts as of 2026-11-28, 2025-04."]


def test_plain_flag_when_piped_prints_no_library_output(knowledge: Path, tmp_path: Path) -> None:
    script = explainer_script(["--knowledge", str(knowledge), "--plain"])
    result = subprocess.run([sys.executable, "-c", script], input="what is ICE?\nquit\n",
                            capture_output=True, text=True, env=environment(tmp_path),
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "Getting ready..."
    assert "Definition: ICE." in result.stdout
    assert not CONTROL.search(result.stdout.replace("\n", ""))


def test_no_internal_ids_are_read_out(explainer: Explainer) -> None:
    """A screen reader hears "Free legal help in Minnesota", never "(legal-help)"."""
    text = run_session(explainer)
    assert "See also: Free legal help in Minnesota." in text
    assert "(legal-help)" not in text


def _answers(text: str) -> list[list[str]]:
    """Each answer's lines, from its "Question:" line to the next command or question."""
    answers: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith(("Question: ", "Pregunta: ")):
            answers.append([])
        if answers:
            answers[-1].append(line)
    return answers


def test_the_disclaimer_is_heard_once_per_answer(explainer: Explainer) -> None:
    out = io.StringIO()
    LineMode(explainer, io.StringIO("what is a detainer\nHow do I bake bread?\n"), out).run()
    answers = _answers(out.getvalue())
    assert len(answers) == 2
    for lines in answers:
        assert sum("not legal advice" in line for line in lines) == 1, lines


def test_every_excerpt_is_numbered_and_its_note_comes_before_its_source(
        explainer: Explainer) -> None:
    out = io.StringIO()
    LineMode(explainer, io.StringIO("what is a 287(g) agreement\nwhat is an ICE hold\n"),
             out).run()
    text = out.getvalue()
    assert "Excerpt 1 of 2. Definition: 287(g) agreement." in text
    assert "Excerpt 2 of 2. From: Sheriffs sign agreements (test article), paragraph 1" in text
    lines = text.splitlines()
    note = lines.index("Note: Whether weekends count is not clear.")
    assert lines[note + 1].startswith("Source: Form I-247A guidance")


def test_spanish_line_mode_says_the_excerpt_is_in_english_first(explainer: Explainer) -> None:
    use_language("es")
    out = io.StringIO()
    # A question whose answer quotes the (English) article after the definition.
    LineMode(explainer, io.StringIO("¿Qué dijo el sheriff sobre el acuerdo 287(g)?\n"), out).run()
    lines = out.getvalue().splitlines()
    heading = lines.index("Fragmento 2 de 2. De: Sheriffs sign agreements (test article), "
                          "párrafo 1")
    assert lines[heading + 1] == "Este fragmento está en inglés."
    assert lines[heading + 2].startswith("\u201cFive sheriffs in Minnesota")
    source = next(line for line in lines if line.startswith("Fuente: Sheriffs sign"))
    assert "editorial: desconocida" in source and "publisher" not in source
    assert "(fecha aproximada)" in source


def line_mode_terminal(knowledge: Path, tmp_path: Path) -> Terminal:
    return Terminal(["--knowledge", str(knowledge), "--plain"], environment(tmp_path))


def test_arrow_keys_edit_the_line_at_a_terminal(knowledge: Path, tmp_path: Path) -> None:
    """Typed "what is CE", two left arrows, then "I": readline makes that "what is ICE" (without
    it the escape codes were part of the question). Nothing is written to a history file."""
    with line_mode_terminal(knowledge, tmp_path) as terminal:
        terminal.wait_for("Your question:")
        terminal.type("what is CE" + LEFT * 2 + "I\r" + "quit\r")
        text = terminal.finish()
    assert "Question: what is ICE" in text, text
    assert "Goodbye." in text
    assert not [path for path in tmp_path.iterdir() if "history" in path.name]


def test_up_arrow_brings_back_the_last_question(knowledge: Path, tmp_path: Path) -> None:
    with line_mode_terminal(knowledge, tmp_path) as terminal:
        terminal.wait_for("Your question:")
        terminal.type("what is a detainer\r" + UP + "\r" + "quit\r")
        text = terminal.finish()
    assert text.count("Question: what is a detainer") == 2, text
