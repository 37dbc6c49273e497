"""The bundled knowledge: complete, quoted exactly, plain, sourced and free of known pitfalls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
import yaml

from explainer.core.aliases import AliasMatcher
from explainer.core.knowledge import load_knowledge
from explainer.core.models import ArticleUnit, DefinitionUnit
from explainer.core.sentences import sentences
from explainer.resources import bundled_knowledge

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = load_knowledge([bundled_knowledge()])
DEFINITIONS = [u for u in KNOWLEDGE.units if isinstance(u, DefinitionUnit)]
ARTICLE = [u for u in KNOWLEDGE.units if isinstance(u, ArticleUnit)]
BY_ID = {u.id: u for u in DEFINITIONS}

REQUIRED = [  # issue 2's first core, the urgent entry, and every term listed in docs/facts.md
    "287g-agreement", "ice", "detainer", "sanctuary-policy", "task-force-model",
    "jail-enforcement-model", "warrant-service-officer", "sheriff", "removal", "undocumented",
    "legal-help", "know-your-rights", "if-this-is-happening-now", "section-287g",
    "force-multiplier", "ero", "dhs", "ice-field-office", "administrative-warrant",
    "judicial-warrant", "notice-to-appear", "immigration-judge", "civil-vs-criminal",
    "due-process", "county-board", "minnesota-attorney-general", "jail-vs-prison", "in-custody",
    "booking", "jail-bed-contract", "misdemeanor", "traffic-offense",
    "center-for-immigration-studies", "sahan-journal",
]
# Every address and phone number FACTS.md gives for the bundled entries: the Advocates' page and
# client line (fact 106), Mid-Minnesota Legal Aid's FAQ page and intake line (fact 107).
ALLOWED_URLS = {"https://everycrsreport.com/reports/IF11898.html", "https://ice.gov/287g",
                "https://theadvocatesforhumanrights.org/Legal_Help/Detained_Immigrants",
                "https://mylegalaid.org/about-us/faqs"}
ALLOWED_PHONES = {"612-341-9845", "877-696-6529"}


def test_required_definitions_are_present_and_vetted() -> None:
    missing = [i for i in REQUIRED if i not in BY_ID]
    assert missing == []
    assert all(BY_ID[i].status == "vetted" for i in REQUIRED)


def test_article_is_quoted_word_for_word_from_the_seed() -> None:
    seed = (ROOT / "tests" / "data" / "seed_article.txt").read_text(encoding="utf-8")
    seed_paragraphs = [line.strip() for line in seed.splitlines() if line.strip()]
    assert [u.text for u in ARTICLE] == seed_paragraphs
    assert [u.id for u in ARTICLE] == [f"mn-sheriffs-287g-2025#p{n}" for n in range(1, 13)]
    assert "Physical Address" not in " ".join(u.text for u in ARTICLE)


def test_article_claims_carry_dated_maintainer_notes() -> None:
    noted = {u.paragraph for u in ARTICLE if u.note}
    # sanctuary law, 40-hour training, CIS count, "seven", the Ellison line (issue 2)
    assert {1, 4, 5, 6, 8} <= noted
    for unit in ARTICLE:
        if unit.note:
            assert re.match(r"As of \d{4}-\d{2}-\d{2}: ", unit.note)
            assert textstat.flesch_kincaid_grade(unit.note) <= 8.0, unit.id


@pytest.mark.parametrize("unit", DEFINITIONS, ids=lambda u: u.id)
def test_definition_is_plain_and_short(unit: DefinitionUnit) -> None:
    words = len(unit.text.split())
    limit = 150 if unit.category == "help" else 90
    assert 40 <= words <= limit + 5, words
    assert textstat.flesch_kincaid_grade(unit.text) <= 8.0
    assert max(len(s.split()) for s in sentences(unit.text)) <= 25
    if unit.note:
        assert textstat.flesch_kincaid_grade(unit.note) <= 8.0


@pytest.mark.parametrize("unit", DEFINITIONS, ids=lambda u: u.id)
def test_definition_sources_are_from_the_fact_sheet(unit: DefinitionUnit) -> None:
    assert unit.sources and unit.as_of and unit.reviewed_by and unit.reviewed_on
    urls = set(re.findall(r"https?://\S+", yaml.safe_dump([s.model_dump() for s in unit.sources])))
    urls |= set(re.findall(r"https?://[^\s)]+", unit.text + (unit.note or "")))
    assert urls <= ALLOWED_URLS
    phones = set(re.findall(r"\b\d{3}-\d{3}-\d{4}\b", unit.text + (unit.note or "")))
    assert phones <= ALLOWED_PHONES


def test_a_detainer_is_never_called_a_warrant() -> None:
    detainer = BY_ID["detainer"]
    for alias in detainer.aliases:
        assert not re.search(r"warrant|orden|order|court", alias, re.IGNORECASE), alias
    assert "not a court order" in detainer.text or "not a judicial warrant" in detainer.text


def test_known_pitfalls_do_not_appear() -> None:
    """The mistakes listed in docs/facts.md."""
    text = "\n".join(u.text + "\n" + (u.note or "") for u in DEFINITIONS)
    assert "Immigration Law Center of Minnesota" not in text  # the name is Immigrant Law Center
    for match in re.finditer(r"[^.]*Minnesota Supreme Court[^.]*\.", text):
        assert re.search(r"\b(no|not)\b", match.group(0), re.IGNORECASE), match.group(0)
    assert not re.search(r"gross misdemeanor[^.]*\b(a|one) year\b", text, re.IGNORECASE)
    for match in re.finditer(r"[^.]*\bfree lawyer[^.]*\.", text):
        assert re.search(r"\b(no|not|don't|doesn't|won't)\b", match.group(0)), match.group(0)


@pytest.mark.parametrize(("question", "expected"), [
    ("My friend got a Notice to Appear in the mail", "notice-to-appear"),
    ("what does the Warrant Service Officer do", "warrant-service-officer"),
    ("que significa expulsión expedita", "expedited-removal"),
])
def test_a_term_is_found_without_the_part_in_brackets(question: str, expected: str) -> None:
    assert expected in [m.definition_id for m in AliasMatcher(DEFINITIONS).find(question)]


def test_no_entry_asks_the_reader_to_check_a_number_first() -> None:
    # A person in detention cannot check a number: say where it comes from instead.
    for unit in [*DEFINITIONS, *ARTICLE]:
        assert "check this number" not in unit.text.casefold(), unit.id


def test_civil_entries_say_that_civil_can_still_mean_jail() -> None:
    # "Not a crime" alone leaves a reader thinking they cannot be locked up (facts 3, 53).
    for entry in ("civil-vs-criminal", "undocumented"):
        assert "county jail" in BY_ID[entry].text, entry


def test_every_vetted_entry_is_dated_no_later_than_its_review() -> None:
    for path in sorted((bundled_knowledge() / "definitions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("reviewed_on"):
            assert data["as_of"] <= data["reviewed_on"], path.name
