"""Answer logic with a deterministic fake encoder: the contract, refusals, excerpts."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.core.explainer import Explainer
from explainer.core.models import Answer


def assert_quoted_exactly(explainer: Explainer, answer: Answer) -> None:
    for excerpt in answer.excerpts:
        unit = explainer.unit(excerpt.id)
        assert unit is not None, excerpt.id
        assert excerpt.text == unit.text[excerpt.start : excerpt.end]
        assert excerpt.text.strip() == excerpt.text and excerpt.text


def test_what_is_question_leads_with_the_definition(explainer: Explainer) -> None:
    answer = explainer.ask("What is a 287 (g) agreement?")
    assert answer.status == "answered" and answer.reason is None
    assert answer.excerpts[0].id == "287g-agreement"
    assert answer.excerpts[0].kind == "definition"
    assert answer.excerpts[0].text == explainer.unit("287g-agreement").text  # type: ignore[union-attr]
    # then article passages that use the term
    assert answer.excerpts[1].id == "test-article#p1"
    assert_quoted_exactly(explainer, answer)


def test_answer_fields_follow_the_contract(explainer: Explainer) -> None:
    answer = explainer.ask("what does ICE hold mean")
    data = answer.model_dump(mode="json")
    assert set(data) == {"question", "status", "reason", "message", "see", "excerpts"}
    first = data["excerpts"][0]
    assert set(first) == {"id", "kind", "title", "text", "start", "end", "source", "location",
                          "as_of", "language", "note", "score"}
    assert first["id"] == "detainer"
    assert first["source"] == "Form I-247A guidance (8 C.F.R. §287.7(a))"
    assert first["note"] == "Whether weekends count is not clear."
    assert first["location"] is None and first["as_of"] == "2026-11-28"
    assert len(data["excerpts"]) <= 3


def test_article_excerpt_is_whole_sentences_with_its_note(explainer: Explainer) -> None:
    answer = explainer.ask("how many counties have agreements now, seven?")
    article = [e for e in answer.excerpts if e.id == "test-article#p2"]
    assert article, answer
    excerpt = article[0]
    assert excerpt.location == "paragraph 2"
    assert excerpt.text.startswith("The total number of counties")
    assert excerpt.text.endswith(".")
    assert excerpt.note == "As of 2026-11-28: The count of seven mixed in jail-bed contracts."
    assert_quoted_exactly(explainer, answer)


def test_out_of_scope_question_is_refused_with_legal_help(explainer: Explainer) -> None:
    answer = explainer.ask("How do I bake bread?")
    assert answer.status == "no_answer"
    assert answer.reason == "out_of_scope"
    assert answer.excerpts == []
    assert answer.see == ["legal-help"]
    assert "don't have a checked answer" in answer.message


@pytest.mark.parametrize(
    ("question", "reason", "shown"),
    [
        ("", "empty", ""),
        ("   \t  ", "empty", ""),
        ("\x1b[31m\x1b]0;x\x07", "empty", ""),
        ("hello!", "greeting", "hello!"),
        ("Thanks so much", "greeting", "Thanks so much"),
        ("hola", "greeting", "hola"),
    ],
)
def test_refusals_before_search(explainer: Explainer, question: str, reason: str,
                                shown: str) -> None:
    answer = explainer.ask(question)
    assert (answer.status, answer.reason, answer.question) == ("no_answer", reason, shown)
    assert answer.excerpts == []


def test_too_long_question_is_cut_and_refused(explainer: Explainer) -> None:
    answer = explainer.ask("what is a detainer " * 60)
    assert answer.reason == "too_long"
    assert len(answer.question) == 500


def test_question_is_cleaned_of_escape_sequences(explainer: Explainer) -> None:
    answer = explainer.ask("what is a \x1b[2Jdetainer\x9b?\x00 \u202e")
    assert answer.question == "what is a detainer?"
    assert answer.excerpts[0].id == "detainer"


def test_personal_advice_gets_definitions_and_legal_help(explainer: Explainer) -> None:
    answer = explainer.ask("What does an ICE hold mean for me?")
    ids = [e.id for e in answer.excerpts]
    assert ids[0] == "detainer"
    assert ids[-1] == "legal-help"
    assert "legal-help" in answer.see
    assert answer.message.startswith("I can't give advice")


def test_urgent_question_offers_the_happening_now_entry_first(explainer: Explainer) -> None:
    answer = explainer.ask("ICE is at my door right now, what do I do?")
    assert answer.excerpts[0].id == "if-this-is-happening-now"
    assert answer.see[0] == "if-this-is-happening-now"


def test_drafts_are_never_answered_from(explainer: Explainer) -> None:
    answer = explainer.ask("what is the zebra crossing rule?")
    assert all(e.id != "secret-draft" for e in answer.excerpts)
    assert explainer.unit("secret-draft") is None
    assert "secret-draft" not in [u.id for u in explainer.glossary()]


def test_two_named_terms_both_come_first(explainer: Explainer) -> None:
    answer = explainer.ask("what is the difference between a 287g agreement and an ICE hold")
    assert [e.id for e in answer.excerpts[:2]] == ["287g-agreement", "detainer"]


def test_facade_lookups(explainer: Explainer) -> None:
    assert [u.id for u in explainer.glossary()] == [
        "287g-agreement", "detainer", "legal-help", "ice", "if-this-is-happening-now"]
    terms = [u.term for u in explainer.glossary()]
    assert terms == sorted(terms, key=str.casefold)
    assert [p.paragraph for p in explainer.article("test-article")] == [1, 2, 3]
    assert explainer.article("nope") == []
    help_entry = explainer.legal_help()
    assert help_entry is not None and help_entry.category == "help"


def test_answers_are_the_same_after_many_questions(knowledge: Path, tmp_path: Path) -> None:
    from tests.helpers import fake_explainer

    explainer = fake_explainer(knowledge, tmp_path / "cache")
    questions = ["what is a detainer", "who signed", "bread?", "ICE at my door"]
    first = [explainer.ask(q) for q in questions]
    for _ in range(50):
        for q in questions:
            explainer.ask(q)
    assert [explainer.ask(q) for q in questions] == first


def test_an_unknown_baseline_ranking_is_an_error(explainer: Explainer) -> None:
    assert explainer.baseline_ids("what is a detainer", "dense")
    with pytest.raises(ValueError, match="unknown ranking"):
        explainer.baseline_ids("what is a detainer", "densse")
