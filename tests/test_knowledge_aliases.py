"""Aliases find the right entry, and only it (knowledge review, low rows).

An alias is used to find an entry and is never shown as a term: that is why a slur may be an
alias of the respectful entry, and why an alias that is also an everyday phrase is a guess.
"""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.core.aliases import AliasMatcher
from explainer.core.knowledge import load_knowledge
from explainer.core.models import DefinitionUnit, Source
from explainer.core.text import tokens
from explainer.render import render_definition
from explainer.resources import bundled_knowledge

UNITS = [u for u in load_knowledge([bundled_knowledge()]).units if isinstance(u, DefinitionUnit)]
MATCHER = AliasMatcher(UNITS)


def sure(question: str) -> list[str]:
    """The entries a question names for certain (not only as a guess)."""
    return [m.definition_id for m in MATCHER.find(question) if not m.ambiguous]


def locator(*aliases: str) -> DefinitionUnit:
    return DefinitionUnit(
        id="ice-detainee-locator", title="ICE Online Detainee Locator", text="A website.",
        status="vetted", file="ice-detainee-locator.yaml", line=1, language="en", source="x",
        location=None, as_of="2026-01-01", note=None, sentences=[],
        term="ICE Online Detainee Locator", category="term", aliases=list(aliases),
        sources=[Source(title="x", citation="x")], related=[], reviewed_by="x",
        reviewed_on="2026-01-02")


def test_a_letter_joined_by_a_hyphen_stays_one_token() -> None:
    # The root of "A-number" matching "make up a number": it was split into "a", "number".
    assert tokens("my A-number") == ["my", "a-number"]
    assert tokens("Form I-247A") == ["form", "i-247a"]


def test_the_a_number_alias_does_not_match_the_everyday_words_a_number() -> None:
    matcher = AliasMatcher([locator("A-number", "A number")])
    everyday = matcher.find("Just make up a number, how many people did ICE arrest?")
    assert [m for m in everyday if not m.ambiguous] == []
    for question in ("where is my A-number", "what is an A number", "my a-number please"):
        found = matcher.find(question)
        assert [m.definition_id for m in found if not m.ambiguous] == ["ice-detainee-locator"]


@pytest.mark.parametrize(("question", "entry"), [
    ("what happens to illegals who get arrested in minnesota", "undocumented"),
    ("can illegal aliens get a drivers license", "undocumented"),
    ("que pasa con los inmigrantes ilegales en minnesota", "undocumented"),
    ("what is a 287(g) agreement", "287g-agreement"),
    ("what does section 287(g) say", "section-287g"),
    ("ICE emergency at my door", "if-this-is-happening-now"),
])
def test_an_alias_finds_its_entry(question: str, entry: str) -> None:
    assert entry in sure(question)


@pytest.mark.parametrize(("question", "not_entry"), [
    ("how do I check my CIS case status", "center-for-immigration-studies"),  # USCIS, to many
    ("what is 287(g)", "287g-agreement"),  # the law as much as an agreement
    ("my child has a medical emergency", "if-this-is-happening-now"),
])
def test_an_alias_does_not_claim_what_it_does_not_mean(question: str, not_entry: str) -> None:
    assert not_entry not in sure(question)


def test_a_slur_alias_is_never_shown() -> None:
    unit = next(u for u in UNITS if u.id == "undocumented")
    assert "illegals" in unit.aliases
    shown = " ".join(line.text for line in render_definition(unit, today=dt.date(2026, 12, 3)))
    assert "illegal" not in shown.casefold().replace("illegally", "")


def test_each_spanish_name_of_a_crime_level_is_said_with_its_level() -> None:
    # Review row: "delito grave" (a felony) and "falta menor" (not a crime) led to the English
    # misdemeanor entry, which never says which level each Spanish name is.
    assert "misdemeanor" in sure("que es un delito grave en minnesota")
    spanish = next(u for u in UNITS if u.id == "misdemeanor.es")
    assert "delito grave (felony)" in spanish.text
    assert "falta menor (petty misdemeanor) no es un delito" in " ".join(spanish.text.split())
    english = next(u for u in UNITS if u.id == "misdemeanor")
    assert not {"delito grave", "falta menor"} & set(english.aliases)
