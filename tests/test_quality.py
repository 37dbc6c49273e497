"""Answer quality with the real model: a regression fails here.

tests/data/questions.jsonl holds the tune split (calibrated on) and the holdout quarter (never
tuned on: blind writer H). tests/data/dev_questions.jsonl holds more blind questions that were
used to calibrate, kept apart so the holdout stays a quarter of questions.jsonl. The floors are
the rates measured, less a small margin. See the issue notes for figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.commands.evaluate import outcomes_for
from explainer.core.evaluation import load_questions, score
from explainer.core.explainer import Explainer
from explainer.core.knowledge import load_knowledge
from explainer.resources import bundled_knowledge

pytestmark = pytest.mark.real_model
DATA = Path(__file__).parent / "data"
QUESTIONS = load_questions(DATA / "questions.jsonl")
DEV_QUESTIONS = load_questions(DATA / "dev_questions.jsonl")
MARGIN = 0.03

# Measured 2026-11-29. Floors for hit@1, hit@3 and refusal, and the ceiling for false refusals,
# before the margin. The holdout (writer H) was measured once and misses the targets of issue 3
# (see its note).
MEASURED = {
    "tune": {"hit@1": 0.861, "hit@3": 0.955, "refusal": 1.0, "false_refusal": 0.022},
    "holdout": {"hit@1": 0.85, "hit@3": 0.925, "refusal": 0.923, "false_refusal": 0.054},
    "dev": {"hit@1": 0.94, "hit@3": 0.985, "refusal": 1.0, "false_refusal": 0.007},
}


def test_question_set_is_well_formed() -> None:
    categories = {q.category for q in QUESTIONS}
    assert len(QUESTIONS) >= 80
    assert sum(not q.expected for q in QUESTIONS) >= 20
    assert {"definition", "paraphrase", "typo_casual", "advice", "spanish",
            "out_of_scope"} <= categories
    for category in categories:
        members = [q for q in QUESTIONS if q.category == category]
        holdout = sum(q.split == "holdout" for q in members)
        assert holdout == len(members) // 4, category


def test_every_expected_id_is_in_the_bundled_knowledge() -> None:
    ids = {unit.id for unit in load_knowledge([bundled_knowledge()]).units}
    for question in [*QUESTIONS, *DEV_QUESTIONS]:
        assert set(question.expected) <= ids, question.question


def test_dev_questions_stay_apart_from_the_main_set() -> None:
    main = {q.question.casefold() for q in QUESTIONS}
    assert len(DEV_QUESTIONS) >= 100
    for question in DEV_QUESTIONS:
        assert question.split == "tune", question.question
        assert question.question.casefold() not in main, question.question


@pytest.mark.parametrize("split", ["tune", "holdout", "dev"])
def test_rates_do_not_regress(real_explainer: Explainer, split: str) -> None:
    questions = DEV_QUESTIONS if split == "dev" else [q for q in QUESTIONS if q.split == split]
    rates = score(outcomes_for(real_explainer, questions))["overall"].as_dict()
    floor = MEASURED[split]
    assert rates["hit@1"] >= floor["hit@1"] - MARGIN, rates
    assert rates["hit@3"] >= floor["hit@3"] - MARGIN, rates
    assert rates["refusal"] >= floor["refusal"] - MARGIN, rates
    assert rates["false_refusal"] <= floor["false_refusal"] + MARGIN, rates


def test_fused_ranking_beats_both_baselines(real_explainer: Explainer) -> None:
    # Ranking against ranking: the answers also refuse and keep a slot for legal help.
    answerable = [q for q in [*QUESTIONS, *DEV_QUESTIONS] if q.expected]
    ours = score(outcomes_for(real_explainer, answerable, "fused-order"))["overall"]
    for method in ("bm25", "dense"):
        baseline = score(outcomes_for(real_explainer, answerable, method))["overall"]
        assert ours.hit_at_3 > baseline.hit_at_3, method
