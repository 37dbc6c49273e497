"""The fixed texts the core puts in an Answer's `message` (part of the `ask --json` contract), and
the choice of interface language. Knowledge (definitions, articles) is never translated.

Everything else a person reads (labels, headings, screens, line mode) is front-end text and lives
in `explainer.catalog`, outside the core.

Only reviewed languages are offered. A catalog for another language may be added here only with
`REVIEWED[lang] = False` until a fluent speaker has checked it; it is then not offered.
"""

from __future__ import annotations

from typing import Any

EN: dict[str, str] = {
    "answered": "Here is what the checked sources say. This is information, not legal advice.",
    "answered_advice": (
        "I can't give advice about your own situation. Here is what the checked sources say, "
        "and where to get free legal help. This is information, not legal advice."
    ),
    "out_of_scope": (
        "I don't have a checked answer to that question. I can explain 287(g) agreements, ICE, "
        "detainers and your rights. For help with your own situation, contact a free legal "
        "help group."
    ),
    "empty": "Please type a question.",
    "too_long": (
        "Your question is longer than 500 characters. Please make it shorter: ask one thing "
        "in a sentence or two. If you need help now, see the help below."
    ),
    "greeting": (
        "Hello. You can ask about 287(g) agreements, ICE, detainers and your rights. "
        'For example: "What is a 287(g) agreement?"'
    ),
    "thanks": "You're welcome. Ask another question any time.",
    "goodbye": "Goodbye. Take care.",
    "privacy": (
        "Nothing you type here is saved or sent anywhere. The explainer works without the "
        "internet. It keeps no record of your questions. When you close it, your questions "
        "are gone."
    ),
    "not_advice": "This is information, not legal advice.",
}

ES: dict[str, str] = {
    "answered": ("Esto es lo que dicen las fuentes revisadas. Es información, no asesoría "
                 "legal."),
    "answered_advice": (
        "No puedo dar consejos sobre su situación personal. Esto es lo que dicen las fuentes "
        "revisadas, y dónde conseguir ayuda legal gratis. Es información, no asesoría legal."
    ),
    "out_of_scope": (
        "No tengo una respuesta revisada para esa pregunta. Puedo explicar los acuerdos 287(g), "
        "ICE, las órdenes de retención (detainers) y sus derechos. Para ayuda con su situación, "
        "busque un grupo de ayuda legal gratis."
    ),
    "empty": "Por favor, escriba una pregunta.",
    "too_long": (
        "Su pregunta tiene más de 500 letras. Por favor, hágala más corta: pregunte una sola "
        "cosa en una o dos frases. Si necesita ayuda ahora, vea la ayuda de abajo."
    ),
    "greeting": (
        "Hola. Puede preguntar sobre los acuerdos 287(g), ICE, los detainers y sus derechos. "
        'Por ejemplo: "¿Qué es un acuerdo 287(g)?"'
    ),
    "thanks": "De nada. Puede hacer otra pregunta cuando quiera.",
    "goodbye": "Adiós. Cuídese.",
    "privacy": (
        "Nada de lo que escribe aquí se guarda ni se envía. Explainer funciona sin internet. "
        "No guarda sus preguntas. Cuando lo cierra, sus preguntas se borran."
    ),
    "not_advice": "Es información, no asesoría legal.",
}

CATALOG: dict[str, dict[str, str]] = {"en": EN, "es": ES}
REVIEWED: dict[str, bool] = {"en": True, "es": True}
LANGUAGE_NAMES = {"en": "English", "es": "español"}

_current = "en"


def offered_languages() -> list[str]:
    """Languages whose catalog a fluent speaker has reviewed."""
    return [lang for lang, ok in REVIEWED.items() if ok]


def use_language(language: str) -> str:
    """Choose the interface language for this process (falls back to English)."""
    global _current
    _current = language if language in offered_languages() else "en"
    return _current


def current_language() -> str:
    return _current


def message(key: str, language: str | None = None, **fields: Any) -> str:
    """The core text for `key` in `language` (default: the chosen one), `fields` filled in."""
    table = CATALOG.get(language or _current, EN)
    text = table.get(key) or EN[key]
    return text.format(**fields) if fields else text
