"""Question vectors -> similarity of every unit, its sentences and its asks; BM25 over the text.

Every row of the index (a whole unit, each of its sentences, each of its `asks`, each question
a folder does not cover) is compared with each vector of the question: the whole question and,
for a long one, each of its sentences. A unit's similarity is the best over those pairs, so a
long story is judged by its clearest sentence. Exact inner products on normalized vectors: at
this size (tens of thousands of rows) that is what a flat faiss index computes, without the
step from rows back to units.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

import numpy as np
import numpy.typing as npt

from explainer.core.aliases import AliasMatcher
from explainer.core.constants import CANDIDATES, LEAK_COSINE
from explainer.core.encoder import Vectors
from explainer.core.index import LoadedIndex
from explainer.core.language import question_language
from explainer.core.models import ArticleUnit, DefinitionUnit
from explainer.core.text import search_terms, stems, tokens

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class View:
    """Which rows the similarities may use. Fitting the decision also looks at the knowledge
    without its asks or without its not-covered list, so that it holds for a pack that has none."""

    asks: bool = True
    not_covered: bool = True
    # Asks and not-covered questions within LEAK_COSINE of the whole question are left out, as
    # if the question were new: a held-out question never has one that close.
    unseen: bool = False


AS_IS = View()


@dataclass(frozen=True)
class Similarities:
    """Per unit (in index order): the best cosine of any question vector with each kind of row."""

    unit: Floats  # the whole unit
    sentence: Floats  # its best sentence (-1 when it has none)
    ask: Floats  # its best ask (0 when it has none, or the view leaves asks out)
    has_asks: npt.NDArray[np.bool_]
    not_covered: Floats  # the best not-covered question that may outweigh this unit (0: none)
    has_not_covered: npt.NDArray[np.bool_]
    lexical: Floats  # BM25 score (0 when no word is shared)
    coverage: Floats  # IDF-weighted share of the question's words found in the unit
    missing: Floats  # the rarest question word the unit lacks, as a share of the highest IDF

    @property
    def best(self) -> Floats:
        return np.maximum(np.maximum(self.unit, self.sentence), self.ask)


def word_set(text: str, language: str) -> frozenset[str]:
    """The stemmed words of a text, for "does this text name that term?"."""
    return frozenset(stems(tokens(text), language))


def lexical_text(unit: DefinitionUnit | ArticleUnit, with_asks: bool = True) -> str:
    """What BM25 reads: a definition with its term and aliases, a paragraph as it is."""
    asks = unit.asks if with_asks else []
    if isinstance(unit, DefinitionUnit):
        return " ".join([unit.term, *unit.aliases, unit.text, *asks])
    return " ".join([unit.text, *asks])


def _bm25s() -> ModuleType:
    """bm25s without scipy. bm25s imports scipy.sparse whenever it is installed (0.4-0.6 s of
    every start), though its numpy backend never uses it and gives the same scores (tested).
    scipy is hidden only for that one import, and only if nothing has imported it yet."""
    if "bm25s" not in sys.modules and "scipy" not in sys.modules:
        sys.modules["scipy"] = None  # type: ignore[assignment]  # `import scipy...` now fails
        try:
            import bm25s
        finally:
            del sys.modules["scipy"]
    import bm25s

    module: ModuleType = bm25s
    return module


class _Lexical:
    """BM25 (bm25s) for the ranking, and IDF-weighted word coverage for the decision: a share
    between 0 and 1, so it means the same in a pack of ten units or ten thousand."""

    def __init__(self, units: Sequence[DefinitionUnit | ArticleUnit], with_asks: bool) -> None:
        self._bm25 = _bm25s().BM25(csc_backend="numpy")
        corpus = [search_terms(lexical_text(unit, with_asks), unit.language) or [""]
                  for unit in units]
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._words = [frozenset(terms) for terms in corpus]
        frequency: dict[str, int] = {}
        for words in self._words:
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        self._count = len(units)
        self._frequency = frequency

    def _idf(self, word: str) -> float:
        seen = self._frequency.get(word, 0)
        return math.log(1 + (self._count - seen + 0.5) / (seen + 0.5))

    def scores(self, question: str) -> tuple[Floats, Floats, Floats]:
        """BM25, word coverage and the rarest missing word, for every unit."""
        terms = list(dict.fromkeys(search_terms(question, question_language(question))))
        if not terms or not self._count:
            empty = np.zeros(self._count, dtype=np.float32)
            return empty, empty.copy(), empty.copy()
        bm25 = np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
        weights = {term: self._idf(term) for term in terms}
        total = sum(weights.values()) or 1.0
        highest = self._idf("") or 1.0  # a word no unit uses
        coverage = np.asarray([sum(w for t, w in weights.items() if t in words) / total
                               for words in self._words], dtype=np.float32)
        missing = np.asarray([max((w for t, w in weights.items() if t not in words), default=0.0)
                              / highest for words in self._words], dtype=np.float32)
        return bm25, coverage, missing


def _segment_max(scores: Floats, owners: npt.NDArray[np.int64], count: int,
                 empty: float) -> Floats:
    """The best score of each owner's rows (rows are grouped by owner, in owner order)."""
    best = np.full(count, empty, dtype=np.float32)
    if len(scores):
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        best[owners[starts]] = np.maximum.reduceat(scores, starts)
    return best


class Retriever:
    def __init__(self, loaded: LoadedIndex) -> None:
        # Translations are never search hits: an answer quotes one in its original's place, so
        # a question never gets the same entry twice. Their asks still find the original.
        searched = np.asarray([unit.translation_of is None for unit in loaded.units], dtype=bool)
        self.units = [unit for unit in loaded.units if unit.translation_of is None]
        self.by_id = {unit.id: unit for unit in loaded.units}
        self.translations = {(unit.translation_of, unit.language): unit for unit in loaded.units
                             if isinstance(unit, DefinitionUnit) and unit.translation_of}
        self.position = {unit.id: i for i, unit in enumerate(self.units)}
        # Stemmed words of each unit, to see which passages use an asked-about term.
        self.words = {unit.id: word_set(unit.text, unit.language) for unit in self.units}
        self._vectors = loaded.vectors[searched]
        self._every_vector = loaded.vectors  # translations too: an excerpt's score is its own
        self._every_position = {unit.id: i for i, unit in enumerate(loaded.units)}
        self._sentence_vectors = loaded.sentence_vectors[
            np.repeat(searched, [len(unit.sentences) for unit in loaded.units])]
        self._not_covered = loaded.not_covered_vectors
        self._sentence_owner = np.asarray(
            [i for i, unit in enumerate(self.units) for _ in unit.sentences], dtype=np.int64)
        self._sentence_first = np.cumsum([0] + [len(u.sentences) for u in self.units])
        self._ask_vectors, self._ask_owner = self._asks_by_entry(loaded)
        self._has_asks = np.zeros(len(self.units), dtype=bool)
        self._has_asks[self._ask_owner] = True
        # Each unit's folder (0: the first read): not-covered lists and features go by folder.
        self.packs = np.asarray([unit.pack for unit in self.units], dtype=np.int64)
        self._not_covered_pack = np.asarray([q.pack for q in loaded.not_covered], dtype=np.int64)
        self._not_covered_texts = [q.text for q in loaded.not_covered]
        self._lexical = {True: _Lexical(self.units, with_asks=True)}
        self.aliases = AliasMatcher([u for u in loaded.units if isinstance(u, DefinitionUnit)])

    def _asks_by_entry(self, loaded: LoadedIndex) -> tuple[Floats, npt.NDArray[np.int64]]:
        """Ask rows grouped by the searched unit they find (a translation's go to its
        original), in unit order, with that unit's position for each row."""
        owners = np.asarray([self.position.get(unit.entry, -1) for unit in loaded.units
                             for _ in unit.asks], dtype=np.int64)
        rows = np.flatnonzero(owners >= 0)
        rows = rows[np.argsort(owners[rows], kind="stable")]
        if len(rows) and np.array_equal(rows, np.arange(rows[0], rows[0] + len(rows))):
            # Already in order: a view, not a second copy of every ask vector (4 MB bundled).
            return loaded.ask_vectors[rows[0] : rows[0] + len(rows)], owners[rows]
        return loaded.ask_vectors[rows], owners[rows]

    def translated(self, unit: DefinitionUnit | ArticleUnit,
                   language: str) -> DefinitionUnit | ArticleUnit:
        """The unit said in `language`, when the knowledge holds that translation."""
        if unit.language == language:
            return unit
        return self.translations.get((unit.entry, language), unit)

    def similarities(self, question: str, vectors: Vectors, view: View = AS_IS) -> Similarities:
        """Every unit against every question vector (rows of `vectors`), best pair kept."""
        count = len(self.units)
        queries = vectors.reshape(-1, self._vectors.shape[1] if count else vectors.shape[-1])
        unit = (self._vectors @ queries.T).max(axis=1) if count else np.zeros(0, np.float32)
        sentence = _segment_max((self._sentence_vectors @ queries.T).max(axis=1)
                                if len(self._sentence_owner) else np.zeros(0, np.float32),
                                self._sentence_owner, count, -1.0)
        use_asks = view.asks and len(self._ask_owner) > 0
        ask = (_segment_max(self._unseen(self._ask_vectors @ queries.T, view, 0.0),
                            self._ask_owner, count, 0.0)
               if use_asks else np.zeros(count, np.float32))
        has_asks = self._has_asks if view.asks else np.zeros(count, dtype=bool)
        not_covered, has_not_covered = self._not_covered_scores(queries, view)
        if view.asks not in self._lexical:
            self._lexical[view.asks] = _Lexical(self.units, with_asks=view.asks)
        lexical, coverage, missing = self._lexical[view.asks].scores(question)
        return Similarities(unit.astype(np.float32), sentence, ask, has_asks, not_covered,
                            has_not_covered, lexical, coverage, missing)

    def _not_covered_scores(self, queries: Vectors,
                            view: View) -> tuple[Floats, npt.NDArray[np.bool_]]:
        """For each unit, the closest not-covered question from its own folder or a later one:
        an earlier folder's list never outweighs what a later folder added."""
        count = len(self.units)
        if not (view.not_covered and len(self._not_covered) and count):
            return np.zeros(count, np.float32), np.zeros(count, dtype=bool)
        scores = self._unseen(self._not_covered @ queries.T, view, -np.inf)
        packs = int(max(self.packs.max(), self._not_covered_pack.max())) + 1
        by_pack = np.full(packs + 1, -np.inf, dtype=np.float32)
        np.maximum.at(by_pack, self._not_covered_pack, scores)
        # from_pack[p]: the best score among folders p, p+1, ...
        from_pack = np.maximum.accumulate(by_pack[::-1])[::-1]
        applicable = from_pack[self.packs]
        found = np.isfinite(applicable)
        return np.where(found, applicable, 0.0).astype(np.float32), found

    @staticmethod
    def _unseen(scores: Floats, view: View, hidden: float) -> Floats:
        """Each row's best score over the question's vectors; in an unseen view, `hidden` for a
        row within LEAK_COSINE of the whole question (the first vector)."""
        best = scores.max(axis=1)
        if view.unseen:
            best = np.where(scores[:, 0] >= LEAK_COSINE, hidden, best)
        return np.asarray(best, dtype=np.float32)

    def sentence_scores(self, unit: DefinitionUnit | ArticleUnit, vectors: Vectors) -> list[float]:
        """Each sentence of the unit against the question (its best vector)."""
        first = int(self._sentence_first[self.position[unit.id]])
        rows = self._sentence_vectors[first : first + len(unit.sentences)]
        queries = vectors.reshape(-1, rows.shape[1]) if len(rows) else vectors
        return [float(s) for s in (rows @ queries.T).max(axis=1)] if len(rows) else []

    def dense_score(self, unit_id: str, vectors: Vectors) -> float:
        """Cosine of the whole question (the first vector) with the whole unit."""
        position = self._every_position.get(unit_id)
        if position is None:
            return 0.0
        row = self._every_vector[position]
        return float(row @ vectors.reshape(-1, row.shape[0])[0])

    def nearest_not_covered(self, vectors: Vectors, pack: int) -> tuple[str, float] | None:
        """The closest question, from folder `pack` or a later one, that we do not cover."""
        usable = np.flatnonzero(self._not_covered_pack >= pack)
        if not len(usable):
            return None
        queries = vectors.reshape(-1, self._not_covered.shape[1])
        scores = (self._not_covered[usable] @ queries.T).max(axis=1)
        best = int(np.argmax(scores))
        return self._not_covered_texts[int(usable[best])], float(scores[best])

    def dense_order(self, vectors: Vectors) -> list[str]:
        """Unit ids by dense similarity alone, for the baseline in evaluation."""
        best = self.similarities("", vectors).best
        return [self.units[int(i)].id for i in np.argsort(-best, kind="stable")[:CANDIDATES]]

    def lexical_order(self, question: str) -> list[str]:
        """Unit ids by BM25 alone, for the baseline in evaluation."""
        scores = self._lexical[True].scores(question)[0]
        order = np.argsort(-scores, kind="stable")[:CANDIDATES]
        return [self.units[int(i)].id for i in order if scores[i] > 0]
