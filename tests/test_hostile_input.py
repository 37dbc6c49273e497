"""Hostile questions never crash `ask` and never put control sequences in any output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.core.explainer import Explainer
from explainer.core.text import clean_line, clean_text
from explainer.plain_text import answer_text
from tests.helpers import fake_explainer, write_knowledge

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

hostile_pieces = st.sampled_from([
    "\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\x9b2J",
    "\x00", "\x07", "\r", "\u202e", "[@click=app.quit]x[/]", "[/]", "[b]", "[link=x]",
    "[/path]", "[", "]", "\u0645\u0631\u062d\u0628\u0627", "e\u0301\u0301\u0301", "\U0001f600",
    "what is a detainer", "287 (g)", "ICE hold", "\t\n", "\ufeff",
])
questions = st.lists(st.one_of(hostile_pieces, st.text(max_size=20)), max_size=12).map("".join)


@pytest.fixture(scope="module")
def shared_explainer(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    root = tmp_path_factory.mktemp("hostile")
    explainer = fake_explainer(write_knowledge(root / "knowledge"), root / "cache")
    explainer.load()
    return explainer


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=questions)
def test_ask_survives_and_outputs_no_control_sequences(shared_explainer: Explainer,
                                                       question: str) -> None:
    answer = shared_explainer.ask(question)
    assert answer.status in {"answered", "no_answer"}
    assert len(answer.question) <= 500
    rendered = json.dumps(answer.model_dump(mode="json"), ensure_ascii=False)
    assert not CONTROL.search(rendered.replace("\\n", ""))
    assert not CONTROL.search(answer_text(answer).replace("\n", ""))


def test_a_huge_question_is_refused_quickly(shared_explainer: Explainer) -> None:
    answer = shared_explainer.ask("detainer " * 20_000)
    assert answer.reason == "too_long" and len(answer.question) == 500


@given(st.text())
def test_clean_text_leaves_no_controls_but_newline_and_tab(text: str) -> None:
    cleaned = clean_text(text)
    assert not CONTROL.search(cleaned.replace("\n", "").replace("\t", ""))
    assert clean_text(cleaned) == cleaned


@given(st.text())
def test_clean_line_is_one_trimmed_line(text: str) -> None:
    line = clean_line(text)
    assert "\n" not in line and "\t" not in line and line == line.strip()


def test_hostile_knowledge_is_cleaned(tmp_path: Path) -> None:
    article = (tmp_path / "article.md")
    knowledge = write_knowledge(tmp_path / "k")
    text = (knowledge / "articles" / "test-article.md").read_text()
    article.write_text(text.replace("Critics say", "Critics \x1b]0;pwned\x07[@click=app.quit]say"))
    (knowledge / "articles" / "test-article.md").write_text(article.read_text())
    explainer = fake_explainer(knowledge, tmp_path / "cache")
    [unit] = [u for u in explainer.article("test-article") if u.paragraph == 3]
    assert unit.text.startswith("Critics [@click=app.quit]say")
