"""Text hygiene and normalization shared by loading, matching and search.

Everything untrusted (questions, knowledge files) passes through `clean_text` before it is stored or
shown, so no terminal control sequence can reach a screen. Matching works on `normalize`d text.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence

import Stemmer

# ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings, and two-character escapes.
_ESC_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?                    # CSI ... final byte
    | \x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, DCS, SOS, PM, APC up to BEL or ST
    | \x1b[ -/]*[0-~]?                          # other escapes (ESC c, ESC ( B, ...)
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi overrides/isolates that can
# reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


def clean_text(text: str) -> str:
    """Remove escape sequences and control characters; keep newlines and tabs; NFC-normalize."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESC_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """`clean_text` for one-line input (a question): newlines and tabs become spaces, trimmed."""
    text = clean_text(text).replace("\n", " ").replace("\t", " ")
    return _SPACES.sub(" ", text).strip()


# "287 (g)", "287 g", "287g", "287-g" and "287(G)" all mean section 287(g).
_SECTION_287G = re.compile(r"\b287\s*[-(]?\s*g\s*\)?(?![a-z0-9])")
# "I200", "i 247a" and "I-247A" all name the same ICE form.
_FORM_NUMBER = re.compile(r"\bi[- ]?(200|205|247a?|862)\b")


class _CombiningMarks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks (accents), filled as characters are
    met: the same result as testing `unicodedata.combining` per character, several times faster
    (the lexical index normalizes all the knowledge at every start)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING = _CombiningMarks()


def normalize(text: str) -> str:
    """Casefold, strip accents, unify quotes, spell 287(g) and form numbers one way (matching)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = decomposed.translate(_COMBINING)
    stripped = stripped.replace("\u2019", "'").replace("\u2018", "'")
    return _FORM_NUMBER.sub(r"i-\1", _SECTION_287G.sub("287(g)", stripped))


# Tokens: legal identifiers first (287(g), 1357(g), I-247A, I-200, 629.30), then a letter
# joined to a word by a hyphen ("A-number", "U-visa": split, "A-number" would become the
# everyday words "a number"), then words.
_TOKEN = re.compile(
    r"\d+\([a-z0-9]+\)|\b[a-z]-(?:\d+[a-z]?|[a-z]{2,})\b|\d+(?:\.\d+)+|\w+")


def tokens(text: str) -> list[str]:
    """Split normalized text into tokens, keeping legal identifiers whole."""
    return _TOKEN.findall(normalize(text))


def _plain_words(words: Iterable[str]) -> frozenset[str]:
    """Stop words spelled as `normalize` spells them (no accents), since tokens are."""
    return frozenset(normalize(word) for word in words)


# Stop words (bm25s's lists) and Snowball stemmers (PyStemmer) by knowledge language code.
# English uses bm25s's longer list: it has the question words (what, how, can, my) that the
# short one lacks and that say nothing about which passage answers. A language not listed here
# is searched by its words as written.
@functools.cache
def stopwords(language: str) -> frozenset[str]:
    # Imported here: bm25s brings scipy (0.4 s), which clean_text's callers never need.
    import bm25s.stopwords

    lists = {"en": bm25s.stopwords.STOPWORDS_EN_PLUS, "es": bm25s.stopwords.STOPWORDS_SPANISH}
    return _plain_words(lists.get(language, ()))


_SNOWBALL = {"en": "english", "es": "spanish"}
# PyStemmer's stemmers keep a cache and are not safe to share between threads (the app loads
# the engine in a worker thread), so each thread makes its own.
_stemmers = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer | None:
    algorithm = _SNOWBALL.get(language)
    if algorithm is None:
        return None
    made: dict[str, Stemmer.Stemmer] = _stemmers.__dict__.setdefault("made", {})
    if algorithm not in made:
        made[algorithm] = Stemmer.Stemmer(algorithm)
    return made[algorithm]


def content_tokens(text: str, language: str) -> list[str]:
    """Tokens without the language's stop words: what lexical search and overlap compare."""
    stop = stopwords(language)
    return [t for t in tokens(text) if t not in stop]


def stems(words: Sequence[str], language: str) -> list[str]:
    """Snowball stems ("agreements" -> "agreement", "acuerdos" -> "acuerd"); legal identifiers
    such as 287(g) and i-247a come out as they went in."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return list(words)
    stemmed: list[str] = stemmer.stemWords(words)
    return stemmed


def search_terms(text: str, language: str) -> list[str]:
    """Content tokens, stemmed: the vocabulary of the lexical index."""
    return stems(content_tokens(text, language), language)
