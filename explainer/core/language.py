"""Which language a question is written in (the knowledge may hold the same entry in several).

The embedding model was trained on English, so it puts a Spanish question near every Spanish
text: the answer decision weighs that as a feature of its own.
"""

from __future__ import annotations

from explainer.core.text import tokens

# Common Spanish words that are not also English words.
_SPANISH_WORDS = frozenset("""
    que el los las del mi mis es un una por para con como cuanto cuantos cuantas cuando donde
    quien puedo puede pueden tengo tiene tienen esta estan estoy son hay lo le les su sus si y
    pero porque sin sobre hasta muy ya al nos te se ser hacer hago debo fue eso esto de cual
    cuales necesito significa gratis dan consigo encuentro abogado
""".split())


def looks_spanish(question: str) -> bool:
    """Written in Spanish: an opening question mark, or two common Spanish words."""
    return "¿" in question or sum(word in _SPANISH_WORDS for word in tokens(question)) >= 2


def quoting_language(question: str, interface: str) -> str:
    """The language excerpts are quoted in, where the knowledge holds a translation: Spanish
    for a question written in Spanish, else the interface's language."""
    return "es" if looks_spanish(question) else interface


def question_language(question: str) -> str:
    """The language code whose stop words and stemmer a question's words get: the same rule,
    with English for a question not written in Spanish."""
    return quoting_language(question, "en")
