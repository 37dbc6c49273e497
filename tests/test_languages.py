"""Languages: the message catalog in every offered language, and Spanish entries quoted in
their English originals' place for a Spanish reader."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import string
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from explainer import cli
from explainer.authoring.check import check
from explainer.authoring.readability import MIN_SPANISH_EASE, fernandez_huerta, syllables
from explainer.commands.evaluate import outcomes_for
from explainer.core.encoder import HashingBackend
from explainer.core.evaluation import EvalQuestion
from explainer.core.explainer import Explainer
from explainer.core.knowledge import KnowledgeError, load_knowledge
from explainer.core.messages import CATALOG, EN, REVIEWED, offered_languages, use_language
from explainer.core.models import Answer, DefinitionUnit
from explainer.line_mode import LineMode
from explainer.resources import bundled_knowledge
from explainer.ui.app import ExplainerApp
from explainer.ui.widgets.answer_card import AnswerCard
from tests.helpers import (
    DEFINITIONS,
    fake_explainer,
    settings_for,
    translation,
    write_knowledge,
)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(CATALOG))
def test_every_key_exists_in_every_language_with_the_same_fields(language: str) -> None:
    table = CATALOG[language]
    assert set(table) == set(EN)
    for key, text in table.items():
        assert fields(text) == fields(EN[key]), key
        assert text.strip(), key


def test_only_reviewed_catalogs_are_offered() -> None:
    assert offered_languages() == [lang for lang, ok in REVIEWED.items() if ok]
    assert use_language("so") == "en"  # an unreviewed or unknown language falls back


def test_answers_carry_spanish_messages(explainer: Explainer) -> None:
    use_language("es")
    explainer.settings.lang = "es"
    answer = explainer.ask("How do I bake bread?")
    assert answer.message.startswith("No tengo una respuesta revisada")


async def test_app_in_spanish(knowledge: Path, tmp_path: Path) -> None:
    use_language("es")
    settings = settings_for(knowledge, tmp_path / "cache").model_copy(update={"lang": "es"})
    app = ExplainerApp(settings, lambda s: Explainer(s, HashingBackend()))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        assert app.query_one("#question", Input).placeholder == "Escriba su pregunta y pulse Enter"
        keys = {binding.description for binding in app._bindings.key_to_bindings["f2"]}
        assert keys == {"Glosario"}
        app.query_one("#question", Input).value = "¿Qué es un acuerdo 287(g)?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        card = app.query_one(AnswerCard)
        texts = [str(s.render()) for s in card.query(Static)]
        assert texts[0] == "Explainer" and "Es información, no asesoría legal." in texts
        assert card.answer.excerpts[0].id == "287g-agreement"
        # Said before the quote, in Spanish: the excerpt itself stays in English.
        notice = texts.index("Este fragmento está en inglés.")
        assert texts[notice + 1].startswith("A 287(g) agreement is"), "|".join(texts)


def test_line_mode_in_spanish_with_spanish_commands(explainer: Explainer) -> None:
    use_language("es")
    out = io.StringIO()
    LineMode(explainer, io.StringIO("ayuda\ndefinir detainer\nsalir\n"), out).run()
    text = out.getvalue()
    assert "Comandos: ayuda, glosario" in text
    assert "Definición: detainer." in text
    assert text.rstrip().endswith("Adiós.")


def test_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "xx", "ask", "hola"]) == 2
    assert "not offered" in capsys.readouterr().err


def test_no_user_text_left_outside_the_catalog() -> None:
    """Front-end modules quote no sentence of their own: their words come from the catalog."""
    root = Path(__file__).resolve().parents[1] / "explainer"
    files = [*(root / "ui").rglob("*.py"), root / "line_mode.py", root / "plain_text.py"]
    sentence = re.compile(r'(?<![\\w"])"([A-Z][a-z]+(?: [a-z]+){3,}[.?!])"')
    offenders = [f"{path.name}: {match}" for path in files
                 for match in sentence.findall(path.read_text(encoding="utf-8"))]
    assert offenders == []


# Spanish entries -----------------------------------------------------------------------------

SPANISH = {
    "287g-agreement.es": translation(
        "287g-agreement", "Acuerdo 287(g)", ["acuerdo 287(g)", "convenio 287(g)"],
        "Un acuerdo 287(g) es un trato por escrito entre ICE y una agencia local. Permite que "
        "agentes locales entrenados hagan algunas tareas de inmigración."),
    "if-this-is-happening-now.es": translation(
        "if-this-is-happening-now", "Si esto está pasando ahora", ["la migra está en mi puerta"],
        "Si hay agentes en su puerta, no tiene que abrir, a menos que le muestren una orden "
        "firmada por un juez."),
    "legal-help.es": translation(
        "legal-help", "Ayuda legal gratis en Minnesota", ["abogado gratis"],
        "Algunos grupos que dan ayuda legal gratis:\n- el Immigrant Law Center of Minnesota\n"
        "- The Advocates for Human Rights"),
}


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    return write_knowledge(tmp_path / "bilingual", dict(DEFINITIONS, **SPANISH))


def engine(folder: Path, cache: Path, lang: str = "en") -> Explainer:
    found = fake_explainer(folder, cache)
    found.settings.lang = lang
    return found


def quoted_word_for_word(explainer: Explainer, answer: Answer) -> None:
    ids = [excerpt.id for excerpt in answer.excerpts]
    assert len({explainer.entry_of(i) for i in ids}) == len(ids), ids  # no entry twice
    for excerpt in answer.excerpts:
        unit = explainer.unit(excerpt.id)
        assert unit is not None and excerpt.text == unit.text[excerpt.start : excerpt.end]
        assert excerpt.language == unit.language


def test_a_spanish_question_is_answered_from_the_spanish_entry(bilingual: Path,
                                                                tmp_path: Path) -> None:
    explainer = engine(bilingual, tmp_path / "cache")
    answer = explainer.ask("¿Qué es un acuerdo 287(g)?")
    assert answer.excerpts[0].id == "287g-agreement.es"
    assert answer.excerpts[0].language == "es"
    assert answer.excerpts[0].title == "Acuerdo 287(g)"
    quoted_word_for_word(explainer, answer)


def test_lang_es_quotes_each_slot_in_spanish_where_a_translation_exists(
        bilingual: Path, tmp_path: Path) -> None:
    question = "what is a 287(g) agreement and what is a detainer"
    english = engine(bilingual, tmp_path / "en").ask(question)
    spanish_engine = engine(bilingual, tmp_path / "es", lang="es")
    spanish = spanish_engine.ask(question)
    assert english.excerpts[0].id == "287g-agreement"
    # The same slots in the same order; only a translated entry changes language.
    assert [spanish_engine.entry_of(e.id) for e in spanish.excerpts] == [
        e.id for e in english.excerpts]
    assert spanish.excerpts[0].id == "287g-agreement.es"
    assert all(e.language == "en" for e in spanish.excerpts if e.id == "detainer")
    quoted_word_for_word(spanish_engine, spanish)


def test_la_migra_at_the_door_gets_the_spanish_urgent_card_first(bilingual: Path,
                                                                  tmp_path: Path) -> None:
    explainer = engine(bilingual, tmp_path / "cache")
    answer = explainer.ask("la migra está en mi puerta")
    assert answer.excerpts[0].id == "if-this-is-happening-now.es"
    assert "if-this-is-happening-now" in answer.see  # `see` keeps naming the entry
    quoted_word_for_word(explainer, answer)


def test_a_personal_spanish_question_ends_with_spanish_legal_help(bilingual: Path,
                                                                   tmp_path: Path) -> None:
    explainer = engine(bilingual, tmp_path / "cache")
    answer = explainer.ask("¿puedo tener un acuerdo 287(g) con mi abogado gratis?")
    assert answer.excerpts[-1].id == "legal-help.es"
    quoted_word_for_word(explainer, answer)


def test_an_english_question_in_english_is_quoted_in_english(bilingual: Path,
                                                             tmp_path: Path) -> None:
    answer = engine(bilingual, tmp_path / "cache").ask("what is a 287(g) agreement?")
    assert answer.excerpts[0].id == "287g-agreement"
    assert all(e.language == "en" for e in answer.excerpts)


def test_a_translation_is_never_a_search_hit_of_its_own(bilingual: Path, tmp_path: Path) -> None:
    explainer = engine(bilingual, tmp_path / "cache")
    for question in ["Un acuerdo 287(g) es un trato por escrito entre ICE y una agencia local",
                     "Algunos grupos que dan ayuda legal gratis", "la migra está en mi puerta"]:
        ranked = explainer.baseline_ids(question, "fused-order")
        assert ranked and not [i for i in ranked if "." in i], ranked
        quoted_word_for_word(explainer, explainer.ask(question))


def test_the_json_contract_is_kept_for_a_spanish_excerpt(bilingual: Path, tmp_path: Path) -> None:
    answer = engine(bilingual, tmp_path / "cache").ask("¿Qué es un acuerdo 287(g)?")
    english = engine(bilingual, tmp_path / "en").ask("what is a 287(g) agreement?")
    payload = answer.model_dump(mode="json")
    assert set(payload) == set(english.model_dump(mode="json"))
    assert set(payload["excerpts"][0]) == set(english.model_dump(mode="json")["excerpts"][0])
    assert payload["excerpts"][0]["language"] == "es"


def test_eval_counts_a_spanish_excerpt_as_the_entry_it_translates(bilingual: Path,
                                                                  tmp_path: Path) -> None:
    explainer = engine(bilingual, tmp_path / "cache")
    question = EvalQuestion(question="¿Qué es un acuerdo 287(g)?", expected=["287g-agreement"],
                            category="es")
    assert outcomes_for(explainer, [question])[0].ids[0] == "287g-agreement"


def test_the_spanish_glossary_lists_spanish_terms(bilingual: Path, tmp_path: Path) -> None:
    explainer = engine(bilingual, tmp_path / "cache")
    english = [unit.term for unit in explainer.glossary()]
    spanish = [unit.term for unit in explainer.glossary("es")]
    assert "287(g) agreement" in english and "Acuerdo 287(g)" not in english
    assert "Acuerdo 287(g)" in spanish and "287(g) agreement" not in spanish
    assert "ICE" in spanish  # a term with no translation stays listed
    assert len(spanish) == len(english)
    use_language("es")
    out = io.StringIO()
    LineMode(explainer, io.StringIO("glosario\nsalir\n"), out).run()
    assert "Acuerdo 287(g)" in out.getvalue() and "287(g) agreement" not in out.getvalue()


async def test_f3_in_spanish_opens_the_spanish_urgent_card(bilingual: Path,
                                                            tmp_path: Path) -> None:
    use_language("es")
    settings = settings_for(bilingual, tmp_path / "cache").model_copy(update={"lang": "es"})
    app = ExplainerApp(settings, lambda s: Explainer(s, HashingBackend()))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f3")
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Si hay agentes en su puerta" in texts, texts


def test_spanish_line_mode_names_see_also_entries_in_spanish(bilingual: Path,
                                                               tmp_path: Path) -> None:
    use_language("es")
    explainer = engine(bilingual, tmp_path / "cache", lang="es")
    out = io.StringIO()
    LineMode(explainer, io.StringIO("la migra está en mi puerta\nsalir\n"), out).run()
    assert "Vea también: Si esto está pasando ahora; Ayuda legal gratis en Minnesota." in (
        out.getvalue()), out.getvalue()


def test_hiding_an_entry_hides_its_translation(bilingual: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    later.mkdir()
    (later / "pack.yaml").write_text("hide: [287g-agreement]\n", encoding="utf-8")
    knowledge = load_knowledge([bilingual, later])
    ids = {unit.id for unit in knowledge.units}
    assert "287g-agreement" not in ids and "287g-agreement.es" not in ids
    assert [h for h in knowledge.hidden if h.startswith("287g-agreement.es: ")]


def translation_problems(tmp_path: Path, name: str, text: str) -> list[str]:
    folder = write_knowledge(tmp_path / name, dict(DEFINITIONS, **{name: text}))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge([folder])
    return [str(problem) for problem in caught.value.problems]


def test_a_translation_needs_its_original(tmp_path: Path) -> None:
    text = SPANISH["287g-agreement.es"].replace("287g-agreement", "zebra")
    found = translation_problems(tmp_path, "zebra.es", text)
    assert [p for p in found if p.endswith(
        '"translation_of" names "zebra", but no original definition has that id')]


def test_a_translation_keeps_the_sources_of_its_original(tmp_path: Path) -> None:
    text = SPANISH["287g-agreement.es"].replace("8 U.S.C. §1357(g)", "8 U.S.C. §1357")
    found = translation_problems(tmp_path, "287g-agreement.es", text)
    assert len(found) == 1 and "the sources differ from the original's" in found[0]


def test_a_translation_is_named_for_its_original_and_language(tmp_path: Path) -> None:
    found = translation_problems(tmp_path, "detainer.es", SPANISH["287g-agreement.es"])
    assert found[0].endswith('the file name says "translation_of: detainer"; this field must '
                             "say so too")
    found = translation_problems(tmp_path, "acuerdo", SPANISH["287g-agreement.es"])
    assert found[0].endswith("a translation's file must be named 287g-agreement.es.yaml")
    english_again = SPANISH["287g-agreement.es"].replace("language: es", "language: en")
    found = translation_problems(tmp_path, "287g-agreement.en", english_again)
    assert "the same as the original's" in found[0]


def test_check_warns_on_a_translation_dated_unlike_its_original(tmp_path: Path) -> None:
    text = SPANISH["287g-agreement.es"].replace("as_of: 2026-11-28", "as_of: 2026-10-01")
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, **{"287g-agreement.es": text}))
    report = check([folder], today=dt.date(2026, 12, 3))
    assert report.errors == []
    assert [w for w in report.warnings if "differs from the original's" in str(w)]


def test_spanish_syllables_are_counted_by_vowel_groups() -> None:
    counts = {"agente": 3, "país": 2, "leer": 2, "aeropuertos": 5, "guardar": 2, "que": 1,
              "ciudadanos": 4, "oído": 3, "garantías": 4, "Uruguay": 3, "muy": 1}
    assert {word: syllables(word) for word in counts} == counts


def test_hard_spanish_reads_below_the_bar_and_plain_spanish_above() -> None:
    hard = ("La administración correspondiente determinará discrecionalmente la procedencia "
            "de la solicitud, considerando las circunstancias particulares, los antecedentes "
            "migratorios y la documentación complementaria presentada oportunamente.")
    plain = "ICE es una agencia federal. Sus agentes pueden arrestar a personas. No es la policía."
    assert fernandez_huerta(hard) < MIN_SPANISH_EASE < fernandez_huerta(plain)


def test_check_warns_on_a_hard_spanish_entry(tmp_path: Path) -> None:
    hard = SPANISH["287g-agreement.es"].replace(
        "Un acuerdo 287(g) es un trato por escrito entre ICE y una agencia local.",
        "La administración correspondiente determinará discrecionalmente la procedencia de la "
        "solicitud, considerando las circunstancias particulares y la documentación "
        "complementaria.")
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, **{"287g-agreement.es": hard}))
    warnings = [str(w) for w in check([folder], today=dt.date(2026, 12, 3)).warnings]
    assert [w for w in warnings if "Fernández-Huerta reading ease" in w], warnings


# The bundled Spanish entries ---------------------------------------------------------------

BUNDLED = load_knowledge([bundled_knowledge()])
BUNDLED_BY_ID = {unit.id: unit for unit in BUNDLED.units}
BUNDLED_SPANISH = [unit for unit in BUNDLED.units
                   if isinstance(unit, DefinitionUnit) and unit.language == "es"]
REQUIRED_SPANISH = [  # issue 15
    "if-this-is-happening-now", "know-your-rights", "legal-help", "287g-agreement",
    "287g-in-minnesota", "detainer", "ice", "administrative-warrant", "judicial-warrant",
    "sanctuary-policy", "removal", "undocumented", "civil-vs-criminal",
]


def original_of(unit: DefinitionUnit) -> DefinitionUnit:
    original = BUNDLED_BY_ID[unit.translation_of or ""]
    assert isinstance(original, DefinitionUnit)
    return original


def test_the_required_spanish_entries_exist_and_are_vetted() -> None:
    spanish = {unit.translation_of: unit for unit in BUNDLED_SPANISH}
    assert [entry for entry in REQUIRED_SPANISH if entry not in spanish] == []
    assert all(spanish[entry].status == "vetted" for entry in REQUIRED_SPANISH)


@pytest.mark.parametrize("unit", BUNDLED_SPANISH, ids=lambda u: u.id)
def test_a_spanish_entry_has_an_english_original_with_the_same_sources_and_date(
        unit: DefinitionUnit) -> None:
    original = original_of(unit)
    assert original.language == "en" and original.translation_of is None
    assert unit.sources == original.sources
    assert unit.as_of == original.as_of
    assert unit.related == original.related
    assert unit.reviewed_on and unit.as_of and unit.as_of <= unit.reviewed_on


@pytest.mark.parametrize("unit", BUNDLED_SPANISH, ids=lambda u: u.id)
def test_a_spanish_entry_is_plain_and_short(unit: DefinitionUnit) -> None:
    # Fernández-Huerta 60 is grade 8, the English entries' bar (see authoring/readability.py).
    assert fernandez_huerta(unit.text) >= MIN_SPANISH_EASE
    if unit.note:
        assert fernandez_huerta(unit.note) >= MIN_SPANISH_EASE
    # Spanish needs about a fifth more words than English to say the same.
    limit = 1.25 * (150 if unit.category == "help" else 90)
    assert 40 <= len(unit.text.split()) <= limit
    sentences = re.split(r"(?<=[.!?])\s+|\n", unit.text + "\n" + (unit.note or ""))
    assert max(len(s.split()) for s in sentences) <= 25


@pytest.mark.parametrize("unit", BUNDLED_SPANISH, ids=lambda u: u.id)
def test_a_spanish_entry_gives_only_its_originals_numbers(unit: DefinitionUnit) -> None:
    def numbers(found: DefinitionUnit) -> set[str]:
        return set(re.findall(r"\b\d{3}-\d{3}-\d{4}\b|https?://\S+",
                              found.text + (found.note or "")))

    assert numbers(unit) <= numbers(original_of(unit))


def test_the_spanish_entries_avoid_the_known_pitfalls() -> None:
    """The pitfalls of docs/facts.md, as they would be written in Spanish."""
    text = "\n".join(u.text + "\n" + (u.note or "") for u in BUNDLED_SPANISH)
    sentences = re.split(r"(?<=[.!?:])\s+|\n", text)

    def each(pattern: str) -> list[str]:
        return [s for s in sentences if re.search(pattern, s, re.IGNORECASE)]

    assert "Immigration Law Center" not in text  # the name is Immigrant Law Center
    for sentence in each(r"Corte Suprema"):  # no Minnesota Supreme Court ruling was found
        assert re.search(r"\b(no|ninguna)\b", sentence), sentence
    for sentence in each(r"abogad[oa]s? gratis"):  # no free lawyer in immigration court
        assert re.search(r"\bno\b", sentence), sentence
    for sentence in each(r"\bes (un )?delito\b"):  # being undocumented is civil
        assert re.search(r"\bno es (un )?delito\b|sí son delitos|es un delito (menor|grave)",
                         sentence), sentence
    assert not each(r"Fiscal General de (EE\. UU\.|Estados Unidos)")  # not the U.S. AG
    assert not each(r"revise este número|verifique este número|confirme este número")
    for entry in ("civil-vs-criminal", "undocumented"):  # civil can still mean jail
        assert re.search(r"cárcel(es)? del condado", BUNDLED_BY_ID[f"{entry}.es"].text), entry
    detainer = BUNDLED_BY_ID["detainer.es"]
    assert isinstance(detainer, DefinitionUnit)
    for alias in detainer.aliases:  # a detainer is a request, not a warrant or court order
        assert not re.search(r"judicial|juez|tribunal|corte|arresto", alias), alias
    assert "No es una orden de un tribunal" in detainer.text
    assert "hasta 48 horas" in detainer.text


@pytest.mark.real_model
@pytest.mark.parametrize(("question", "expected"), [
    ("¿Qué hago si ICE está en mi puerta?", "if-this-is-happening-now.es"),
    ("la migra está en mi puerta", "if-this-is-happening-now.es"),
    ("¿Qué es un acuerdo 287(g)?", "287g-agreement.es"),
])
def test_explainer_lang_es_answers_from_the_spanish_entries(
        real_explainer: Explainer, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], question: str, expected: str) -> None:
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(real_explainer.settings.cache_dir))
    assert cli.main(["--lang", "es", "ask", "--json", question]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["excerpts"][0]["id"] == expected
    assert answer["excerpts"][0]["language"] == "es"
    ids = [real_explainer.entry_of(excerpt["id"]) for excerpt in answer["excerpts"]]
    assert len(set(ids)) == len(ids)


def test_translation_ids_keep_to_the_file_name_pattern() -> None:
    for unit in BUNDLED_SPANISH:
        assert unit.id == f"{unit.translation_of}.{unit.language}"
        assert Path(unit.file).name == f"{unit.id}.yaml"
    assert textwrap.dedent(SPANISH["287g-agreement.es"]).count("translation_of:") == 1
