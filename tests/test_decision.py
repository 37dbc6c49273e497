"""The answer decision: folders own their not-covered lists, long questions, excerpts that carry
their content, datelines, the explanation, and fitting the model from labelled questions."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from explainer.commands.calibrate import run_calibrate
from explainer.core.answer import Answerer
from explainer.core.constants import LEAK_COSINE
from explainer.core.decision import DecisionModel, shipped_model
from explainer.core.evaluation import EvalQuestion, Outcome, format_reliability
from explainer.core.explainer import Explainer
from explainer.core.features import FEATURES, question_vectors_texts
from explainer.core.fitting import VIEWS, QuestionSet, fit, gather, leave_one_out
from explainer.core.knowledge import KnowledgeError, load_knowledge
from explainer.core.sentences import sentence_spans
from tests.helpers import fake_explainer, write_knowledge

U_VISA = """
    term: U visa
    aliases: ["visa U"]
    definition: >-
      A U visa is for victims of some crimes who help the police. It lets them stay and work.
    sources:
      - title: U visa law
        citation: 8 U.S.C. §1101(a)(15)(U)
    as_of: 2026-11-28
    status: vetted
    reviewed_by: test maintainers
    reviewed_on: 2026-11-28
    language: en
"""
BASE_NOT_COVERED = """\
topics:
  visas:
    - can a crime victim get a visa to stay
    - how do I apply for a work visa
  cooking:
    - how do I bake bread
"""


def _base_and_pack(tmp_path: Path, pack_files: dict[str, str] | None = None) -> list[Path]:
    base = write_knowledge(tmp_path / "base")
    (base / "not-covered.yaml").write_text(BASE_NOT_COVERED, encoding="utf-8")
    pack = write_knowledge(tmp_path / "pack", {"u-visa": U_VISA}, article=None)
    for name, text in (pack_files or {}).items():
        (pack / name).write_text(text, encoding="utf-8")
    return [base, pack]


def _features(explainer: Explainer, question: str) -> dict[str, dict[str, float]]:
    return {c.unit.id: c.named() for c in explainer.candidates(question)[1]}


def _pack_features(tmp_path: Path, question: str) -> tuple[Explainer, dict[str, dict[str, float]]]:
    """The base-and-pack engine, and the features it weighs for `question`."""
    base, pack = _base_and_pack(tmp_path)
    explainer = fake_explainer(base, tmp_path / "cache", pack)
    return explainer, _features(explainer, question)


def test_an_earlier_folders_not_covered_list_never_weighs_against_a_later_folders_unit(
    tmp_path: Path,
) -> None:
    explainer, found = _pack_features(tmp_path, "can a crime victim get a visa to stay")
    assert found["u-visa"]["has_not_covered"] == 0 and found["u-visa"]["sim_not_covered"] == 0
    assert found["detainer"]["has_not_covered"] == 1
    assert found["detainer"]["sim_not_covered"] == pytest.approx(1.0, abs=1e-5)
    why = explainer.ask_explained("can a crime victim get a visa to stay")[1]
    assert why is not None and why.not_covered_neighbour is None  # none outweighs the U visa


def test_a_later_folder_hides_a_not_covered_topic(tmp_path: Path) -> None:
    folders = _base_and_pack(tmp_path, {"pack.yaml": "hide: [visas]\n"})
    knowledge = load_knowledge(folders)
    assert [q.text for q in knowledge.not_covered] == ["how do I bake bread"]
    assert knowledge.hidden == [
        f"visas: the not-covered topic (2 questions) is hidden by {folders[1] / 'pack.yaml'}"]


def test_an_ask_in_a_later_folder_replaces_an_earlier_not_covered_question(
    tmp_path: Path,
) -> None:
    with_ask = U_VISA.replace("    definition:", "    asks: [how do I apply for a work visa]\n"
                              "    definition:")
    base, pack = _base_and_pack(tmp_path)
    (pack / "definitions" / "u-visa.yaml").write_text(textwrap.dedent(with_ask).lstrip())
    knowledge = load_knowledge([base, pack])  # no error: the pack covers it now
    assert [q.text for q in knowledge.not_covered] == [
        "can a crime victim get a visa to stay", "how do I bake bread"]
    # In one folder, an ask that is also listed as not covered pulls both ways: an error.
    (base / "definitions" / "ice.yaml").write_text(
        (base / "definitions" / "ice.yaml").read_text().replace(
            "definition:", "asks: [how do I bake bread]\ndefinition:", 1))
    with pytest.raises(KnowledgeError, match="also listed as a topic we do not cover"):
        load_knowledge([base, pack])


def test_a_pack_without_asks_or_not_covered_list_is_weighed_on_its_text(tmp_path: Path) -> None:
    _, found = _pack_features(tmp_path, "is a U visa for victims of crimes who help the police")
    assert found["u-visa"]["has_asks"] == 0 and found["u-visa"]["sim_ask"] == 0
    assert found["u-visa"]["sim_unit"] > 0.5 and found["u-visa"]["word_coverage"] > 0.5


def test_a_fitted_question_is_seen_without_the_asks_and_not_covered_questions_it_repeats(
    tmp_path: Path,
) -> None:
    """A held-out question never has an ask or a not-covered question within LEAK_COSINE (such
    questions are left out of its figures), so a fitted question is gathered the same way."""
    with_ask = U_VISA.replace("    definition:", "    asks: [is there a visa for victims]\n"
                              "    definition:")
    base, pack = _base_and_pack(tmp_path)
    (pack / "definitions" / "u-visa.yaml").write_text(textwrap.dedent(with_ask).lstrip())
    explainer = fake_explainer(base, tmp_path / "cache", pack)
    for question, unit_id, feature in [("is there a visa for victims", "u-visa", "sim_ask"),
                                       ("how do I bake bread", "detainer", "sim_not_covered")]:
        seen = _features(explainer, question)[unit_id]
        assert seen[feature] == pytest.approx(1.0, abs=1e-5)
        lines = [{"question": question, "expected": [], "category": "c"}]
        rows = gather(explainer, [EvalQuestion.model_validate(line) for line in lines], "f")[0]
        assert [row.view for row in rows] == list(VIEWS)
        fitted = {c.unit.id: c.named()
                  for c in explainer.candidates(question, VIEWS["as is"])[1]}[unit_id]
        assert fitted[feature] < LEAK_COSINE
        assert fitted["has_asks" if feature == "sim_ask" else "has_not_covered"] == 1


def test_each_unit_is_also_weighed_against_the_best_unit_of_its_own_folder(
    tmp_path: Path,
) -> None:
    _, found = _pack_features(tmp_path, "what is a detainer request from ICE")
    leader = max(found, key=lambda unit_id: found[unit_id]["sim_best"])
    assert leader != "u-visa" and found["u-visa"]["behind_leader"] < 0
    # The U visa is the best (and only) unit of its folder, by any similarity and by text.
    assert found["u-visa"]["behind_folder_leader"] == 0
    assert found["u-visa"]["text_behind_folder_leader"] == 0
    assert found["u-visa"]["text_behind_leader"] < 0
    assert found[leader]["behind_folder_leader"] == 0 and found[leader]["behind_leader"] == 0


def test_a_long_question_is_judged_by_its_best_sentence() -> None:
    story = ("I came here ten years ago and I work at a farm near the lake. "
             "Yesterday my cousin called me. What is a detainer?")
    texts = question_vectors_texts(story)
    assert texts[0] == story
    assert texts[1:] == ["I came here ten years ago and I work at a farm near the lake.",
                         "Yesterday my cousin called me.", "What is a detainer?"]
    assert question_vectors_texts("what is a detainer?") == ["what is a detainer?"]


def test_a_long_story_finds_the_entry_its_question_sentence_asks_about(
    explainer: Explainer,
) -> None:
    story = ("My brother works nights and we live with our two kids and my mother. "
             "He was stopped for a broken tail light and the deputies took him in. "
             "Now the jail says there is an ICE hold, a written request from ICE.")
    found = _features(explainer, story)
    whole = explainer.encode([story])[0]
    unit = explainer.unit("detainer")
    assert unit is not None
    # The best sentence is closer to the detainer entry than the whole story is.
    whole_score = float(explainer._loaded.vectors[  # type: ignore[union-attr]
        [u.id for u in explainer._loaded.units].index("detainer")] @ whole)  # type: ignore[union-attr]
    assert found["detainer"]["sim_unit"] > whole_score


@pytest.mark.parametrize(("text", "sentences"), [
    ("BIRCH LAKE, Minn. — Five sheriffs signed deals. They said so.",
     ["BIRCH LAKE, Minn. — Five sheriffs signed deals.", "They said so."]),
    ("ST. PAUL, Minn. - The board met. It voted.",
     ["ST. PAUL, Minn. - The board met.", "It voted."]),
    ("It was - in a way - odd. Yes.", ["It was - in a way - odd.", "Yes."]),
])
def test_a_dateline_is_never_a_sentence_of_its_own(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in sentence_spans(text)] == sentences


CRITICS = """\
---
id: critics
title: "Critics speak (test article)"
publisher: unknown
date: "2025-04"
language: en
---

Five sheriffs signed agreements with ICE this spring, and more counties may follow soon.

Despite the asserted benefits, critics have voiced concerns. Many people held on detainers
faced only traffic charges, the office said, which raised alarms about fairness. Supporters
disagree and say the deals keep people safe.
"""


def test_a_sentence_that_only_announces_a_topic_is_quoted_with_what_it_announces(
    tmp_path: Path,
) -> None:
    folder = write_knowledge(tmp_path / "k", article=None)
    (folder / "articles" / "critics.md").write_text(CRITICS, encoding="utf-8")
    explainer = fake_explainer(folder, tmp_path / "cache")
    explainer.load()
    answerer = explainer._answerer
    assert isinstance(answerer, Answerer)
    unit = explainer.unit("critics#p2")
    assert unit is not None
    excerpt = answerer._excerpt(unit, explainer.encode(["despite the asserted benefits, critics "
                                                        "have voiced concerns"]), [])
    assert excerpt.text.startswith("Despite the asserted benefits, critics have voiced concerns.")
    assert "traffic charges" in excerpt.text
    assert excerpt.text == unit.text[excerpt.start:excerpt.end]


def test_the_explanation_names_rule_probability_and_features(explainer: Explainer) -> None:
    answer, why = explainer.ask_explained("what does ICE hold mean")
    assert answer.status == "answered" and why is not None
    assert why.rule == "term" and why.answered
    assert why.candidates[0].id == "detainer"
    assert list(why.candidates[0].features) == list(FEATURES)
    _, why = explainer.ask_explained("write me a poem about the sheriff")
    assert why is not None and why.rule == "task" and not why.answered
    assert explainer.ask_explained("")[1] is None


def test_the_shipped_model_matches_the_features() -> None:
    model = shipped_model()
    assert model.features == list(FEATURES)
    assert 0 < model.threshold < 1 and 0 < model.keep < 1
    broken = model.model_dump() | {"features": [*FEATURES[:-1], "something_else"]}
    with pytest.raises(ValidationError, match="other features"):
        DecisionModel.model_validate(broken)


FIT_LINES = [
    {"question": "what is a detainer", "expected": ["detainer"]},
    {"question": "the request from ICE to keep a person in jail", "expected": ["detainer"]},
    {"question": "can a jail keep someone for 48 hours", "expected": ["detainer"]},
    {"question": "a signed deal between ICE and a local agency", "expected":
        ["287g-agreement"]},
    {"question": "what is a 287(g) agreement", "expected": ["287g-agreement"]},
    {"question": "the federal agency that enforces immigration law", "expected": ["ice"]},
    {"question": "critics say people faced only traffic charges", "expected":
        ["test-article#p3"]},
    {"question": "how do I bake bread", "expected": []},
    {"question": "who won the football game", "expected": []},
    {"question": "what is the weather tomorrow", "expected": []},
    {"question": "best pizza in town", "expected": []},
]


def test_calibrate_fits_a_model_that_ranks_and_refuses(tmp_path: Path) -> None:
    explainer = fake_explainer(write_knowledge(tmp_path / "k"), tmp_path / "cache")
    lines = FIT_LINES
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(line | {"category": "c"}) + "\n" for line in lines))
    model = fit([QuestionSet(path, explainer)], false_refusal_target=0.0)
    assert model.fitted_on == ["questions.jsonl"]
    assert fit([QuestionSet(path, explainer)], false_refusal_target=0.0) == model  # deterministic
    explainer.model = model
    explainer._answerer.model = model  # type: ignore[union-attr]
    assert explainer.ask("the request from ICE to keep a person in jail").excerpts[0].id == \
        "detainer"
    assert explainer.ask("who won the football game").status == "no_answer"
    assert all(explainer.ask(line["question"]).status == "answered"  # type: ignore[arg-type]
               for line in lines if line["expected"])


def test_the_reliability_table_bins_predictions_against_what_was_answerable() -> None:
    def outcome(probability: float, answerable: bool) -> Outcome:
        question = EvalQuestion(question="q", expected=["x"] if answerable else [],
                                category="c")
        return Outcome(question, [], False, probability)

    table = format_reliability("t", [outcome(0.9, True), outcome(0.85, False),
                                     outcome(0.1, False), outcome(0.5, True)])
    rows = table.splitlines()
    assert rows[2].split() == ["0.0-0.2", "1", "0.100", "0.000"]
    assert rows[6].split() == ["0.8-1.0", "2", "0.875", "0.500"]
    assert rows[3].split() == ["0.2-0.4", "0", "-", "-"]
    assert np.isclose(float(rows[4].split()[2]), 0.5)


def test_cross_validation_answers_each_file_with_a_model_fitted_on_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    explainer = fake_explainer(write_knowledge(tmp_path / "k"), tmp_path / "cache")
    files = [tmp_path / "first.jsonl", tmp_path / "second.jsonl"]
    for path, part in zip(files, (FIT_LINES[::2], FIT_LINES[1::2]), strict=True):
        path.write_text("".join(json.dumps(line | {"category": "c"}) + "\n" for line in part))
    sets = [QuestionSet(path, explainer) for path in files]
    folds = list(leave_one_out(sets, false_refusal_target=0.0))
    assert [(s.path.name, m.fitted_on) for s, m in folds] == [
        ("first.jsonl", ["second.jsonl"]), ("second.jsonl", ["first.jsonl"])]
    assert folds[0][1] == fit(sets[1:], false_refusal_target=0.0)
    # The command prints each file's rates under the model fitted on the other one, writes no
    # model, and leaves the engine deciding with the model it had.
    monkeypatch.setattr("explainer.commands.calibrate.load_engine", lambda settings: explainer)
    shipped = tmp_path / "model.json"
    assert run_calibrate(explainer.settings, [str(path) for path in files], target=0.0,
                         out=shipped, cross_validate=True) == 0
    printed = capsys.readouterr().out
    assert "first.jsonl: 6 questions, answered by a model fitted on second.jsonl" in printed
    assert "second.jsonl: 5 questions, answered by a model fitted on first.jsonl" in printed
    assert printed.count("Reliability") == 2 and not shipped.exists()
    assert explainer.model is None and explainer.ask("what is a detainer").status == "answered"
