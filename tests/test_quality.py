"""Answer quality on tests/data/questions.jsonl with the real model: a regression fails here.

The floors are the rates measured when the thresholds were calibrated (on the tune split only),
less a small margin. The holdout quarter was never tuned on. See the issue notes for figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.commands.evaluate import outcomes_for
from explainer.core.evaluation import load_questions, score
from explainer.core.explainer import Explainer

pytestmark = pytest.mark.real_model
QUESTIONS = load_questions(Path(__file__).parent / "data" / "questions.jsonl")
MARGIN = 0.03

# Measured 2026-11-28 (issue 3 is not yet met on the holdout: see its note). Floors for hit@1,
# hit@3 and refusal, and the ceiling for false refusals, before the margin.
MEASURED = {
    "tune": {"hit@1": 0.833, "hit@3": 0.958, "refusal": 0.952, "false_refusal": 0.014},
    "holdout": {"hit@1": 0.750, "hit@3": 0.833, "refusal": 1.000, "false_refusal": 0.083},
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


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_rates_do_not_regress(real_explainer: Explainer, split: str) -> None:
    questions = [q for q in QUESTIONS if q.split == split]
    rates = score(outcomes_for(real_explainer, questions))["overall"].as_dict()
    floor = MEASURED[split]
    assert rates["hit@1"] >= floor["hit@1"] - MARGIN, rates
    assert rates["hit@3"] >= floor["hit@3"] - MARGIN, rates
    assert rates["refusal"] >= floor["refusal"] - MARGIN, rates
    assert rates["false_refusal"] <= floor["false_refusal"] + MARGIN, rates


def test_fused_ranking_beats_both_baselines(real_explainer: Explainer) -> None:
    answerable = [q for q in QUESTIONS if q.expected]
    ours = score(outcomes_for(real_explainer, answerable))["overall"]
    for method in ("bm25", "dense"):
        baseline = score(outcomes_for(real_explainer, answerable, method))["overall"]
        assert ours.hit_at_3 > baseline.hit_at_3, method
