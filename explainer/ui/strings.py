"""The app's own fixed texts (status lines of its keys), in each offered language.

They live beside the app rather than in core/messages.py because only the app shows them; the
language is the one the core catalog chose, so both stay in step.
"""

from __future__ import annotations

from explainer.core.messages import current_language

EN = {
    "reading_aloud": "Reading the answer aloud. Press F4 again to stop.",
    "read_aloud_done": "Finished reading.",
    "read_aloud_no_sound": "Read aloud could not play sound on this computer.",
    "read_aloud_off": "Read aloud is turned off on this computer.",
    "handout_off": "Handouts are not saved on this shared computer, so nothing you ask stays here.",
    "theme_now": "Colours: {name}. Press F6 for the next.",
    "theme_default": "default",
    "theme_high_contrast": "high contrast",
    "theme_ansi": "your terminal's own colours",
    "projector_on": "Projector layout on. Press F8 to turn it off.",
    "projector_off": "Projector layout off.",
}

ES = {
    "reading_aloud": "Leyendo la respuesta en voz alta. Pulse F4 otra vez para parar.",
    "read_aloud_done": "Terminó la lectura.",
    "read_aloud_no_sound": "No se pudo leer en voz alta: esta computadora no tiene sonido.",
    "read_aloud_off": "Leer en voz alta está apagado en esta computadora.",
    "handout_off": ("Esta computadora es de uso público: no guarda hojas, y nada de lo que "
                    "pregunte se queda aquí."),
    "theme_now": "Colores: {name}. Pulse F6 para cambiar.",
    "theme_default": "normales",
    "theme_high_contrast": "alto contraste",
    "theme_ansi": "los de su terminal",
    "projector_on": "Vista de proyector encendida. Pulse F8 para apagarla.",
    "projector_off": "Vista de proyector apagada.",
}

CATALOG = {"en": EN, "es": ES}


def text(key: str, **fields: str) -> str:
    """The app text for `key` in the interface language (English when a text is missing)."""
    chosen = CATALOG.get(current_language(), EN).get(key) or EN[key]
    return chosen.format(**fields) if fields else chosen
