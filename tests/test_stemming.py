"""Lexical search folds word forms with Snowball stemmers: English for English text, Spanish for
Spanish text and Spanish questions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from explainer.core.explainer import Explainer
from explainer.core.language import question_language
from explainer.core.text import content_tokens, search_terms, stems
from tests.helpers import fake_explainer, write_knowledge

SPANISH_ARTICLE = """\
---
id: articulo-prueba
title: "Ayuda legal (artículo de prueba)"
publisher: unknown
date: "2025-04"
language: es
---

Los abogados de la clínica ayudan gratis a las familias detenidas.
"""


@pytest.mark.parametrize(("words", "language"), [
    (["agreements", "agreement"], "en"),
    (["counties", "county"], "en"),
    (["deported", "deportation"], "en"),
    (["abogados", "abogada"], "es"),
    (["arrestos", "arrestado"], "es"),
    (["detenciones", "detencion"], "es"),
])
def test_word_forms_share_a_stem(words: list[str], language: str) -> None:
    assert len(set(stems(words, language))) == 1, stems(words, language)


def test_spanish_words_get_the_spanish_stemmer_not_the_english_one() -> None:
    # The English stemmer leaves these Spanish forms apart; only the Spanish one folds them.
    assert len(set(stems(["abogados", "abogada"], "en"))) == 2
    assert stems(["abogados"], "es") == ["abog"]


def test_legal_identifiers_are_not_stemmed() -> None:
    assert search_terms("287(g) agreements and form I-247A", "en") == [
        "287(g)", "agreement", "form", "i-247a"]


def test_stop_words_follow_the_language_with_accents_folded() -> None:
    assert content_tokens("What can my family do?", "en") == ["family"]
    assert content_tokens("¿Qué está pasando con él?", "es") == ["pasando"]
    # A language with no list and no stemmer keeps its words as written.
    assert search_terms("Les accords", "fr") == ["les", "accords"]


def test_a_question_in_spanish_is_read_as_spanish() -> None:
    assert question_language("¿Dónde encuentro abogadas gratis?") == "es"
    assert question_language("Where do I find a free lawyer?") == "en"


def test_each_thread_stems_alike() -> None:
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(stems(["abogados"], "es")))
    worker.start()
    worker.join()
    assert found == [stems(["abogados"], "es")] == [["abog"]]


@pytest.fixture
def bilingual(tmp_path: Path) -> Explainer:
    knowledge = write_knowledge(tmp_path / "k")
    (knowledge / "articles" / "articulo-prueba.md").write_text(SPANISH_ARTICLE, encoding="utf-8")
    return fake_explainer(knowledge, tmp_path / "cache")


def test_a_spanish_question_finds_a_spanish_passage_by_its_stems(bilingual: Explainer) -> None:
    # "abogadas" and "detenidos" appear only in other forms ("abogados", "detenidas").
    found = bilingual.baseline_ids("¿Hay abogadas para los detenidos?", "bm25")
    assert found and found[0].startswith("articulo-prueba"), found


def test_an_english_question_finds_an_english_passage_by_its_stems(bilingual: Explainer) -> None:
    found = bilingual.baseline_ids("which county signed an agreement", "bm25")
    assert found and found[0].startswith("test-article"), found
