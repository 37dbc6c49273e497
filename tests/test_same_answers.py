"""Speed work must not change a single answer: every question file, against answers recorded
before it (tests/data/answers, made by `python -m tests.answer_record` on the unchanged code)."""

from __future__ import annotations

import json

import pytest

from explainer.core.explainer import Explainer
from tests.answer_record import QUESTION_FILES, RECORDED, answer_record, questions

pytestmark = pytest.mark.real_model


@pytest.mark.parametrize("name", QUESTION_FILES)
def test_answers_are_the_recorded_ones(real_explainer: Explainer, name: str) -> None:
    lines = (RECORDED / name).read_text(encoding="utf-8").splitlines()
    recorded = [json.loads(line) for line in lines]
    assert [r["question"] for r in recorded] == questions(name)
    changed = [r["question"] for r in recorded
               if answer_record(real_explainer, r["question"]) != r]
    assert changed == []
