"""Question -> ranked units: dense (faiss) and lexical (BM25) rankings fused by reciprocal rank.

The dense ranking scores each unit by its best row: the whole unit, one of the questions it
answers as people ask them (`asks`), or, for a definition, its first sentence (the one that says
what the term is), so a description finds its term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explainer.core.aliases import AliasMatcher
from explainer.core.encoder import Vectors
from explainer.core.index import LoadedIndex
from explainer.core.models import ArticleUnit, DefinitionUnit
from explainer.core.text import light_stem, search_terms, tokens

RRF_K = 60
CANDIDATES = 20
# How much each ranking counts in the fusion (dense, BM25, named terms): calibrated on the tune
# split and the dev set. BM25 counts more because the asks give it people's own words.
RANKING_WEIGHTS = (1.0, 3.0, 1.0)


@dataclass(frozen=True)
class Hit:
    unit: DefinitionUnit | ArticleUnit
    dense: float  # cosine similarity between question and the whole unit
    closest: float  # the best of that and its ranked rows (first sentence, asks)
    lexical: float  # BM25 score (0 when no word is shared)
    fused: float  # reciprocal-rank fusion of both rankings


def word_set(text: str) -> frozenset[str]:
    """The lightly stemmed words of a text, for "does this text name that term?"."""
    return frozenset(light_stem(word) for word in tokens(text))


def lexical_text(unit: DefinitionUnit | ArticleUnit) -> str:
    """What BM25 reads: a definition with its term and aliases, a paragraph as it is."""
    if isinstance(unit, DefinitionUnit):
        return " ".join([unit.term, *unit.aliases, unit.text, *unit.asks])
    return " ".join([unit.text, *unit.asks])


class Retriever:
    def __init__(self, loaded: LoadedIndex) -> None:
        import bm25s
        import faiss

        # One thread: faiss's OpenMP threads fight onnxruntime's for two cores (PERF.md).
        faiss.omp_set_num_threads(1)
        self.units = loaded.units
        self.by_id = {unit.id: unit for unit in self.units}
        self._position = {unit.id: i for i, unit in enumerate(self.units)}
        # Stemmed words of each unit, to see which passages use an asked-about term.
        self.words = {unit.id: word_set(unit.text) for unit in self.units}
        self._search_index = loaded.search_index
        self._vectors = loaded.vectors
        self._sentence_vectors = loaded.sentence_vectors
        self._sentence_rows: dict[str, int] = {}
        row = 0
        owners: list[int] = []  # the unit position of each row after the unit rows
        self._ranked_rows = np.ones(loaded.search_index.ntotal, dtype=bool)
        for position, unit in enumerate(self.units):
            self._sentence_rows[unit.id] = row
            owners += [position] * len(unit.sentences)
            # Only a definition's first sentence competes in the ranking on its own.
            first_only = 1 if isinstance(unit, DefinitionUnit) else 0
            rows = slice(len(self.units) + row + first_only,
                         len(self.units) + row + len(unit.sentences))
            self._ranked_rows[rows] = False
            row += len(unit.sentences)
        for position, unit in enumerate(self.units):
            owners += [position] * len(unit.asks)  # every ask row is ranked
        self._row_owner = np.asarray(owners, dtype=np.int64)
        # Questions on topics we do not cover sit last in the index and never rank a unit.
        self._not_covered = loaded.not_covered_vectors
        if len(self._not_covered):
            self._ranked_rows[-len(self._not_covered) :] = False
        self._bm25 = bm25s.BM25()
        corpus = [search_terms(lexical_text(unit)) or [""] for unit in self.units]
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self.aliases = AliasMatcher([u for u in self.units if isinstance(u, DefinitionUnit)])

    def rank(self, question: str, vector: Vectors, named: Sequence[str] = ()) -> list[Hit]:
        """Candidates from both rankings, best fused score first.

        `named` (ids of definitions whose terms the question names) counts as a third ranking.
        """
        if not self.units:
            return []
        dense_all = self._vectors @ vector
        lexical_all = self._lexical_scores(question)
        lexical_top = [int(i) for i in np.argsort(-lexical_all)[:CANDIDATES] if lexical_all[i] > 0]
        fused: dict[int, float] = {}
        named_positions = [self._position[i] for i in named if i in self._position]
        dense_top = self._dense_top(vector)
        rankings = (list(dense_top), lexical_top, named_positions)
        for weight, ranking in zip(RANKING_WEIGHTS, rankings, strict=True):
            for rank, position in enumerate(ranking):
                fused[position] = fused.get(position, 0.0) + weight / (RRF_K + rank + 1)
        hits = [
            Hit(self.units[i], float(dense_all[i]),
                max(float(dense_all[i]), dense_top.get(i, -1.0)), float(lexical_all[i]), score)
            for i, score in fused.items()
        ]
        return sorted(hits, key=lambda hit: (-hit.fused, -hit.dense))

    def _dense_top(self, vector: Vectors) -> dict[int, float]:
        """Unit positions -> score of their best ranked row, best first, via faiss."""
        rows = self._search_index.ntotal
        scores, found = self._search_index.search(vector.reshape(1, -1),
                                                  min(rows, CANDIDATES * 8))
        top: dict[int, float] = {}
        for score, row in zip(scores[0], found[0], strict=True):
            if row >= 0 and self._ranked_rows[row]:
                top.setdefault(self._owner_of_row(int(row)), float(score))
        return dict(list(top.items())[:CANDIDATES])

    def _owner_of_row(self, row: int) -> int:
        units = len(self.units)
        return row if row < units else int(self._row_owner[row - units])

    def dense_order(self, vector: Vectors) -> list[str]:
        """Unit ids by dense similarity alone (a baseline for evaluation)."""
        return [self.units[position].id for position in self._dense_top(vector)]

    def lexical_order(self, question: str) -> list[str]:
        """Unit ids by BM25 alone (a baseline for evaluation)."""
        scores = self._lexical_scores(question)
        return [self.units[int(i)].id for i in np.argsort(-scores)[:CANDIDATES] if scores[i] > 0]

    def not_covered_score(self, vector: Vectors) -> float:
        """How close the question is to one we know the knowledge cannot answer (or -1)."""
        if not len(self._not_covered):
            return -1.0
        return float(np.max(self._not_covered @ vector))

    def dense_score(self, unit_id: str, vector: Vectors) -> float:
        position = self._position.get(unit_id)
        return 0.0 if position is None else float(self._vectors[position] @ vector)

    def _lexical_scores(self, question: str) -> np.ndarray:
        terms = search_terms(question)
        if not terms:
            return np.zeros(len(self.units), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)

    def sentence_scores(
        self, unit: DefinitionUnit | ArticleUnit, vector: Vectors
    ) -> Sequence[float]:
        first = self._sentence_rows[unit.id]
        rows = self._sentence_vectors[first : first + len(unit.sentences)]
        return [float(score) for score in rows @ vector]
