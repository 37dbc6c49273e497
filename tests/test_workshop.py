"""Workshop tools: handouts (content, escaping, never overwriting), read-aloud, projector."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from explainer.core.explainer import Explainer
from explainer.core.models import Answer, DefinitionUnit
from explainer.handout import handout_html, handout_markdown, save_handout
from explainer.read_aloud import Reader, find_espeak, speech_plan
from tests.test_app import fake_app

MADE = dt.datetime(2026, 11, 28, 14, 5)
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) **b** # h"


def answers(explainer: Explainer) -> tuple[list[Answer], DefinitionUnit]:
    asked = [explainer.ask("What is an ICE hold?"), explainer.ask(HOSTILE)]
    legal = explainer.legal_help()
    assert legal is not None
    return asked, legal


def test_handout_has_each_question_excerpts_citations_and_legal_help(
        explainer: Explainer) -> None:
    asked, legal = answers(explainer)
    text = handout_markdown(asked, legal, MADE)
    assert "## Question: What is an ICE hold?" in text
    assert "**Definition: detainer.**" in text
    assert "Language: English\n\n> A detainer is a written request from ICE." in text
    assert "- Source: Form I-247A guidance (8 C.F.R. §287.7(a))" in text
    assert "- Note: Whether weekends count is not clear." in text
    assert "- Facts as of 2026-11-28." in text
    assert "## Free legal help in Minnesota" in text
    assert text.rstrip().endswith("**This is information, not legal advice.**")


def test_untrusted_text_is_escaped_in_both_formats(explainer: Explainer) -> None:
    asked, legal = answers(explainer)
    page = handout_html(asked, legal, MADE, "en")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "href" not in page
    markdown = handout_markdown(asked, legal, MADE)
    assert "[x](javascript" not in markdown and "\\[x\\](javascript" in markdown
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "<script>" not in markdown


def test_saving_never_overwrites(explainer: Explainer, tmp_path: Path) -> None:
    asked, legal = answers(explainer)
    first = save_handout(asked, legal, tmp_path, "en", MADE)
    second = save_handout(asked, legal, tmp_path, "en", MADE)
    assert [p.name for p in first] == ["explainer-handout-20261128-1405.md",
                                       "explainer-handout-20261128-1405.html"]
    assert [p.name for p in second] == ["explainer-handout-20261128-1405-2.md",
                                        "explainer-handout-20261128-1405-2.html"]
    (tmp_path / "explainer-handout-20261128-1405-3.html").write_text("keep me")
    third = save_handout(asked, legal, tmp_path, "en", MADE)
    assert third[0].name == "explainer-handout-20261128-1405-4.md"
    assert (tmp_path / "explainer-handout-20261128-1405-3.html").read_text() == "keep me"


def fake_espeak(folder: Path) -> Path:
    """A stand-in espeak-ng that records its arguments and what it was asked to say."""
    log = folder / "spoken.txt"
    script = folder / "espeak-ng"
    script.write_text(f'#!/bin/sh\necho "$@" >> {log}\ncat >> {log}\necho >> {log}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


def test_speech_plan_uses_each_excerpt_language(explainer: Explainer) -> None:
    answer = explainer.ask("What is an ICE hold?")
    plan = speech_plan(answer, "/usr/bin/espeak-ng")
    assert plan[0] == (["/usr/bin/espeak-ng", "-v", "en-us", "--stdin"], answer.message)
    argv, text = plan[1]
    assert argv == ["/usr/bin/espeak-ng", "-v", "en-us", "--stdin"]
    assert text.startswith("detainer. A detainer is")


def test_reader_runs_the_binary_without_a_shell(explainer: Explainer, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    log = fake_espeak(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    binary = find_espeak()
    assert binary == str(tmp_path / "espeak-ng")
    reader = Reader()
    reader.start(speech_plan(explainer.ask("what is ICE $(reboot)"), binary))
    for _ in range(100):
        if not reader.speaking:
            break
        time.sleep(0.05)
    spoken = log.read_text()
    arguments = [line for line in spoken.splitlines() if line.startswith("-v")]
    assert arguments and set(arguments) == {"-v en-us --stdin"}  # the text went to stdin
    assert "ICE is the federal agency" in spoken


async def test_save_handout_key_writes_into_the_out_folder(knowledge: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "handouts"
    app = fake_app(knowledge, tmp_path / "cache", out_dir=out)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f7")
        assert not out.exists()  # nothing asked yet, nothing saved
        app.query_one("#question", Input).value = "what is ICE?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f7")
    names = sorted(p.suffix for p in out.iterdir())
    assert names == [".html", ".md"]


async def test_projector_layout_toggles(knowledge: Path, tmp_path: Path) -> None:
    app = fake_app(knowledge, tmp_path / "cache")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f8")
        assert app.screen.has_class("projector") and app.theme == "high-contrast"
        await pilot.press("f8")
        assert not app.screen.has_class("projector")
