"""How fixed text is worded and read: the one answer renderer, plural rules for counts, the
kiosk line-mode splash."""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path

import pytest

import explainer as explainer_package
from explainer.catalog import CATALOG, message
from explainer.core.explainer import Explainer
from explainer.core.messages import use_language
from explainer.core.models import Answer, Excerpt
from explainer.handout import handout_html, handout_markdown, md
from explainer.kiosk_pin import PinGuard
from explainer.line_mode import Kiosk, LineMode
from explainer.plain_text import definition_text
from explainer.render import Line, out_of_date, render, render_definition, render_excerpt

KEYS_WITH_SECONDS = ["countdown", "pin_wait", "line_idle", "line_pin_wait"]


@pytest.mark.parametrize(("language", "word"), [("en", "second"), ("es", "segundo")])
@pytest.mark.parametrize("key", KEYS_WITH_SECONDS)
def test_one_second_is_singular(key: str, language: str, word: str) -> None:
    text = message(key, language, seconds=1)
    assert f"1 {word}" in text
    assert f"1 {word}s" not in text
    assert f"30 {word}s" in message(key, language, seconds=30)


def test_every_count_of_seconds_goes_through_the_plural_rule() -> None:
    # A template that wrote the unit itself ("{seconds} seconds") would say "1 seconds" again.
    for table in CATALOG.values():
        for key, text in table.items():
            assert "{seconds}" not in text, key


def test_plain_kiosk_splash_waits_for_enter() -> None:
    stdin, out = io.StringIO("\nwhat is ICE?\n"), io.StringIO()
    session = LineMode(None, stdin, out, Kiosk(PinGuard.__new__(PinGuard), 60, 20))  # type: ignore[arg-type]
    session.interactive = True  # a patron at a terminal
    session._splash()
    assert out.getvalue().rstrip().endswith("Press Enter to start.")
    assert stdin.readline() == "what is ICE?\n"  # the splash took the Enter, and only that


def test_a_question_typed_at_the_splash_is_kept() -> None:
    stdin, out = io.StringIO("what is ICE?\n"), io.StringIO()
    session = LineMode(None, stdin, out, Kiosk(PinGuard.__new__(PinGuard), 60, 20))  # type: ignore[arg-type]
    session.interactive = True
    session._splash()
    assert session._next_line() == "what is ICE?\n"


# The one answer renderer ------------------------------------------------------------------

EXCERPT_TEXT_FIELDS = {"text", "title", "source", "note", "as_of", "location", "language"}


def _excerpt_text_reads(tree: ast.AST) -> list[int]:
    """Lines where an excerpt's words are read: `excerpt.text`, or `e.note` for `e` bound by a
    loop over `answer.excerpts`."""
    loop_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.comprehension) and isinstance(node.iter, ast.Attribute) \
                and node.iter.attr == "excerpts" and isinstance(node.target, ast.Name):
            loop_names.add(node.target.id)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in EXCERPT_TEXT_FIELDS \
                and isinstance(node.value, ast.Name) \
                and ("excerpt" in node.value.id or node.value.id in loop_names):
            found.append(node.lineno)
    return sorted(found)


def test_the_probe_finds_a_front_end_that_builds_text_from_excerpts() -> None:
    old_style = ("for excerpt in answer.excerpts:\n    lines.append(excerpt.text)\n"
                 "dates = [e.as_of for e in answer.excerpts]\n")
    assert _excerpt_text_reads(ast.parse(old_style)) == [2, 3]


def test_the_renderer_is_the_only_place_an_answer_becomes_text() -> None:
    """Front ends (app card, line mode, ask, read-aloud, handouts) format the renderer's lines;
    none reads an excerpt's words itself. The core builds excerpts; it does not render them."""
    package = Path(explainer_package.__file__).parent
    offenders = {}
    for path in package.rglob("*.py"):
        relative = path.relative_to(package).as_posix()
        if relative == "render.py" or relative.startswith("core/"):
            continue
        lines = _excerpt_text_reads(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            offenders[relative] = lines
    assert offenders == {}


EN_MESSAGE = "Here is what the checked sources say. This is information, not legal advice."
TODAY = dt.date(2026, 12, 3)


def _excerpt(**changes: object) -> Excerpt:
    fields: dict[str, object] = {
        "id": "a#p4", "kind": "article", "title": "Sheriffs sign", "text": "Five signed.",
        "start": 0, "end": 12, "location": "paragraph 4", "as_of": "2025-04", "language": "en",
        "source": "Sheriffs sign; publisher: unknown; reporting from Sahan Journal; 2025-04 "
                  "(approximate date)",
        "note": "As of 2026-11-28: The opinion is advice.", "score": 0.5}
    fields.update(changes)
    return Excerpt.model_validate(fields)


def _answer(*excerpts: Excerpt, message: str = EN_MESSAGE) -> Answer:
    return Answer(question="q", status="answered", reason=None, message=message, see=[],
                  excerpts=list(excerpts))




def test_facts_are_dated_and_old_facts_say_they_may_be_out_of_date() -> None:
    fresh = render_excerpt(_excerpt(as_of="2026-11-28"), 1, 2, TODAY)
    old = render_excerpt(_excerpt(as_of="2025-04"), 2, 2, TODAY)
    assert [line.text for line in fresh.lines if line.kind in ("date", "stale")] == [
        "Facts as of 2026-11-28."]
    assert [line.text for line in old.lines if line.kind in ("date", "stale")] == [
        "Facts as of 2025-04.", "This may be out of date."]


@pytest.mark.parametrize(("as_of", "stale"), [
    ("2025-12-03", False), ("2025-12-02", True), ("2025-12", False), ("2025-11", True),
    ("2025", False), ("2024", True), ("not a date", False)])
def test_out_of_date_means_more_than_a_year_before_today(as_of: str, stale: bool) -> None:
    # A partial date counts from its last day: "2025" may mean 31 December 2025.
    assert out_of_date(as_of, TODAY) is stale


def test_spanish_excerpt_lines_are_in_spanish_and_say_the_excerpt_is_in_english() -> None:
    use_language("es")
    block = render_excerpt(_excerpt(), 1, 1, TODAY)
    texts = [line.text for line in block.lines]
    assert texts == [
        "De: Sheriffs sign, párrafo 4",
        "Este fragmento está en inglés.",  # before the quote
        "Five signed.",
        "Nota de quienes mantienen explainer: Datos de 2026-11-28: The opinion is advice.",
        "Fuente: Sheriffs sign; editorial: desconocida; con información de Sahan Journal; "
        "2025-04 (fecha aproximada)",
        "Datos de 2025-04.",
        "Puede que esto ya no esté al día.",
    ]
    assert block.counter == "Fragmento 1 de 1"


def test_an_excerpt_in_the_interface_language_gets_no_language_line() -> None:
    block = render_excerpt(_excerpt(), 1, 1, TODAY)
    assert block.line("language") is None
    assert block.line("quote") == Line("quote", value="Five signed.", language="en")


def test_the_quote_is_the_excerpt_word_for_word() -> None:
    text = "[b]bold[/b] \u201cquoted\u201d \\ *x*"
    block = render_excerpt(_excerpt(text=text, end=len(text)), 1, 1, TODAY)
    quote = block.line("quote")
    assert quote is not None and quote.value == text and quote.text == text


def test_the_disclaimer_is_said_once_at_the_end() -> None:
    rendered = render(_answer(_excerpt()))
    assert rendered.message.text == "Here is what the checked sources say."
    assert [line.text for line in rendered.closing] == ["This is information, not legal advice."]


def test_an_answer_of_several_excerpts_ends_with_their_dates() -> None:
    rendered = render(_answer(_excerpt(as_of="2026-11-28"), _excerpt(), _excerpt()))
    assert [line.text for line in rendered.closing] == [
        "This is information, not legal advice.", "Facts as of 2026-11-28, 2025-04."]


def test_a_definition_not_in_the_interface_language_is_announced_first(
        explainer: Explainer) -> None:
    use_language("es")
    unit = next(u for u in explainer.glossary() if u.id == "detainer")
    kinds = [line.kind for line in render_definition(unit)]
    assert kinds[:3] == ["heading", "language", "quote"]
    text = definition_text(unit)
    assert "Este fragmento está en inglés.\n  A detainer is" in text


# Handouts ----------------------------------------------------------------------------------

def test_markdown_keeps_ordinary_punctuation_as_written() -> None:
    plain = "Form I-247A (8 C.F.R. §287.7(a)). Yes! 48 hours; 5 counties - maybe: \"why?\""
    assert md(plain) == plain


def test_markdown_escapes_everything_that_could_become_markup() -> None:
    hostile = "# h\n1. one\n- item\n> quote\n[a](b) ![i](j) <b> *e* _u_ `c` &amp; | ~~s~~"
    assert md(hostile) == ("\\# h\n1\\. one\n\\- item\n\\> quote\n\\[a\\](b) !\\[i\\](j) "
                           "\\<b\\> \\*e\\* \\_u\\_ \\`c\\` \\&amp; \\| \\~\\~s\\~\\~")


def test_handouts_mark_each_quote_with_its_own_language(explainer: Explainer) -> None:
    use_language("es")
    # A definition and an article passage, both in English.
    asked = [explainer.ask("¿Qué dijo el sheriff sobre el acuerdo 287(g)?")]
    assert {excerpt.kind for excerpt in asked[0].excerpts} == {"definition", "article"}
    legal = explainer.legal_help()
    made = dt.datetime(2026, 11, 28, 14, 5)
    markdown = handout_markdown(asked, legal, made)
    english = sum(excerpt.language == "en" for excerpt in asked[0].excerpts)
    assert english >= 1
    assert markdown.count("Idioma: inglés\n\n> ") == english  # each excerpt, before its quote
    assert "## Free legal help in Minnesota\n\nIdioma: inglés" in markdown
    assert "párrafo 1" in markdown and "editorial: desconocida" in markdown
    page = handout_html(asked, legal, made, "es")
    assert page.count('<blockquote lang="en">') == 2
    assert '<div lang="en">' in page
