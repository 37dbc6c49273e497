"""The README's authoring section, run word for word in a fresh folder (with the fake encoder),
and the guarantee that these commands never write into the knowledge that comes with explainer.
"""

from __future__ import annotations

import io
import os
import re
import shlex
from pathlib import Path

import pytest

from explainer import cli, resources
from explainer.core import explainer as explainer_module
from explainer.core.encoder import HashingBackend
from explainer.resources import bundled_knowledge
from tests.helpers import DEFINITIONS, write_knowledge

README = Path(__file__).resolve().parent.parent / "README.md"

TXT = """County board hears from the public

By Jane Doe, Staff Writer

BIRCH LAKE, Minn. —

The county board heard from more than forty people about the jail's deal with ICE on Tuesday.
Most speakers asked the board to end it.

Share this article

The board did not vote. It will talk about the deal again in July.

Copyright 2025 Birch Lake Gazette. All rights reserved.
"""

MARKDOWN = """# What the sheriff said

**By Ana Ruiz**

The sheriff said the deal lets deputies check a person's status in the jail. She said
deputies would **not** ask about status on the street.

- Deputies get four weeks of training.
- ICE checks their work.

Read the [whole agreement](https://example.org/agreement) on the county's site.
"""

HTML = """<html><head><title>Daily Paper</title><script>track()</script></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Birch Lake County signs a 287(g) agreement</h1>
<p class="byline">By Mia Chen</p>
<p>Published June 3, 2025</p>
<p>BIRCH LAKE, Minn. - The sheriff of Birch Lake County signed a 287(g) agreement with ICE on
Monday. It lets trained deputies do some immigration work in the jail.</p>
<ul class="share"><li>Share this:</li><li><a href="#">Facebook</a></li></ul>
<p>Critics said the deal would hurt trust in the county. Supporters said it would help.</p>
<p>Copyright 2025 Daily Paper. All rights reserved.</p>
</article><footer>Contact us</footer></body></html>
"""

DEFINITION = (
    "Public comment is a time at a public meeting when anyone may speak. You can tell the "
    "board what you think. Each speaker usually gets two or three minutes.")


COUNTY_BOARD = """
    term: county board
    definition: >-
      The county board is the group of elected people who run a county.
    sources:
      - title: Minnesota Statutes, chapter 375
        citation: Minn. Stat. 375
    as_of: 2026-11-28
    status: vetted
    reviewed_by: test maintainers
    reviewed_on: 2026-11-28
    language: en
"""


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """explainer as a wheel installs it: the bundled knowledge inside the package folder.

    It holds the small test knowledge (so the fake encoder builds in seconds) and a bundled
    term, county-board, for a workshop definition to link to.
    """
    package = tmp_path / "site-packages" / "explainer"
    write_knowledge(package / "_bundled" / "knowledge",
                    dict(DEFINITIONS, **{"county-board": COUNTY_BOARD}))
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert bundled_knowledge() == package / "_bundled" / "knowledge"
    monkeypatch.setattr(explainer_module, "MiniLMBackend", HashingBackend)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    for name in ("EXPLAINER_CACHE_DIR", "EXPLAINER_KNOWLEDGE", "EXPLAINER_INCLUDE_BUNDLED",
                 "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # a write to a user folder lands here
    return package


def readme_commands() -> list[str]:
    """The command lines of the first shell block in the README's authoring section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Adding and checking knowledge (workshops)", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def fill_in(template: Path) -> None:
    """What the facilitator does in an editor: their own words, their sources, people's asks."""
    text = template.read_text(encoding="utf-8")
    text = text.replace("  public comment is ...", f"  {DEFINITION}")
    text = text.replace("asks: []", "asks:\n  - can I talk at the county board meeting")
    text = text.replace("  - title: ...\n    citation: ...",
                        "  - title: Birch Lake County Board rules\n"
                        "    citation: Rule 4, public comment")
    text = text.replace("related: []", "related: [county-board]")  # a bundled term
    template.write_text(text, encoding="utf-8")


def files_under(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def run(line: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """One shell line as a shell would run it: `export NAME=value` or an explainer command."""
    words = [os.path.expandvars(word) for word in shlex.split(line, comments=True)]
    if words[0] == "export":
        name, value = words[1].split("=", 1)
        monkeypatch.setenv(name, value)
        return 0, ""
    assert words[0] == "explainer", line
    code = cli.main(words[1:])
    out, err = capsys.readouterr()
    assert code == 0, f"{line}\n{out}{err}"
    return code, out


def test_the_readme_authoring_section_works_word_for_word(
        installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("PWD", str(work))
    (work / "story.txt").write_text(TXT, encoding="utf-8")
    (work / "story.md").write_text(MARKDOWN, encoding="utf-8")
    (work / "story.html").write_text(HTML, encoding="utf-8")
    package_before = files_under(installed)
    outputs: list[str] = []
    for line in readme_commands():
        _, out = run(line, capsys, monkeypatch)
        outputs.append(out)
        if "new-term" in line:
            fill_in(work / "my-knowledge" / "definitions" / "public-comment.yaml")
    status = next(out for line, out in zip(readme_commands(), outputs, strict=True)
                  if "knowledge status" in line)
    assert "public-comment (definition" in status and "vetted by A. Facilitator" in status
    assert re.search(r"what-the-sheriff-said \(article, [^)]*\): vetted\. Answered", status)
    assert re.search(r"birch-lake-county-signs-a-287g-agreement \(article, [^)]*\): draft\. "
                     r"Not answered: it is a draft", status)
    assert DEFINITION in " ".join(outputs[-1].split())  # the answer quotes the definition
    articles = work / "my-knowledge" / "articles"
    stories = "\n".join(path.read_text(encoding="utf-8") for path in articles.glob("*.md"))
    for furniture in ("Jane Doe", "Ana Ruiz", "Mia Chen", "Copyright", "Share this",
                      "Facebook", "Published June", "**", "](", "- Deputies", "Home |"):
        assert furniture not in stories
    assert "BIRCH LAKE, Minn. — The county board heard" in stories  # the dateline joined
    assert "BIRCH LAKE, Minn. - The sheriff of Birch Lake County signed" in stories
    assert "Deputies get four weeks of training." in stories
    assert "Read the whole agreement on the county's site." in stories
    # Nothing written outside the folder: not the bundled knowledge, not a user folder.
    assert files_under(installed) == package_before
    assert not (tmp_path / "home").exists()
    written = {path.relative_to(work).parts[0] for path in work.rglob("*") if path.is_file()}
    assert written == {"story.txt", "story.md", "story.html", "my-knowledge", "cache"}


def cli_run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_an_installed_package_is_never_written_to(
        installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = installed / "_bundled" / "knowledge"
    (tmp_path / "story.txt").write_text(TXT, encoding="utf-8")
    before = files_under(installed)
    add = ["knowledge", "add", "story.txt", "--title", "A story", "--date", "2025"]
    refused = [
        ["knowledge", "new-term", "public comment"],  # no folder of one's own: where?
        ["knowledge", "new-term", "public comment", "--to", str(bundled)],
        ["knowledge", "new-term", "public comment", "--to", str(installed / "mine")],
        [*add, "--to", str(bundled)],
        [*add],
    ]
    for args in refused:
        code, _, err = cli_run(args, capsys)
        assert code == 2 and "explainer:" in err, args
    # Naming the bundled folder itself as one's own, with the bundled knowledge turned off.
    monkeypatch.setenv("EXPLAINER_INCLUDE_BUNDLED", "false")
    code, _, err = cli_run(["--knowledge", str(bundled), *add], capsys)
    assert code == 2 and "comes with explainer" in err
    monkeypatch.delenv("EXPLAINER_INCLUDE_BUNDLED")
    # A bundled draft can be checked but not vetted in place.
    code, _, err = cli_run(["knowledge", "vet", "secret-draft", "--by", "Someone"], capsys)
    assert code == 1 and "comes with explainer" in err
    assert files_under(installed) == before


def test_with_one_folder_of_ones_own_the_commands_write_there(
        installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXPLAINER_KNOWLEDGE", "pack")
    code, out, _ = cli_run(["knowledge", "new-term", "public comment"], capsys)
    assert code == 0 and (tmp_path / "pack" / "definitions" / "public-comment.yaml").is_file()
    # The printed next step works when pasted (EXPLAINER_KNOWLEDGE is still set).
    hint = out.splitlines()[-1].strip()
    assert hint == "explainer knowledge check pack"
    assert cli.main(shlex.split(hint)[1:]) == 0
    assert "public-comment.yaml" in capsys.readouterr().out
    monkeypatch.delenv("EXPLAINER_KNOWLEDGE")
    # Two folders: which one is not guessed.
    code, _, err = cli_run(["--knowledge", "pack", "--knowledge", "other", "knowledge",
                            "new-term", "detainer"], capsys)
    assert code == 2 and "--to" in err and not (tmp_path / "other").exists()
    # --to a folder not in use: the hints add it, so the pasted command sees the new file.
    code, out, _ = cli_run(["knowledge", "new-term", "town hall", "--to", "my pack"], capsys)
    hint = out.splitlines()[-1].strip()
    assert hint == "explainer --knowledge 'my pack' knowledge check 'my pack'"
    assert cli.main(shlex.split(hint)[1:]) == 0
    assert "my pack/definitions/town-hall.yaml" in capsys.readouterr().out
