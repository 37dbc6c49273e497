"""Authoring: check (errors and warnings with file and line), new-term, vet, add, pack.yaml."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from explainer import cli
from explainer.authoring.add import paragraphs_of
from explainer.authoring.check import check
from explainer.authoring.new_term import write_template
from explainer.authoring.vet import VetError, vet
from explainer.core.knowledge import load_knowledge
from explainer.resources import bundled_knowledge
from tests.helpers import DEFINITIONS, fake_explainer, write_knowledge

TODAY = dt.date(2026, 11, 28)


def messages(folder: Path) -> list[str]:
    report = check([folder], today=TODAY)
    return [str(p) for p in report.errors + report.warnings]


def test_bundled_knowledge_has_no_errors_and_reads_at_grade_8_or_below() -> None:
    report = check([bundled_knowledge()])
    assert report.errors == []
    assert not [w for w in report.warnings if "grade" in w.message]
    assert report.summary.startswith("0 errors")


def test_summary_counts(knowledge: Path) -> None:
    report = check([knowledge], today=TODAY)
    assert report.summary == ("0 errors, 3 warnings. 5 vetted definitions, 1 drafts, "
                              "1 articles, 3 passages, 0 questions people ask, "
                              "0 questions not covered.")
    path = knowledge / "definitions" / "secret-draft.yaml"
    assert f"{path}:8: this entry is a draft: it is not used for answers until vetted" in \
        messages(knowledge)


def test_each_warning_has_file_line_and_message(tmp_path: Path) -> None:
    long = " ".join(["word"] * 30) + "."
    hard = ("Notwithstanding jurisdictional considerations, administrative adjudications "
            "necessitate comprehensive documentation regarding immigration classifications.")
    text = DEFINITIONS["ice"].replace("as_of: 2026-11-28", "as_of: 2024-01-02").replace(
        "ICE is the federal agency that enforces immigration law inside the country.",
        f"ICE is an agency. {long} {hard} See [b]this[/b].")
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, ice=text))
    path = folder / "definitions" / "ice.yaml"
    found = [m for m in messages(folder) if m.startswith(str(path))]
    assert f"{path}:8: as_of (2024-01-02) is more than a year old: check the facts again " \
           "and update the date" in found
    assert any(m.startswith(f"{path}:3: the definition reads at grade") for m in found)
    assert f'{path}:3: a sentence has 30 words ("word word word word word word ..."): keep ' \
           "sentences under 25 words" in found
    assert f"{path}:3: text that looks like markup ([b]): it is shown as plain text" in found


def test_control_characters_in_a_file_are_reported(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k")
    path = folder / "articles" / "test-article.md"
    path.write_text(path.read_text().replace("Supporters", "\x1b[31mSupporters"),
                    encoding="utf-8")
    assert f"{path}:20: a control character (\\x1b): it is removed before anything is shown" \
        in messages(folder)
    yaml_path = folder / "definitions" / "ice.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("enforces", "enforces\x07"))
    assert any(m.startswith(f"{yaml_path}:1: the YAML is not valid") for m in messages(folder))


def test_errors_fail_the_check_with_exit_status_1(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, ice=DEFINITIONS["ice"].replace(
        "related", "relatd") + "        related: [nothing]\n"))
    assert cli.main(["knowledge", "check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Error: ")
    assert out.rstrip().endswith("errors. Nothing was checked further.")


def test_pack_hides_an_earlier_entry_and_check_says_so(tmp_path: Path) -> None:
    base = write_knowledge(tmp_path / "base")
    workshop = tmp_path / "workshop"
    workshop.mkdir()
    (workshop / "pack.yaml").write_text("hide: [secret-draft]\n")
    knowledge = load_knowledge([base, workshop])
    assert "secret-draft" not in {unit.id for unit in knowledge.units}
    report = check([base, workshop], today=TODAY)
    assert report.notes == [
        f"secret-draft: {base / 'definitions' / 'secret-draft.yaml'} is hidden by "
        f"{workshop / 'pack.yaml'}"]
    (workshop / "pack.yaml").write_text("hide: [no-such-id]\n")
    assert [str(p) for p in check([base, workshop]).errors] == [
        f'{workshop / "pack.yaml"}:1: "hide" names "no-such-id", but no earlier folder has '
        "that id or not-covered topic"]


def test_new_term_then_vet_then_answerable(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k")
    path = write_template("Immigration court", folder, today=TODAY)
    assert path == folder / "definitions" / "immigration-court.yaml"
    with pytest.raises(FileExistsError):
        write_template("Immigration court", folder)
    assert check([folder], today=TODAY).errors == []
    text = path.read_text().replace("  Immigration court is ...", textwrap.indent(
        "An immigration court hears removal cases. The judges work for the Justice "
        "Department, not the regular courts. You do not get a free lawyer there. A case "
        "usually starts with a Notice to Appear.", "  ")).replace(
        "  - title: ...\n    citation: ...", "  - title: Fact sheet\n    citation: item 31")
    path.write_text(text)
    assert vet("immigration-court", "A. Facilitator", [folder], today=TODAY) == path
    vetted = path.read_text()
    assert "status: vetted" in vetted and 'reviewed_by: "A. Facilitator"' in vetted
    assert "reviewed_on: 2026-11-28" in vetted and vetted.startswith("# A definition")
    answer = fake_explainer(folder, tmp_path / "cache").ask("what is an immigration court?")
    assert answer.excerpts[0].id == "immigration-court"


def test_vet_refuses_a_draft_with_problems(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k")
    path = folder / "definitions" / "secret-draft.yaml"
    path.write_text(path.read_text().replace("as_of: 2026-11-28", "as_of: 2020-01-01"))
    with pytest.raises(VetError, match="more than a year old"):
        vet("secret-draft", "Someone", [folder])
    with pytest.raises(VetError, match='no definition has the id "nope"'):
        vet("nope", "Someone", [folder])


PAGE = """<html><head><title>x</title><script>alert('x')</script><style>p{}</style></head>
<body><nav>Home | News</nav><header>Daily Paper</header>
<h1>Sheriff signs 287(g) deal</h1>
<p>The sheriff of Example County signed a 287(g) agreement with ICE on Monday.</p>
<p>Advertisement</p>
<p>Critics said the deal would hurt trust. <b>Supporters</b> disagreed.\x1b[31m</p>
<p>Critics said the deal would hurt trust. <b>Supporters</b> disagreed.\x1b[31m</p>
<footer>All rights reserved 2025</footer></body></html>"""


def test_html_is_cleaned_into_paragraphs() -> None:
    assert paragraphs_of(PAGE, ".html") == [
        "Sheriff signs 287(g) deal",
        "The sheriff of Example County signed a 287(g) agreement with ICE on Monday.",
        "Critics said the deal would hurt trust. Supporters disagreed.",
    ]


def test_add_round_trip_passes_check_and_is_answerable(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_knowledge(tmp_path / "k")
    page = tmp_path / "story.html"
    page.write_text(PAGE)
    args = ["knowledge", "add", str(page), "--to", str(folder), "--title",
            "Example County signs a 287(g) deal", "--date", "2025-06", "--publisher",
            "Daily Paper"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    added = folder / "articles" / "example-county-signs-a-287g-deal.md"
    assert out.startswith(f"Added {added}.")
    assert "Summary: 0 errors" in out
    assert cli.main(args) == 2  # never replaces the file it wrote
    assert "already exists" in capsys.readouterr().err
    answer = fake_explainer(folder, tmp_path / "cache").ask(
        "Which sheriff of Example County signed with ICE on Monday?")
    assert any(e.id.startswith("example-county-signs") for e in answer.excerpts)
