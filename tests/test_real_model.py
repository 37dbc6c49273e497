"""The bundled knowledge with the real all-MiniLM-L6-v2 weights (one shared build, offline)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from explainer.core.explainer import Explainer
from explainer.core.index import IndexStore

pytestmark = pytest.mark.real_model

QUESTIONS = [
    "what is a 287(g) agreement?",
    "What is an ICE hold?",
    "Which Minnesota counties signed?",
    "can the sheriff deport me",
    "¿Qué es un acuerdo 287(g)?",
    "How do I bake bread?",
    "what does the task force model let deputies do",
    "is minnesota a sanctuary state",
    "where can I find a free immigration lawyer",
    "ICE is at my door what do I do",
]


def test_question_encoder_matches_sentence_transformers(real_explainer: Explainer) -> None:
    onnx = IndexStore(real_explainer.settings.index_folder()).load(real_explainer.backend)
    reference = real_explainer.backend.embed_documents(QUESTIONS)
    ours = onnx.encoder.encode(QUESTIONS)
    cosines = np.sum(reference * ours, axis=1)
    assert cosines.min() > 0.9999, cosines


def test_what_is_a_287g_agreement_leads_with_the_definition(real_explainer: Explainer) -> None:
    answer = real_explainer.ask("what is a 287(g) agreement?")
    assert answer.status == "answered"
    assert answer.excerpts[0].id == "287g-agreement"
    assert answer.excerpts[0].kind == "definition"
    assert any(e.kind == "article" for e in answer.excerpts[1:])


def test_bread_is_out_of_scope(real_explainer: Explainer) -> None:
    answer = real_explainer.ask("How do I bake bread?")
    assert (answer.status, answer.reason) == ("no_answer", "out_of_scope")
    assert answer.see == ["legal-help"]


@pytest.mark.parametrize(("question", "expected"), [
    ("What is an ICE hold?", {"detainer"}),
    ("¿Qué es un acuerdo 287(g)?", {"287g-agreement.es"}),  # the Spanish entry, same slot
    ("what does 287 g mean", {"287g-agreement"}),
    ("Which Minnesota counties signed?", {"mn-sheriffs-287g-2025#p2", "287g-in-minnesota"}),
    ("what is a warrant service officer", {"warrant-service-officer"}),
])
def test_common_questions_reach_the_right_unit(real_explainer: Explainer, question: str,
                                               expected: set[str]) -> None:
    ids = [e.id for e in real_explainer.ask(question).excerpts]
    assert expected & set(ids), ids


def test_every_excerpt_is_quoted_word_for_word(real_explainer: Explainer) -> None:
    for question in QUESTIONS:
        for excerpt in real_explainer.ask(question).excerpts:
            unit = real_explainer.unit(excerpt.id)
            assert unit is not None
            assert excerpt.text == unit.text[excerpt.start : excerpt.end]


def test_personal_question_gets_legal_help(real_explainer: Explainer) -> None:
    answer = real_explainer.ask("can the sheriff deport me")
    assert answer.status == "answered"
    assert answer.excerpts[-1].id == "legal-help" and "legal-help" in answer.see


def test_nothing_tried_the_network(real_explainer: Explainer, block_network: list[str]) -> None:
    real_explainer.ask("what is a detainer")
    assert block_network == []


def test_cli_answers_offline_without_importing_torch(real_explainer: Explainer,
                                                     real_cache: Path) -> None:
    script = (
        "import sys, socket\n"
        "def refuse(*a, **k): raise SystemExit('network access attempted')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from explainer.cli import main\n"
        "code = main(['ask', '--json'])\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'textual')"
        " if m in sys.modules]\n"
        "print('heavy modules:', heavy, file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )
    environment = dict(os.environ, EXPLAINER_CACHE_DIR=str(real_cache))
    result = subprocess.run(
        [sys.executable, "-c", script], input="what is a 287(g) agreement?\n\nbake bread\n",
        capture_output=True, text=True, env=environment, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "heavy modules: []" in result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["reason"] for a in answers] == [None, "empty", "out_of_scope"]
    assert answers[0]["excerpts"][0]["id"] == "287g-agreement"
