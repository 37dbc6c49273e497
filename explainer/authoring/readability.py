"""How easy a Spanish text is to read, offline: the Fernández-Huerta reading ease.

Fernández Huerta (1959) fitted Flesch's reading ease to Spanish:

    ease = 206.84 - 60 * (syllables / words) - 1.02 * (words / sentences)

(printed in 1959 as 206.84 - 0.60 P - 1.02 F, with P the syllables per 100 words; the sentence
term uses words per sentence, as in Flesch's formula, which is how the formula is used today.)
The scale is Flesch's: 90-100 very easy (grade 4), 80-90 easy (5), 70-80 fairly easy (6),
60-70 normal (grades 7-8), 50-60 fairly difficult, below 50 difficult.
"""

from __future__ import annotations

import re

from explainer.core.sentences import sentence_spans

# "Normal", grades 7-8 on Fernández-Huerta's scale: the same bar as grade 8 for English text.
MIN_SPANISH_EASE = 60.0

_WORD = re.compile(r"[^\W\d_]+")
# An accented í or ú is a vowel of its own (país, oído), like a, e and o.
_OPEN = frozenset("aeoáéóíú")
_VOWELS = _OPEN | frozenset("iuü")


def syllables(word: str) -> int:
    """Spanish syllables: one per vowel group, and two open vowels side by side are two
    (le-er, a-e-ro). pyphen's Spanish patterns follow typesetting rules instead (no lone vowel
    at a line end, no split between open vowels: "agen-te", "país"), so they count too few."""
    count, previous = 0, ""
    for letter in word.casefold():
        if letter in _VOWELS and (previous not in _VOWELS or
                                  (previous in _OPEN and letter in _OPEN)):
            count += 1
        previous = letter
    return max(count, 1)


def fernandez_huerta(text: str) -> float:
    """The reading ease of a text; each line of a list counts as a sentence of its own."""
    words = _WORD.findall(text)
    sentences = sum(len(sentence_spans(line)) for line in text.split("\n") if line.strip())
    if not words or not sentences:
        return 100.0
    per_word = sum(syllables(word) for word in words) / len(words)
    return 206.84 - 60 * per_word - 1.02 * len(words) / sentences
