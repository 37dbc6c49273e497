"""The message catalog: complete in every offered language, and used by every front end."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from explainer import cli
from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.core.messages import CATALOG, EN, REVIEWED, offered_languages, use_language
from explainer.line_mode import LineMode
from explainer.ui.app import ExplainerApp
from explainer.ui.widgets.answer_card import AnswerCard
from tests.helpers import settings_for


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
        assert texts[0] == "Explainer" and texts[-2] == "Es información, no asesoría legal."
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
