"""The bundled knowledge: complete, quoted exactly, plain, sourced and free of known pitfalls."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import textstat
import yaml

from explainer.authoring.check import check
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
NEW = [  # issue 15: topics readers asked about that FACTS.md covers (facts 7, 35-37, 44, 46, 56,
    # 65-68, 71-98 and pitfall 35)
    "working-with-ice-without-287g", "basic-ordering-agreement", "detainee-assistance-project",
    "esparza-v-nobles-county", "287g-debate", "drivers-licenses-for-all", "separation-ordinances",
    "operation-metro-surge", "bond-hearing", "minnesota-counties-2026",
]
# Every address the bundled entries may cite. Each one is given in the maintainers' FACTS.md
# (fact numbers in the comments) or is an official record found in the stored search corpus.
ALLOWED_URLS = {
    "https://everycrsreport.com/reports/IF11898.html", "https://ice.gov/287g",  # facts 1, 10
    "https://theadvocatesforhumanrights.org/Legal_Help/Detained_Immigrants",  # 106
    "https://mylegalaid.org/about-us/faqs",  # 107
    "https://law.umn.edu/magazine/fall-2023/transforming-immigration-law-lives-new-americans",
    "https://justice.gov/eoir/list-pro-bono-legal-service-providers",  # 109, 110
    "https://www.kaxe.org/local-news/2026-01-28/northern-mn-counties-clarify-how-they-cooperate"
    "-with-ice-after-ag-opinion",  # 71
    "https://www.startribune.com/in-rare-move-this-northern-minnesota-county-is-working-with-"
    "the-feds-to-make-arrests-amid-ice-surge/601575555",  # 73
    "https://www.cbsnews.com/minnesota/news/dawanna-witt-denies-deal-with-ice/",  # 73, 79
    "https://www.cbsnews.com/minnesota/news/where-federal-agents-take-people-detained-in-"
    "minnesota",  # 74
    "https://ijr.com/?p=1661387",  # 75
    "https://www.startribune.com/mn-jails-cooperation-ice/601581324",  # 79
    "https://www.startribune.com/mn-sheriffs-tom-homan-negotiate-ice-drawdown/601575959",  # 80
    "https://www.fox9.com/news/ice-agreements-would-require-more-cooperation-from-county-jails",
    "https://www.kaxe.org/minnesota-news/2026-02-05/county-attorneys-nix-proposal-for-minnesota"
    "-sheriffs-to-coordinate-with-ice",  # 80
    "https://www.foxnews.com/politics/minnesota-attorney-general-ellison-denies-making-any-ice-"
    "agreement-deal-border-czar-homan",  # 81
    "https://www.aclu-mn.org/cases/freeborn287g",  # 83
    "https://www.cbsnews.com/minnesota/news/minnesota-attorney-general-keith-ellison-kristi-"
    "noem-federal-lawsuit-operation-metro-surge/",  # 85
    "https://www.lawfaremedia.org/article/minnesota-v.-noem--a-hearing-diary-for-jan.-26",  # 85
    "https://reason.com/volokh/2026/01/27/eighth-circuit-suspends-injunction-related-to-federal"
    "-immigration-enforcement-in-minnesota/",  # 86
    "https://www.kaxe.org/minnesota-news/2026-02-27/chief-judge-schiltz-one-way-or-another-ice-"
    "will-comply-with-this-courts-orders",  # 88
    "https://www.startribune.com/judge-rules-whipple-detainees-must-have-access-to-attorneys-"
    "private-calls/601581387",  # 89
    "https://www.respometer.com/events/judge-extends-access-to-counsel-protections-for-"
    "minnesota-immigration-detainees",  # 89
    "https://ard.arcamax-newletter.com/currentnews/newsheadlines/s-4010030",  # 90
    "https://clearinghouse.net/case/47014",  # 91
    "https://www.ksat.com/gallery/news/2026/02/17/minnesotas-legislature-braces-for-a-federal-"
    "immigration-fight-as-the-enforcement-surge-winds-down",  # 92
    "https://www.revisor.mn.gov/bills/94/2026/0/HF/3924/versions/0",  # 93
    "https://www.startribune.com/what-to-know-about-about-ices-operation-metro-surge-now-that-"
    "it-is-ending/601581891",  # 94, 95
    "https://www.fox9.com/news/2-months-operation-metro-surge-end-date-remains-unclear.amp",
    "https://sahanjournal.com/public-safety/ice-minnesota-county-sheriffs-jail-access-agreements",
    "https://www.devdiscourse.com/article/law-order/3764134-update-2-ice-fatal-shooting-of-"
    "woman-leaves-minneapolis-on-edge",  # 96
    "https://www.spokesman.com/stories/2026/jan/24/man-fatally-shot-by-federal-agents-in-"
    "minneapolis-/",  # 97
    "https://www.fox9.com/news/alex-pretti-death-doj-launches-civil-rights-investigation",  # 97
    "https://www.kpbs.org/news/politics/2026/03/05/trump-says-hes-replacing-homeland-security-"
    "secretary-noem-with-gop-sen-markwayne-mullin",  # 99
    "https://davisvanguard.org/2026/02/immigration-task-force-expansion/",  # 100
    "https://www.thetrendswire.com/blog/ice-nationwide-expedited-removal-appeals-court-2026",
    "https://boisclub.news/politics/dc-circuit-expedited-removal-nationwide-make-the-road-new-"
    "york-2026",  # 102
    "https://www.hinshawlaw.com/en/insights/insights-for-employers-alert/dhs-memo-outlines-plan"
    "-to-use-administrative-warrants-for-ice-home-arrests",  # 103
    "https://www.tag24.com/politics/refugees/ice-memo-giving-agents-authority-to-break-into-"
    "homes-without-warrant-slammed-as-unconstitutional-3461784",  # 103
    # Official records found in the stored pages corpus (not in FACTS.md): the expedited removal
    # designation in the Federal Register, the immigration courts' practice manual on the Notice
    # to Appear, the Notice to Appear regulation, and CRS on unlawful presence.
    "https://www.govinfo.gov/content/pkg/FR-2025-01-24/html/2025-01720.htm",
    "https://justice.gov/eoir/reference-materials/ic/chapter-4/2",
    "https://www.law.cornell.edu/cfr/text/8/1239.1",
    "https://www.everycrsreport.com/files/20060329_RS22413_d263e0c57bce17ae2b5995a4357a1a979e1ed3c2"
    ".html",
    # Where the ICE field office and the immigration court are (review row on ERO, the field
    # office and the immigration judge): the Star Tribune, with Scripps News cited without a URL.
    "https://www.startribune.com/ramstad-open-the-whipple-federal-building-now/601571057",
}
# Phone numbers FACTS.md gives from the organizations' own pages: the Advocates' client line
# (fact 106) and Mid-Minnesota Legal Aid's intake line (107). ILCM's 2017 helpline is stale (108).
ALLOWED_PHONES = {"612-341-9845", "877-696-6529"}
_PHONE = re.compile(r"\b\d{3}[-.)\s]+\d{3}[-.\s]\d{4}\b")


def test_required_definitions_are_present_and_vetted() -> None:
    missing = [i for i in [*REQUIRED, *NEW] if i not in BY_ID]
    assert missing == []
    assert all(BY_ID[i].status == "vetted" for i in [*REQUIRED, *NEW])


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


# Flesch-Kincaid measures English only: Spanish entries are measured in tests/test_languages.py.
@pytest.mark.parametrize("unit", [u for u in DEFINITIONS if u.language == "en"],
                         ids=lambda u: u.id)
def test_definition_is_plain_and_short(unit: DefinitionUnit) -> None:
    words = len(unit.text.split())
    limit = 150 if unit.category == "help" else 90
    assert 40 <= words <= limit + 5, words
    assert textstat.flesch_kincaid_grade(unit.text) <= 8.0
    assert max(len(s.split()) for s in sentences(unit.text)) <= 25
    if unit.note:
        assert textstat.flesch_kincaid_grade(unit.note) <= 8.0


@pytest.mark.parametrize("unit", DEFINITIONS, ids=lambda u: u.id)
def test_definition_sources_are_public_and_listed(unit: DefinitionUnit) -> None:
    assert unit.sources and unit.as_of and unit.reviewed_by and unit.reviewed_on
    listed = yaml.safe_dump([s.model_dump() for s in unit.sources], width=10_000)
    # The project's own research sheet is not a public source (issue 15).
    assert not re.search(r"research sheet|fact sheet", listed, re.IGNORECASE), listed
    urls = set(re.findall(r"https?://[^\s'\"]+", listed))
    urls |= set(re.findall(r"https?://[^\s)]+", unit.text + (unit.note or "")))
    assert urls <= ALLOWED_URLS, urls - ALLOWED_URLS


@pytest.mark.parametrize("unit", [*DEFINITIONS, *ARTICLE], ids=lambda u: u.id)
def test_no_phone_number_that_the_fact_sheet_does_not_give(unit: DefinitionUnit | ArticleUnit,
                                                           ) -> None:
    numbers = {re.sub(r"\D", "", n)[-10:] for n in _PHONE.findall(unit.text + (unit.note or ""))}
    assert numbers <= {re.sub(r"\D", "", n) for n in ALLOWED_PHONES}, numbers


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


def test_every_note_on_the_article_is_dated_no_later_than_its_review() -> None:
    path = bundled_knowledge() / "articles" / "mn-sheriffs-287g-2025.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    for number, note in meta["notes_by_paragraph"].items():
        assert note["as_of"] < meta["reviewed_on"], number


def test_as_of_is_the_date_of_the_facts_not_of_the_review() -> None:
    # FACTS.md (checked 2026-12-02) holds nothing newer than June 2026: an entry dated on its
    # review day would claim facts nobody has.
    for unit in DEFINITIONS:
        assert unit.as_of and unit.reviewed_on and unit.as_of < unit.reviewed_on, unit.id


# Entries whose newest fact is truly over a year old on 2026-12-03 (knowledge/README.md): the
# 2023 penalty law, which no dated source has confirmed since, and the CIS count of April 2025.
STALE_ON_PURPOSE = {"misdemeanor", "center-for-immigration-studies"}  # and misdemeanor.es


def test_knowledge_check_is_clean_apart_from_facts_over_a_year_old() -> None:
    # The only warnings left say that an entry's newest fact is more than a year old; that is
    # true of the entries listed above, and their cards say so to readers.
    report = check([bundled_knowledge()], today=dt.date(2026, 12, 3))
    assert report.errors == []
    stale = [w for w in report.warnings if "more than a year old" in w.message]
    assert {Path(w.file).name.split(".")[0] for w in stale} <= STALE_ON_PURPOSE, stale
    others = [str(w) for w in report.warnings if "more than a year old" not in w.message]
    assert others == []


def sentences_about(pattern: str) -> list[str]:
    # Article paragraphs are the news story's words; only the maintainers' notes on them count.
    text = "\n".join([u.text + "\n" + (u.note or "") for u in DEFINITIONS]
                     + [u.note for u in ARTICLE if u.note])
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if re.search(pattern, s, re.I)]


def test_the_surge_is_dated_and_its_claims_are_attributed() -> None:
    # Pitfalls 31-33: give both dates, give DHS's numbers as DHS's, no loaded words.
    surge = BY_ID["operation-metro-surge"]
    assert "December 2025" in surge.text and "Feb. 12, 2026" in surge.text
    assert "enforcement would go on" in surge.text
    assert any("DHS said" in s for s in sentences_about(r"4,000"))
    for sentence in sentences_about(r"Renee Good|Pretti"):
        assert not re.search(r"riot|murder|attack", sentence, re.I), sentence
    assert "U.S. citizens" in (surge.note or "")


def test_no_entry_promises_a_bond_hearing_or_says_expedited_removal_is_blocked() -> None:
    # Pitfalls 34 and 35.
    for sentence in sentences_about(r"bond hearing"):
        assert not re.search(r"\b(will get|right to a bond|entitled)\b", sentence, re.I), sentence
    assert "do not count on a bond hearing" in BY_ID["bond-hearing"].text.casefold()
    for sentence in sentences_about(r"expedited removal|expansion"):
        if re.search(r"\b(blocked|paused|stopped)\b", sentence, re.I):
            assert re.search(r"\b20\d\d\b", sentence), sentence


def test_how_ice_finds_out_about_an_arrest_is_asked_of_booking() -> None:
    asks = [a.casefold() for a in BY_ID["booking"].asks]
    assert any("how does ice find out about me" in a for a in asks)
