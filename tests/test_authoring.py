"""Authoring: check (errors and warnings with file and line), new-term, vet, add, pack.yaml."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from explainer import cli
from explainer.authoring.add import paragraphs_of
from explainer.authoring.check import check
from explainer.authoring.new_term import short_slug, write_template
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
    # One entry's error does not stop the check of the rest of the pack.
    draft = folder / "definitions" / "secret-draft.yaml"
    assert f"Warning: {draft}:8: this entry is a draft" in out
    assert "Summary: 1 errors, " in out


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
    with pytest.raises(VetError, match='no definition or article has the id "nope"'):
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
    # The headline is left out too: the title is given with --title.
    assert paragraphs_of(PAGE, ".html") == [
        "The sheriff of Example County signed a 287(g) agreement with ICE on Monday.",
        "Critics said the deal would hurt trust. Supporters disagreed.",
    ]


def test_add_writes_a_draft_that_is_answered_only_once_vetted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_knowledge(tmp_path / "k")
    page = tmp_path / "story.html"
    page.write_text(PAGE)
    args = ["knowledge", "add", str(page), "--to", str(folder), "--title",
            "Example County signs a 287(g) deal", "--date", "2025-06", "--publisher",
            "Daily Paper"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    added = folder / "articles" / "example-county-signs-a-287g-deal.md"
    assert out.startswith(f"Added {added} (a draft).")
    assert "Summary: 0 errors, 1 warnings. " in out  # the draft warning, nothing else
    assert "status: draft" in added.read_text()
    assert cli.main(args) == 2  # never replaces the file it wrote
    assert "already exists" in capsys.readouterr().err
    question = "Which sheriff of Example County signed with ICE on Monday?"
    answer = fake_explainer(folder, tmp_path / "cache").ask(question)
    assert not any(e.id.startswith("example-county-signs") for e in answer.excerpts)
    hint = out.splitlines()[-1].strip()  # the printed next step, pasted
    assert hint.endswith("knowledge vet example-county-signs-a-287g-deal")
    assert cli.main([*shlex.split(hint)[1:], "--by", "A. Facilitator"]) == 0
    meta = added.read_text().split("---")[1]
    assert "status: vetted" in meta and 'reviewed_by: "A. Facilitator"' in meta
    assert "# draft until someone checks" in meta  # the comment is kept
    answer = fake_explainer(folder, tmp_path / "cache").ask(question)
    assert any(e.id.startswith("example-county-signs") for e in answer.excerpts)


def test_add_vet_by_vets_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_knowledge(tmp_path / "k")
    page = tmp_path / "story.md"
    page.write_text("The sheriff of Example County signed a deal with ICE on Monday.\n")
    args = ["knowledge", "add", str(page), "--to", str(folder), "--title", "Deal", "--date",
            "2025"]
    assert cli.main([*args, "--vet"]) == 2  # who checked it?
    assert "--by" in capsys.readouterr().err
    assert cli.main([*args, "--vet", "--by", "A. Facilitator"]) == 0
    text = (folder / "articles" / "deal.md").read_text()
    assert "status: vetted" in text and 'reviewed_by: "A. Facilitator"' in text


def test_add_does_not_fail_for_problems_in_other_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_knowledge(tmp_path / "base", dict(DEFINITIONS, ice=DEFINITIONS["ice"].replace(
        "term: ICE", "term: [ICE")))  # broken YAML in someone else's folder
    pack = tmp_path / "pack"
    story = tmp_path / "story.txt"
    story.write_text("The county board met on Tuesday. It heard from the public.\n")
    code = cli.main(["--knowledge", str(base), "--knowledge", str(pack), "knowledge", "add",
                     str(story), "--to", str(pack), "--title", "Board", "--date", "2025"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ice.yaml" not in out and "Not shown" not in out
    assert "Summary: 0 errors" in out


def test_an_untouched_template_cannot_be_vetted(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k")
    path = write_template("public comment", folder, today=TODAY)
    with pytest.raises(VetError) as refused:
        vet("public-comment", "A. Facilitator", [folder], today=TODAY)
    assert "template" in str(refused.value) and 'source 1 still has "..."' in str(refused.value)
    assert "status: draft" in path.read_text()
    # Only the definition filled in: the placeholder sources still stop it.
    path.write_text(path.read_text().replace(
        "  public comment is ...", "  Public comment is a time when anyone may speak."))
    with pytest.raises(VetError, match=re.escape('"..." as its title')):
        vet("public-comment", "A. Facilitator", [folder], today=TODAY)


def test_vet_changes_only_the_review_fields(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k")
    path = folder / "definitions" / "secret-draft.yaml"
    before = ("# A comment the author wrote.\n" + path.read_text().replace(
        "aliases:", "# why these aliases\naliases:")).replace(
        "A draft about zebra crossings that must never be answered from.",
        "A zebra crossing is a road crossing with stripes.")
    path.write_text(before)
    vet("secret-draft", "Ana 'Q' Ruiz", [folder], today=TODAY)
    changed = [(old, new) for old, new in zip(before.splitlines(), path.read_text().splitlines(),
                                              strict=False) if old != new]
    assert changed == [("status: draft", "status: vetted")]
    assert path.read_text().endswith('reviewed_by: "Ana \'Q\' Ruiz"\nreviewed_on: 2026-11-28\n')


def test_check_of_a_pack_reads_it_after_the_bundled_knowledge(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXPLAINER_INCLUDE_BUNDLED", raising=False)
    pack = tmp_path / "pack"
    path = write_template("public comment", pack, today=TODAY)
    path.write_text(path.read_text().replace("related: []", "related: [county-board, detainer]"))
    assert cli.main(["--knowledge", str(pack), "knowledge", "check", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "Error" not in out and str(bundled_knowledge()) not in out
    assert all(line.startswith(("Warning: " + str(pack), "Summary:", "Not shown:"))
               for line in out.splitlines())
    # --all shows the rest too (here the bundled knowledge's own warnings, if any).
    assert cli.main(["--knowledge", str(pack), "knowledge", "check", "--all"]) == 0
    assert "Not shown" not in capsys.readouterr().out


def test_a_conflict_with_an_earlier_folder_names_both_files(tmp_path: Path) -> None:
    base = write_knowledge(tmp_path / "base")
    pack = tmp_path / "pack"
    path = write_template("immigration hold", pack, today=TODAY)  # an alias of base's detainer
    report = check([base, pack], today=TODAY, only=[pack])
    assert [str(p) for p in report.errors] == [
        f'{path}:6: the alias "immigration hold" is also claimed by "detainer" '
        f'({base / "definitions" / "detainer.yaml"}:2)']


def test_status_lists_each_entry_and_why_it_is_not_answered(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_knowledge(tmp_path / "base")
    pack = write_knowledge(tmp_path / "pack", {"ice": DEFINITIONS["ice"],
                                              "secret-draft": DEFINITIONS["secret-draft"]},
                           article=None)
    (pack / "definitions" / "broken.yaml").write_text("term: [unclosed\n")
    (pack / "pack.yaml").write_text("hide: [test-article]\n")
    later = write_knowledge(tmp_path / "later", {"ice": DEFINITIONS["ice"]}, article=None)
    code = cli.main(["--knowledge", str(base), "--knowledge", str(pack), "--knowledge",
                     str(later), "knowledge", "status", str(pack)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == (f"broken (definition, {pack / 'definitions' / 'broken.yaml'}): "
                        "unreadable. Not answered: the file has errors (see knowledge check).")
    assert lines[1] == (f"ice (definition, {pack / 'definitions' / 'ice.yaml'}): not in use. "
                        f"Not answered: replaced by {later / 'definitions' / 'ice.yaml'}.")
    assert lines[2] == (f"secret-draft (definition, {pack / 'definitions' / 'secret-draft.yaml'})"
                        ": draft. Not answered: it is a draft; it is answered only after "
                        "someone checks it and vets it. Facts as of 2026-11-28.")
    assert lines[3].startswith("The index does not hold these files as they are now.")
    assert len(lines) == 4
    assert cli.main(["--knowledge", str(base), "knowledge", "status", str(base)]) == 0
    out = capsys.readouterr().out
    assert (f"ice (definition, {base / 'definitions' / 'ice.yaml'}): vetted by test "
            "maintainers on 2026-11-28. Answered. Facts as of 2026-11-28.") in out


STORY = """By Jane Doe and Ana Ruiz, Staff Writers

Published June 3, 2025

BIRCH LAKE, Minn. —

The sheriff signed the deal on Monday.
It starts in July.

Share this article

By Monday, the county board had asked for a copy. Share this:

The deal ends next year. Copyright 2025 Birch Lake Gazette. All rights reserved.

© 2025 Birch Lake Gazette
"""


def test_text_import_drops_bylines_date_lines_copyright_and_share_lines() -> None:
    assert paragraphs_of(STORY, ".txt") == [
        "BIRCH LAKE, Minn. — The sheriff signed the deal on Monday. It starts in July.",
        "By Monday, the county board had asked for a copy.",
        "The deal ends next year.",
    ]


def test_markdown_import_is_plain_text_with_its_paragraphs() -> None:
    markdown = ("# The **big** vote\n\nThe board *voted* on the [deal](https://example.org) "
                "and `287(g)`\nwent on.\n\n- first point\n- second point\n\n1. one more\n\n"
                "> a quote\n\n<div class=\"ad\">Advertisement</div>\n\n![a photo](p.jpg)\n")
    assert paragraphs_of(markdown, ".md") == [
        "The big vote", "The board voted on the deal and 287(g) went on.", "first point",
        "second point", "one more", "a quote"]


def test_html_import_keeps_the_story_and_drops_the_page_around_it() -> None:
    page = ("<html><body><nav>Home | News | Sports</nav><article>"
            "<p class='byline'>By Mia Chen</p><p>Updated: June 4, 2025</p>"
            "<p>The sheriff of Example County signed a 287(g) agreement with ICE on Monday."
            " <a href='/x'>Read</a> the text.</p><ul><li>Share this:</li><li>Facebook</li>"
            "<li>Email</li></ul><p>Copyright 2025 Daily Paper. All rights reserved.</p>"
            "</article><footer>Contact</footer></body></html>")
    assert paragraphs_of(page, ".html") == [
        "The sheriff of Example County signed a 287(g) agreement with ICE on Monday. Read the "
        "text."]


def test_article_ids_are_cut_between_words() -> None:
    title = ("Birch Lake County commissioners approve a 287(g) agreement with federal "
             "immigration officials")
    assert short_slug(title) == "birch-lake-county-commissioners-approve-a-287g-agreement"
    assert short_slug("short title") == "short-title"
    assert len(short_slug("a" * 80)) == 60  # one long word: nothing better than a cut


def test_html_import_needs_no_network(tmp_path: Path) -> None:
    """trafilatura is given the page's text; importing and using it must open no socket."""
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit('network: ' + repr(args))\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from explainer.authoring.article_text import paragraphs_of\n"
        "page = '<html><body><p>A story about the county jail and ICE.</p>"
        "<img src=\"https://example.org/x.png\"><a href=\"https://example.org\">x</a>"
        "</body></html>'\n"
        "print(paragraphs_of(page, '.html'))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "A story about the county jail and ICE." in done.stdout
