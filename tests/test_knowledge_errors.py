"""Broken knowledge files: each gives a clear message with file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from explainer.core.knowledge import KnowledgeError, load_knowledge
from tests.helpers import ARTICLE, DEFINITIONS, write_knowledge


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge([folder])
    return [str(problem) for problem in caught.value.problems]


def with_detainer(tmp_path: Path, detainer: str) -> tuple[Path, Path]:
    definitions = dict(DEFINITIONS, detainer=detainer)
    folder = write_knowledge(tmp_path / "k", definitions)
    return folder, folder / "definitions" / "detainer.yaml"


def test_unknown_field_names_the_line(tmp_path: Path) -> None:
    folder, path = with_detainer(tmp_path, DEFINITIONS["detainer"].replace(
        "        language: en", "        langauge: en"))
    assert problems_for(folder) == [
        f'{path}:1: field "language": this field is missing',
        f'{path}:15: field "langauge": this field is not allowed (check the spelling)']


def test_missing_field(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("        as_of: 2026-11-28\n", "")
    folder, path = with_detainer(tmp_path, text)
    assert problems_for(folder) == [f'{path}:1: field "as_of": this field is missing']


def test_bad_date_points_at_its_line(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("as_of: 2026-11-28", "as_of: 2026-13-45")
    folder, path = with_detainer(tmp_path, text)
    [problem] = problems_for(folder)
    assert problem.startswith(f'{path}:9: field "as_of": Input should be a valid date')


def test_source_without_citation_or_url(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("            citation: 8 C.F.R. §287.7(a)\n", "")
    folder, path = with_detainer(tmp_path, text)
    assert problems_for(folder) == [
        f'{path}:7: field "sources.0": Value error, a source needs a citation or a url']


def test_definition_without_sources(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace(
        "        sources:\n          - title: Form I-247A guidance\n"
        "            citation: 8 C.F.R. §287.7(a)\n", "        sources: []\n")
    folder, path = with_detainer(tmp_path, text)
    [problem] = problems_for(folder)
    assert problem.startswith(f'{path}:6: field "sources": List should have at least 1 item')


def test_vetted_without_reviewer(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("        reviewed_by: test maintainers\n", "")
    folder, path = with_detainer(tmp_path, text)
    [problem] = problems_for(folder)
    assert problem == (f'{path}:1: field "file": Value error, '
                       "a vetted definition needs reviewed_by and reviewed_on")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    folder, path = with_detainer(tmp_path, "term: detainer\naliases: [ICE hold\ndefinition: x\n")
    [problem] = problems_for(folder)
    assert problem.startswith(f"{path}:3: the YAML is not valid")


def test_duplicate_field(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("        language: en", "        language: en\n"
                                           "        term: again")
    folder, path = with_detainer(tmp_path, text)
    assert problems_for(folder) == [f'{path}:16: the field "term" appears twice']


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    folder, path = with_detainer(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert problems_for(folder) == [
        f"{path}:1: YAML anchors and aliases (& and *) are not allowed"]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    folder, path = with_detainer(tmp_path, "a: " + "[" * 50 + "]" * 50 + "\n")
    [problem] = problems_for(folder)
    assert problem == f"{path}:1: the YAML is nested more than 12 levels deep"


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    folder, path = with_detainer(tmp_path, "term: detainer\n")
    path.write_bytes(b"term: detainer\naliases: []\ndefinition: caf\xe9\n")
    assert problems_for(folder) == [
        f"{path}:3: the file is not valid UTF-8 text; save it as UTF-8"]


def test_file_name_must_be_an_id(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k")
    bad = folder / "definitions" / "Bad Name.yaml"
    bad.write_text(textwrap.dedent(DEFINITIONS["ice"]), encoding="utf-8")
    assert problems_for(folder) == [
        f"{bad}:1: the file name must be an id: lowercase letters, digits and single hyphens"]


def test_unknown_related_id(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("related: [287g-agreement]", "related: [nothing]")
    folder, path = with_detainer(tmp_path, text)
    assert problems_for(folder) == [
        f'{path}:13: "related" names "nothing", but no definition has that id']


def test_alias_claimed_by_two_terms(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace('"I-247A"]', '"I-247A", "La Migra"]')
    folder, path = with_detainer(tmp_path, text)
    ice = folder / "definitions" / "ice.yaml"
    assert problems_for(folder) == [
        f'{ice}:2: the alias "la migra" is also claimed by "detainer" ({path}:2)']


def test_article_note_for_a_missing_paragraph(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k", article=ARTICLE.replace("  2:\n", "  9:\n"))
    path = folder / "articles" / "test-article.md"
    assert problems_for(folder) == [
        f"{path}:10: there is a note for paragraph 9, but the article has 3 paragraphs"]


def test_article_without_front_matter(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k", article="Just text.\n")
    path = folder / "articles" / "test-article.md"
    assert problems_for(folder) == [
        f"{path}:1: an article must start with front matter between two `---` lines"]


def test_article_id_must_match_file(tmp_path: Path) -> None:
    folder = write_knowledge(tmp_path / "k", article=ARTICLE.replace("id: test-article",
                                                                     "id: other"))
    path = folder / "articles" / "test-article.md"
    assert problems_for(folder) == [f"{path}:2: the id must equal the file name"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    definitions = dict(DEFINITIONS)
    definitions["detainer"] = definitions["detainer"].replace("term:", "termm:")
    definitions["ice"] = definitions["ice"].replace("status: vetted", "status: maybe")
    folder = write_knowledge(tmp_path / "k", definitions)
    assert len(problems_for(folder)) >= 2


def test_later_folder_replaces_an_entry_by_id(tmp_path: Path) -> None:
    base = write_knowledge(tmp_path / "base")
    override = tmp_path / "workshop"
    (override / "definitions").mkdir(parents=True)
    (override / "definitions" / "ice.yaml").write_text(
        textwrap.dedent(DEFINITIONS["ice"]).replace("the federal agency", "a federal agency"),
        encoding="utf-8")
    knowledge = load_knowledge([base, override])
    ice = [u for u in knowledge.units if u.id == "ice"]
    assert len(ice) == 1 and ice[0].text.startswith("ICE is a federal agency")
    assert ice[0].file == str(override / "definitions" / "ice.yaml")
    assert knowledge.replaced == [
        f"ice: {base / 'definitions' / 'ice.yaml'} is replaced by {ice[0].file}"]


def test_control_characters_in_knowledge_are_removed(tmp_path: Path) -> None:
    text = DEFINITIONS["ice"].replace("enforces immigration", "enforces \\e[31mimmigration")
    text = text.replace("definition: >-", 'definition: "ICE \\e]0;owned\\a is \\x9b\\u202e here"'
                        "\n        old: >-")
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, ice=text.replace(
        "\n        old: >-\n          ICE is the federal agency that enforces \\e[31mimmigration"
        " law inside the country.", "")))
    knowledge = load_knowledge([folder])
    ice = next(u for u in knowledge.units if u.id == "ice")
    assert ice.text == "ICE  is  here"


def test_huge_file_is_refused_with_a_message(tmp_path: Path) -> None:
    folder, path = with_detainer(tmp_path, "term: detainer\n")
    path.write_text("term: detainer\nnote: " + "x" * 2_100_000 + "\n")
    assert problems_for(folder) == [f"{path}:1: the file is larger than 2 MB"]


def test_problem_reports_carry_no_escape_codes_from_the_file(tmp_path: Path) -> None:
    text = DEFINITIONS["detainer"].replace("        language: en",
                                           '        language: en\n        "\\e]0;owned\\a": x')
    folder, path = with_detainer(tmp_path, text)
    [problem] = problems_for(folder)
    assert "\x1b" not in problem and "\x07" not in problem
    assert problem == (f'{path}:16: field "": this field is not allowed '
                       "(check the spelling)")
