"""`knowledge check` warns when a definition reports an open court case with no date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explainer.authoring.check import check
from tests.helpers import DEFINITIONS, write_knowledge

TODAY = dt.date(2026, 12, 3)
PLAIN = "ICE is the federal agency that enforces immigration law inside the country."


def undated_warnings(tmp_path: Path, sentence: str, where: str = "definition") -> list[str]:
    text = DEFINITIONS["ice"]
    if where == "definition":
        text = text.replace(PLAIN, f"{PLAIN} {sentence}")
    else:
        text = text.replace("        language: en",
                            f"        note: >-\n          {sentence}\n        language: en")
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, ice=text))
    report = check([folder], today=TODAY)
    return [str(w) for w in report.warnings if "with no date" in w.message]


@pytest.mark.parametrize("sentence", [
    "The new rule is being challenged in court.",
    "A court challenge is still going on.",
    "The case is pending.",
    "La regla está impugnada.",
    "El caso está pendiente.",
    "La demanda sigue en curso.",
    "El caso sigue abierto en la corte federal.",
    "La demanda está en trámite.",
    "El fallo fue apelado.",
])
@pytest.mark.parametrize("where", ["definition", "note"])
def test_an_undated_open_case_is_warned_about(tmp_path: Path, sentence: str, where: str) -> None:
    found = undated_warnings(tmp_path, sentence, where)
    assert len(found) == 1, found
    assert str(tmp_path / "k" / "definitions" / "ice.yaml") in found[0]
    assert 'for example "As of June 2026, ..."' in found[0]


@pytest.mark.parametrize("sentence", [
    "As of June 2026, the new rule was being challenged in court.",
    "In January 2026, the case was still pending.",
    "Habeas is a court case to challenge being held.",
    "The rule took effect in 2025.",
    "En junio de 2026, el caso seguía pendiente.",
    "Hasta mayo de 2026, la demanda sigue en curso.",
    "Un hábeas es un caso en la corte para pedir a un juez que termine una detención.",
])
def test_a_dated_or_unrelated_sentence_is_not_warned_about(tmp_path: Path, sentence: str) -> None:
    assert undated_warnings(tmp_path, sentence) == []
