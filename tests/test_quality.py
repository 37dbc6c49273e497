"""Answer quality with the real model: a regression fails here.

Question sets (tests/data), each JSON lines:
- questions.jsonl: blind writers' questions about the bundled knowledge. Its tune split was
  fitted on (`explainer calibrate`); its holdout quarter (writer M) never was.
- dev_questions.jsonl: more blind questions, fitted on.
- real_questions.jsonl: questions people asked in public, copied as written, each with its
  source address; two thirds fitted on, a third held out.
- workshop_tune_questions.jsonl, about the pack workshop_pack_tune/ (no asks): fitted on.
- workshop_questions.jsonl, about the pack workshop_pack/ (no asks): never fitted on.
- real_questions_holdout2.jsonl: 118 more real questions from pages not used before, never
  fitted on, measured once after the last fit.
- real_questions_holdout3.jsonl: 100 more real questions from pages used by neither set before,
  labelled from the entries' texts only, never fitted on, measured once (2026-12-03).
- workshop_pack2_questions.jsonl, about the pack workshop_pack2/ (no asks, written through the
  facilitator commands): never fitted on, measured once (2026-12-03).

Floors are asserted on the held-out sets only, after leaving out every holdout question that
means the same (cosine >= 0.85) as an ask, a not-covered question or a fitted question. Rates
on the fitted sets are printed, with a check that the model stays calibrated on them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.commands.evaluate import outcomes_for
from explainer.core.evaluation import (
    EvalQuestion,
    format_reliability,
    format_table,
    load_questions,
    score,
)
from explainer.core.explainer import Explainer
from explainer.core.knowledge import load_knowledge
from explainer.core.leaks import meaning_leaks
from explainer.resources import bundled_knowledge
from explainer.settings import Settings
from tests.index_cache import real_index
from tests.vector_cache import VectorStore

pytestmark = pytest.mark.real_model
DATA = Path(__file__).parent / "data"
QUESTIONS = load_questions(DATA / "questions.jsonl")
DEV_QUESTIONS = load_questions(DATA / "dev_questions.jsonl")
REAL_QUESTIONS = load_questions(DATA / "real_questions.jsonl")
PACK_TUNE_QUESTIONS = load_questions(DATA / "workshop_tune_questions.jsonl")
PACK_QUESTIONS = load_questions(DATA / "workshop_questions.jsonl")
REAL_HOLDOUT2 = load_questions(DATA / "real_questions_holdout2.jsonl")
REAL_HOLDOUT3 = load_questions(DATA / "real_questions_holdout3.jsonl")
PACK2_QUESTIONS = load_questions(DATA / "workshop_pack2_questions.jsonl")
FITTED = [q for q in [*QUESTIONS, *DEV_QUESTIONS, *REAL_QUESTIONS, *PACK_TUNE_QUESTIONS]
          if q.split == "tune"]
MARGIN = 0.03

# Measured once after the last fit (2026-12-03, late: the issue 15 knowledge and relabels, the
# refit that hides each fitted question's near twins), before the margin. Real 3 and workshop
# pack 2 were first measured then. Earlier that day (the fit before) writer M .868/.967/.909/.011,
# real .450/.650/.526/.125, workshop pack .754/.783/.250/.058, real 2 .643/.762/.733/.119
# (hit@1, hit@3, refusal, false refusal).
HOLDOUT_MEASURED = {
    "writer M": {"hit@1": 0.882, "hit@3": 0.957, "refusal": 0.935, "false_refusal": 0.021},
    "real": {"hit@1": 0.439, "hit@3": 0.707, "refusal": 0.513, "false_refusal": 0.073},
    "workshop pack": {"hit@1": 0.754, "hit@3": 0.783, "refusal": 0.250, "false_refusal": 0.058},
    "real 2": {"hit@1": 0.667, "hit@3": 0.762, "refusal": 0.711, "false_refusal": 0.095},
    "real 3": {"hit@1": 0.609, "hit@3": 0.696, "refusal": 0.471, "false_refusal": 0.152},
    "workshop pack 2": {"hit@1": 0.823, "hit@3": 0.911, "refusal": 0.417,
                        "false_refusal": 0.013},
}


@pytest.fixture(scope="module")
def pack_explainers(real_explainer: Explainer, real_cache: Path, index_store: Path,
                    tmp_path_factory: pytest.TempPathFactory,
                    vector_store: VectorStore) -> dict[str, Explainer]:
    """The bundled knowledge with each workshop pack, built from a copy of the real index
    (so only the pack is embedded) and kept like it, with network sockets blocked; questions
    are encoded through the kept vectors."""
    engines = {}
    for name in ("workshop_pack", "workshop_pack_tune", "workshop_pack2"):
        cache = real_index(index_store, name, tmp_path_factory.mktemp(name), [DATA / name],
                           seed=real_cache)
        engine = Explainer(Settings(cache_dir=cache, extra_knowledge=[DATA / name]))
        vector_store.attach(engine)
        engines[name] = engine
    return engines


Holdouts = dict[str, tuple[Explainer, list[EvalQuestion]]]


@pytest.fixture(scope="module")
def holdouts(real_explainer: Explainer, pack_explainers: dict[str, Explainer]) -> Holdouts:
    """Each holdout's engine and the questions measured on it (found once: encoding every
    fitted question to find the leaks is the slow part)."""
    return {name: _holdout(name, real_explainer, pack_explainers) for name in HOLDOUT_MEASURED}


def _holdout(name: str, real_explainer: Explainer,
             pack_explainers: dict[str, Explainer]) -> tuple[Explainer, list[EvalQuestion]]:
    if name == "writer M":
        engine, questions = real_explainer, [q for q in QUESTIONS if q.split == "holdout"]
    elif name == "real":
        engine, questions = real_explainer, [q for q in REAL_QUESTIONS if q.split == "holdout"]
    elif name == "real 2":
        engine, questions = real_explainer, REAL_HOLDOUT2
    elif name == "real 3":
        engine, questions = real_explainer, REAL_HOLDOUT3
    elif name == "workshop pack 2":
        engine, questions = pack_explainers["workshop_pack2"], PACK2_QUESTIONS
    else:
        engine, questions = pack_explainers["workshop_pack"], PACK_QUESTIONS
    leaks = meaning_leaks(engine, questions, FITTED)
    left_out = {id(leak.question) for leak in leaks}
    return engine, [q for q in questions if id(q) not in left_out]


def test_question_sets_are_well_formed() -> None:
    categories = {q.category for q in QUESTIONS}
    assert {"definition", "paraphrase", "typo_casual", "advice", "spanish",
            "out_of_scope"} <= categories
    for category in categories:
        members = [q for q in QUESTIONS if q.category == category]
        assert sum(q.split == "holdout" for q in members) == len(members) // 4, category
    assert len(REAL_QUESTIONS) >= 150
    assert all(q.source and q.source.startswith("http") for q in REAL_QUESTIONS)
    refuse = sum(not q.expected for q in REAL_QUESTIONS) / len(REAL_QUESTIONS)
    assert 0.3 <= refuse <= 0.45
    holdout = sum(q.split == "holdout" for q in REAL_QUESTIONS) / len(REAL_QUESTIONS)
    assert 0.3 <= holdout <= 0.35
    assert sum(bool(q.expected) for q in PACK_QUESTIONS) >= 50
    assert sum(not q.expected for q in PACK_QUESTIONS) >= 15
    assert all(q.split == "holdout" for q in PACK_QUESTIONS)
    assert all(q.split == "tune" for q in [*DEV_QUESTIONS, *PACK_TUNE_QUESTIONS])
    assert all(q.split == "holdout2" and q.source and q.source.startswith("http")
               for q in REAL_HOLDOUT2)
    assert sum(not q.expected for q in REAL_HOLDOUT2) >= 40
    assert all(q.split == "holdout3" and q.source and q.source.startswith("http")
               for q in REAL_HOLDOUT3)
    assert sum(not q.expected for q in REAL_HOLDOUT3) >= 30
    assert all(q.split == "workshop2_holdout" for q in PACK2_QUESTIONS)
    assert sum(bool(q.expected) for q in PACK2_QUESTIONS) >= 50
    assert sum(not q.expected for q in PACK2_QUESTIONS) >= 15


def test_every_expected_id_exists() -> None:
    for questions, extra in [([*QUESTIONS, *DEV_QUESTIONS, *REAL_QUESTIONS, *REAL_HOLDOUT2,
                               *REAL_HOLDOUT3], []),
                             (PACK_QUESTIONS, [DATA / "workshop_pack"]),
                             (PACK2_QUESTIONS, [DATA / "workshop_pack2"]),
                             (PACK_TUNE_QUESTIONS, [DATA / "workshop_pack_tune"])]:
        ids = {u.id for u in load_knowledge([bundled_knowledge(), *extra]).units}
        for question in questions:
            assert set(question.expected) <= ids, question.question


def test_the_workshop_packs_have_no_asks_and_no_not_covered_list() -> None:
    for name in ("workshop_pack", "workshop_pack_tune", "workshop_pack2"):
        knowledge = load_knowledge([bundled_knowledge(), DATA / name])
        pack = [unit for unit in knowledge.units if unit.pack == 1]
        assert len(pack) >= 20 and not any(q.pack == 1 for q in knowledge.not_covered)
        assert all(unit.asks == [] and unit.status == "vetted" for unit in pack)


def test_a_question_in_two_sets_about_the_bundled_knowledge_has_one_split() -> None:
    def plain(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.casefold()))

    seen: dict[str, bool] = {}
    for question in [*QUESTIONS, *DEV_QUESTIONS, *REAL_QUESTIONS, *REAL_HOLDOUT2,
                     *REAL_HOLDOUT3]:
        key = plain(question.question)
        assert seen.setdefault(key, question.held_out) == question.held_out, question.question


def test_no_ask_or_not_covered_question_repeats_a_holdout_question() -> None:
    def plain(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.casefold()))

    knowledge = load_knowledge([bundled_knowledge()])
    used = {plain(ask) for unit in knowledge.units for ask in unit.asks}
    used |= {plain(q.text) for q in knowledge.not_covered}
    # (The workshop pack's questions may repeat a bundled not-covered question on purpose: the
    # pack covers what the bundled knowledge does not.)
    # (Holdout 2 was copied from public pages after the asks were written; a question there that
    # an ask repeats is reported by the meaning-leak check and left out of its figures.)
    for question in [*QUESTIONS, *REAL_QUESTIONS]:
        if question.held_out:
            assert plain(question.question) not in used, question.question


@pytest.mark.parametrize("name", list(HOLDOUT_MEASURED))
def test_holdout_rates_stay_above_their_floors(
    name: str, holdouts: Holdouts, capsys: pytest.CaptureFixture[str],
) -> None:
    engine, questions = holdouts[name]
    outcomes = outcomes_for(engine, questions)
    table = score(outcomes)
    with capsys.disabled():
        print(f"\n{format_table(f'holdout {name}: {len(questions)} questions', table)}")
        print(format_reliability("reliability:", outcomes))
    rates, floor = table["overall"].as_dict(), HOLDOUT_MEASURED[name]
    assert measured(rates, "hit@1") >= floor["hit@1"] - MARGIN, rates
    assert measured(rates, "hit@3") >= floor["hit@3"] - MARGIN, rates
    assert measured(rates, "refusal") >= floor["refusal"] - MARGIN, rates
    assert measured(rates, "false_refusal") <= floor["false_refusal"] + MARGIN, rates


def measured(rates: dict[str, float | int | None], name: str) -> float:
    """One rate of a holdout; a holdout with no question to measure it on fails the test."""
    value = rates[name]
    assert value is not None, f"no question in the holdout measures {name}"
    return value


def test_holdout_questions_that_mean_the_same_as_fitted_ones_are_left_out(
    holdouts: Holdouts, capsys: pytest.CaptureFixture[str],
) -> None:
    for name, (engine, kept) in holdouts.items():
        close = meaning_leaks(engine, kept, FITTED, threshold=0.85)
        assert close == []  # what is measured holds nothing within 0.85 of what was fitted
        with capsys.disabled():
            print(f"\nholdout {name}: {len(kept)} questions measured after leaving out those "
                  "within cosine 0.85 of an ask, a not-covered or a fitted question")


@pytest.mark.parametrize("name", ["questions", "dev", "real", "workshop_pack_tune"])
def test_the_model_stays_calibrated_on_the_fitted_sets(
    name: str, real_explainer: Explainer, pack_explainers: dict[str, Explainer],
    capsys: pytest.CaptureFixture[str],
) -> None:
    questions = {"questions": QUESTIONS, "dev": DEV_QUESTIONS, "real": REAL_QUESTIONS,
                 "workshop_pack_tune": PACK_TUNE_QUESTIONS}[name]
    engine = pack_explainers.get(name, real_explainer)
    outcomes = outcomes_for(engine, [q for q in questions if q.split == "tune"])
    with capsys.disabled():
        print(f"\n{format_table(f'fitted set {name} (printed, not pinned)', score(outcomes))}")
        print(format_reliability("reliability:", outcomes))
    decided = [o for o in outcomes if o.probability is not None]
    predicted = sum(o.probability or 0.0 for o in decided) / len(decided)
    observed = sum(bool(o.question.expected) for o in decided) / len(decided)
    assert abs(predicted - observed) <= 0.1, (predicted, observed)


def test_our_ranking_beats_both_baselines(real_explainer: Explainer) -> None:
    # Ranking against ranking: the answers also refuse and keep a slot for legal help.
    answerable = [q for q in [*QUESTIONS, *DEV_QUESTIONS, *REAL_QUESTIONS] if q.expected]
    ours = score(outcomes_for(real_explainer, answerable, "fused-order"))["overall"]
    for method in ("bm25", "dense"):
        baseline = score(outcomes_for(real_explainer, answerable, method))["overall"]
        assert ours.hit_at_3 > baseline.hit_at_3, method
