"""In Spanish, the handout's help card and the definition cards show the Spanish entries, and a
card names its related terms in Spanish, wherever the knowledge holds a Spanish translation."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from textual.widgets import Button, Static

from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.core.messages import use_language
from explainer.handout import handout_html, handout_markdown
from explainer.line_mode import LineMode
from explainer.ui.app import ExplainerApp
from tests.helpers import DEFINITIONS, fake_explainer, settings_for, write_knowledge
from tests.test_languages import SPANISH

MADE = dt.datetime(2026, 12, 3, 15, 0)


def bilingual(tmp_path: Path) -> Path:
    return write_knowledge(tmp_path / "bilingual", dict(DEFINITIONS, **SPANISH))


def test_a_spanish_handout_ends_with_the_spanish_legal_help_card(tmp_path: Path) -> None:
    use_language("es")
    explainer = fake_explainer(bilingual(tmp_path), tmp_path / "cache")
    legal = explainer.legal_help()
    assert legal is not None and legal.id == "legal-help.es"
    answer = explainer.ask("¿Qué es un acuerdo 287(g)?")
    markdown = handout_markdown([answer], legal, MADE)
    assert "## Ayuda legal gratis en Minnesota" in markdown
    assert "Free legal help in Minnesota" not in markdown
    assert 'lang="es"' in handout_html([answer], legal, MADE, "es")


def test_an_english_handout_keeps_the_english_card(tmp_path: Path) -> None:
    explainer = fake_explainer(bilingual(tmp_path), tmp_path / "cache")
    legal = explainer.legal_help()
    assert legal is not None and legal.id == "legal-help"


def define(explainer: Explainer, command: str) -> str:
    out = io.StringIO()
    LineMode(explainer, io.StringIO(f"{command}\nsalir\n"), out).run()
    return out.getvalue()


def test_line_mode_defines_in_spanish_and_names_related_terms_in_spanish(
        tmp_path: Path) -> None:
    use_language("es")
    explainer = fake_explainer(bilingual(tmp_path), tmp_path / "cache")
    # detainer has no Spanish entry: its card stays English, but its related term is named
    # by its Spanish entry.
    card = define(explainer, "definir detainer")
    assert "Acuerdo 287(g)" in card and "287(g) agreement" not in card, card
    # A term asked for by its English name is shown in Spanish.
    card = define(explainer, "definir 287(g) agreement")
    assert "Un acuerdo 287(g) es un trato por escrito" in card, card
    assert "trato por escrito" in define(explainer, "definir acuerdo 287(g)")


async def test_the_app_opens_the_spanish_card_with_spanish_related_terms(
        tmp_path: Path) -> None:
    use_language("es")
    settings = settings_for(bilingual(tmp_path), tmp_path / "cache").model_copy(
        update={"lang": "es"})
    app = ExplainerApp(settings, lambda s: Explainer(s, HashingBackend()))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.action_open_definition("detainer")
        await pilot.pause()
        buttons = [str(b.label) for b in app.screen.query(Button)]
        assert any("Acuerdo 287(g)" in label for label in buttons), buttons
        app.action_open_definition("287g-agreement")
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "trato por escrito" in texts, texts
