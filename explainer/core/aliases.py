"""Find defined terms in a question: whole-token alias sequences, longest match first."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from explainer.core.constants import FUZZY_CUTOFF, MIN_FUZZY_LENGTH
from explainer.core.models import DefinitionUnit
from explainer.core.text import tokens


@dataclass(frozen=True)
class AliasMatch:
    definition_id: str
    phrase: tuple[str, ...]
    # A short all-capitals alias ("ICE") typed in lower case ("ice") may be an ordinary word.
    ambiguous: bool


# An alias led by a lone capital letter ("A number", "T visa"): typed in lower case, that
# letter is the everyday word ("make up a number"), so the match is only a guess.
_LETTER_FIRST = re.compile(r"^[A-Z]\s")
# The part of a term in brackets at its end: "Notice to Appear (NTA)".
_BRACKETED = re.compile(r"\s+\(.*\)$")


class AliasMatcher:
    def __init__(self, definitions: Sequence[DefinitionUnit]) -> None:
        self._owner: dict[tuple[str, ...], str] = {}
        self._acronyms: set[tuple[str, ...]] = set()
        # Originals first: a translation's aliases lead to the entry it translates.
        for definition in sorted(definitions, key=lambda d: d.translation_of is not None):
            # "Notice to Appear (NTA)": people type the name without the part in brackets.
            short_term = _BRACKETED.sub("", definition.term)
            for alias in [definition.term, short_term, *definition.aliases]:
                phrase = tuple(tokens(alias))
                if phrase:
                    self._owner.setdefault(phrase, definition.entry)
                    if (len(phrase) == 1 and alias.isupper()) or _LETTER_FIRST.match(alias):
                        self._acronyms.add(phrase)
        self._longest = max((len(p) for p in self._owner), default=0)
        self._vocabulary: dict[str, list[str]] = {}
        for word in sorted({word for phrase in self._owner for word in phrase}):
            self._vocabulary.setdefault(word[:1], []).append(word)

    def _spelled(self, word: str) -> str:
        """A close alias word for a longer unknown word ("sherrifs" -> "sheriffs")."""
        if len(word) < MIN_FUZZY_LENGTH or not word.isalpha():
            return word
        candidates = self._vocabulary.get(word[:1], [])
        if word in candidates:
            return word
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=FUZZY_CUTOFF)
        return close[0] if close else word

    def find(self, question: str) -> list[AliasMatch]:
        """Matches in the order they appear, one per definition, longest phrase winning."""
        words = [self._spelled(word) for word in tokens(question)]
        upper_words = {word.casefold() for word in re.findall(r"\w+", question) if word.isupper()}
        found: list[AliasMatch] = []
        seen: set[str] = set()
        position = 0
        while position < len(words):
            for size in range(min(self._longest, len(words) - position), 0, -1):
                phrase = tuple(words[position : position + size])
                owner = self._owner.get(phrase)
                if owner is None:
                    continue
                if owner not in seen:
                    ambiguous = phrase in self._acronyms and phrase[0] not in upper_words
                    found.append(AliasMatch(owner, phrase, ambiguous))
                    seen.add(owner)
                position += size
                break
            else:
                position += 1
        return found
