"""Dates of facts: a page with no date is dated by the day a person read it, and says so.

The rule is in knowledge/README.md. `as_of` is the date of the newest fact; for a fact from a
page that shows no date, that is the source's `accessed` day. The reader sees that day next to
the source, so a reading date is never taken for a publication date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explainer.authoring.check import check
from explainer.core.knowledge import load_knowledge
from explainer.core.messages import use_language
from explainer.core.models import DefinitionUnit, Source
from explainer.render import render_definition
from explainer.resources import bundled_knowledge
from tests.helpers import DEFINITIONS, write_knowledge

TODAY = dt.date(2026, 12, 3)
ICE_SOURCE = """          - title: ICE 287(g) page
            url: https://ice.gov/287g
"""


def ice_with(source: str, as_of: str = "2026-11-28") -> str:
    text = DEFINITIONS["ice"].replace(ICE_SOURCE, source)
    return text.replace("as_of: 2026-11-28", f"as_of: {as_of}")


def warnings_for(tmp_path: Path, ice: str) -> list[str]:
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, ice=ice))
    report = check([folder], today=TODAY)
    assert report.errors == []
    return [w.message for w in report.warnings]


def test_the_reading_day_is_shown_with_the_source() -> None:
    source = Source(title="The Advocates for Human Rights, Detained Immigrants",
                    url="https://theadvocatesforhumanrights.org/Legal_Help/Detained_Immigrants",
                    accessed=dt.date(2026, 12, 2))
    assert source.one_line().endswith("; no date on the page; read on 2026-12-02)")
    assert "read on" not in Source(title="A dated report", citation="May 2025").one_line()


def test_a_page_marked_undated_needs_the_day_it_was_read(tmp_path: Path) -> None:
    undated = """          - title: ICE 287(g) page (undated page)
            url: https://ice.gov/287g
"""
    found = warnings_for(tmp_path, ice_with(undated))
    assert any("page with no date: add accessed" in w for w in found), found


def test_as_of_may_not_be_older_than_the_reading_day(tmp_path: Path) -> None:
    read = """          - title: ICE 287(g) page
            url: https://ice.gov/287g
            accessed: 2026-11-28
"""
    fine = warnings_for(tmp_path / "a", ice_with(read))
    assert not [w for w in fine if "was read" in w or "accessed" in w], fine
    older = [w for w in warnings_for(tmp_path / "b", ice_with(read, as_of="2025-01-01"))
             if "is older than the day source 1 was read" in w]
    assert len(older) == 1, older


def test_a_page_read_after_the_review_is_warned_about(tmp_path: Path) -> None:
    late = """          - title: ICE 287(g) page
            url: https://ice.gov/287g
            accessed: 2026-11-30
"""
    found = warnings_for(tmp_path, ice_with(late, as_of="2026-11-30"))
    assert any("after the review of 2026-11-28" in w for w in found), found


BUNDLED = [u for u in load_knowledge([bundled_knowledge()]).units
           if isinstance(u, DefinitionUnit)]


@pytest.mark.parametrize("entry", ["legal-help", "legal-help.es"])
def test_the_help_card_is_dated_by_its_reading_not_told_it_may_be_out_of_date(
        entry: str) -> None:
    # Facts 106, 107 and 110: the groups' pages show no date; FACTS.md read them on 2026-12-02.
    unit = next(u for u in BUNDLED if u.id == entry)
    lines = render_definition(unit, today=TODAY)
    assert not [line for line in lines if line.kind == "stale"]
    sources = [line.value for line in lines if line.kind == "source"]
    assert sum("no date on the page; read on 2026-12-02" in s for s in sources) == 3, sources


def test_no_bundled_source_calls_itself_undated_without_a_reading_day() -> None:
    for unit in BUNDLED:
        for source in unit.sources:
            if "undated" in source.title.casefold():
                assert source.accessed is not None, (unit.id, source.title)


def test_the_reading_day_is_said_in_the_interface_language() -> None:
    unit = next(u for u in BUNDLED if u.id == "legal-help.es")
    use_language("es")
    sources = [line.value for line in render_definition(unit, today=TODAY)
               if line.kind == "source"]
    assert sum("la página no tiene fecha; leída el 2026-12-02" in s for s in sources) == 3
    assert not [s for s in sources if "no date on the page" in s], sources
