"""Text hygiene and normalization shared by loading, matching and search.

Everything untrusted (questions, knowledge files) passes through `clean_text` before it is stored or
shown, so no terminal control sequence can reach a screen. Matching works on `normalize`d text.
"""

from __future__ import annotations

import re
import unicodedata

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


# Tokens: legal identifiers first (287(g), 1357(g), I-247A, I-200, 629.30), then words.
_TOKEN = re.compile(r"\d+\([a-z0-9]+\)|[a-z]-\d+[a-z]?|\d+(?:\.\d+)+|\w+")


def tokens(text: str) -> list[str]:
    """Split normalized text into tokens, keeping legal identifiers whole."""
    return _TOKEN.findall(normalize(text))


STOPWORDS: frozenset[str] = frozenset(
    """
    a an and are as at be been but by can could do does did for from had has have how i if in into
    is it its me my of on or our so that the their them then there these they this to was we were
    what when where which who whom why will with would you your yours about any am s t
    el la los las un una unos unas y o de del al en que es por para con se su sus lo le les mi me
    como cual cuales donde cuando quien porque esta este esto eso son ser
    """.split()
)


def content_tokens(text: str) -> list[str]:
    """Tokens without stop words: what lexical search and overlap scoring compare."""
    return [t for t in tokens(text) if t not in STOPWORDS]


def light_stem(token: str) -> str:
    """Fold simple English plurals ("agreements" -> "agreement") so lexical search is forgiving."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def search_terms(text: str) -> list[str]:
    """Content tokens, lightly stemmed: the vocabulary of the lexical index."""
    return [light_stem(t) for t in content_tokens(text)]
