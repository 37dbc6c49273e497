"""Alias matching, text normalization and question intent, without any model."""

from __future__ import annotations

import pytest

from explainer.core.aliases import AliasMatcher
from explainer.core.intent import read_intent
from explainer.core.knowledge import load_knowledge
from explainer.core.models import DefinitionUnit
from explainer.core.text import normalize, tokens
from tests.helpers import write_knowledge


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> AliasMatcher:
    folder = write_knowledge(tmp_path_factory.mktemp("k"))
    units = load_knowledge([folder]).vetted()
    return AliasMatcher([u for u in units if isinstance(u, DefinitionUnit)])


@pytest.mark.parametrize("text", ["287(g)", "287 (g)", "287 g", "287g", "287-g", "287(G)"])
def test_287g_is_spelled_one_way(text: str) -> None:
    assert tokens(f"what is {text}?") == ["what", "is", "287(g)"]


def test_identifiers_stay_whole_and_accents_go() -> None:
    assert tokens("Form I-247A, 8 U.S.C. 1357(g), ¿Qué?") == [
        "form", "i-247a", "8", "u", "s", "c", "1357(g)", "que"]
    assert normalize("Detención") == "detencion"


@pytest.mark.parametrize(("question", "expected"), [
    ("what is an ICE hold?", ["detainer"]),  # longest match: "ice hold", not "ice"
    ("ICE", ["ice"]),
    ("acuerdo 287 g", ["287g-agreement"]),
    ("what is a 287g and an i-247a", ["287g-agreement", "detainer"]),
    ("icehold", []),  # whole tokens only
    ("what is a detaner", ["detainer"]),  # a close misspelling of the term
    ("what is a hlod", []),  # short words are never corrected
    ("immigraton hold", ["detainer"]),  # a close misspelling of a long alias word
])
def test_alias_matches(matcher: AliasMatcher, question: str, expected: list[str]) -> None:
    assert [m.definition_id for m in matcher.find(question)] == expected


def test_lower_case_acronym_is_ambiguous(matcher: AliasMatcher) -> None:
    [upper] = matcher.find("what does ICE do")
    [lower] = matcher.find("how do I make ice cream")
    assert (upper.ambiguous, lower.ambiguous) == (False, True)


@pytest.mark.parametrize(("question", "greeting", "advice", "urgent", "definitional"), [
    ("hello there!", True, False, False, False),
    ("What is a detainer?", False, False, False, True),
    ("What's the arrangement called where deputies do ICE work?", False, False, False, False),
    ("what's the official word for deportation", False, False, False, False),
    ("can the sheriff deport me", False, True, False, False),
    ("How do I bake bread?", False, False, False, False),
    ("ICE is at my door right now", False, True, True, False),
    ("ICE took my husband this morning", False, True, True, False),
    ("mi esposo fue detenido por ICE", False, True, True, False),
    ("detuvieron a mi esposo anoche, que hacemos", False, True, True, False),
    ("¿Qué es un acuerdo 287(g)?", False, False, False, True),
    ("agents are knocking on the door", False, False, True, False),
    ("there are agents outside the house right now", False, False, True, False),
    ("how long does a work visa take right now", False, False, False, False),
    ("la migra esta afuera ahorita", False, False, True, False),
])
def test_intent(question: str, greeting: bool, advice: bool, urgent: bool,
                definitional: bool) -> None:
    intent = read_intent(question)
    assert (intent.greeting, intent.seeks_advice, intent.urgent, intent.definitional) == (
        greeting, advice, urgent, definitional)
