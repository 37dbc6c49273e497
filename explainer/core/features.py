"""For each candidate unit, the numbers the answer decision weighs.

Each number means the same for any knowledge pack: cosine similarities, a share of the
question's words, ranks, and yes/no facts about the question. None depends on the bundled
knowledge's wording, its places or its size; a pack without asks or without a not-covered list
simply has those at 0 with their "has_" flag off.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from explainer.core.aliases import AliasMatch
from explainer.core.constants import CANDIDATES
from explainer.core.intent import Intent
from explainer.core.models import ArticleUnit, DefinitionUnit
from explainer.core.retrieve import Retriever, Similarities
from explainer.core.text import content_tokens

FEATURES: tuple[str, ...] = (
    "sim_unit",  # cosine of the question with the whole unit
    "sim_sentence",  # ... with the unit's best sentence
    "sim_ask",  # ... with the unit's best ask (0 without asks)
    "has_asks",
    "sim_best",  # the best of those three
    "behind_leader",  # how far its best similarity is behind the best unit's (0 for the best)
    # Per folder: a pack without asks has lower similarities than bundled units with asks, so
    # each unit is also compared with the best unit of its own folder, and by its text alone
    # (whole unit or best sentence, never asks) with the best text of any folder.
    "behind_folder_leader",
    "text_behind_folder_leader",
    "text_behind_leader",
    "sim_not_covered",  # ... with the closest question its folder (or a later one) does not cover
    "has_not_covered",
    "not_covered_margin",  # sim_not_covered - sim_best, for a unit with asks (else 0)
    "not_covered_margin_no_asks",  # the same for a unit without asks (a question is compared
    # with passages only, so the margin means something else)
    "word_coverage",  # IDF-weighted share of the question's words that the unit uses
    "rarest_missing_word",  # IDF of the rarest question word the unit lacks (share of the most)
    "dense_rank",  # 1 / (1 + rank) by best similarity
    "lexical_rank",  # 1 / (1 + rank) by BM25 (0 when no word is shared)
    "names_term",  # the question names this definition's term or an alias
    "asks_what_term_is",  # ... and asks what it is ("what is a detainer")
    "is_definition",
    "asks_for_detail",  # a phone number, price, share or forecast (we keep none)
    "seeks_advice",  # about the asker's own situation
    "spanish",
    "question_length",  # log(1 + content words)
)


@dataclass(frozen=True)
class Candidate:
    unit: DefinitionUnit | ArticleUnit
    values: npt.NDArray[np.float64]  # in FEATURES order

    def named(self) -> dict[str, float]:
        return {name: round(float(value), 4) for name, value in zip(FEATURES, self.values,
                                                                     strict=True)}


def _inverse_ranks(scores: npt.NDArray[np.float32], positive_only: bool) -> npt.NDArray[np.float64]:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = 1.0 / (2.0 + np.arange(len(scores)))
    if positive_only:
        ranks[scores <= 0] = 0.0
    return ranks


def _best_per_folder(scores: npt.NDArray[np.float32],
                     packs: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """For each unit, the best score among the units of its folder."""
    if not len(scores):
        return scores
    best = np.full(int(packs.max()) + 1, -np.inf, dtype=np.float32)
    np.maximum.at(best, packs, scores)
    return best[packs]


def candidates(retriever: Retriever, question: str, similarities: Similarities,
               matches: Sequence[AliasMatch], intent: Intent, spanish: bool) -> list[Candidate]:
    """The units worth weighing: the best by similarity, by BM25, and every named term."""
    best = similarities.best
    named = {m.definition_id for m in matches if not m.ambiguous}
    picked = list(np.argsort(-best, kind="stable")[:CANDIDATES])
    lexical_order = np.argsort(-similarities.lexical, kind="stable")[:CANDIDATES]
    picked += [i for i in lexical_order if similarities.lexical[i] > 0]
    picked += [retriever.position[uid] for uid in named if uid in retriever.position]
    dense_rank = _inverse_ranks(best, positive_only=False)
    lexical_rank = _inverse_ranks(similarities.lexical, positive_only=True)
    length = math.log1p(len(content_tokens(question, "es" if spanish else "en")))
    leader = float(best.max()) if len(best) else 0.0
    text = np.maximum(similarities.unit, similarities.sentence)
    folder_best = _best_per_folder(best, retriever.packs)
    folder_text = _best_per_folder(text, retriever.packs)
    text_leader = float(text.max()) if len(text) else 0.0
    found = []
    for position in dict.fromkeys(int(i) for i in picked):
        unit = retriever.units[position]
        names = unit.id in named
        asks = float(similarities.has_asks[position])
        margin = float((similarities.not_covered[position] - best[position])
                       * similarities.has_not_covered[position])
        values = np.asarray([
            similarities.unit[position],
            similarities.sentence[position],
            similarities.ask[position],
            similarities.has_asks[position],
            best[position],
            best[position] - leader,
            best[position] - folder_best[position],
            text[position] - folder_text[position],
            text[position] - text_leader,
            similarities.not_covered[position],
            similarities.has_not_covered[position],
            margin * asks,
            margin * (1 - asks),
            similarities.coverage[position],
            similarities.missing[position],
            dense_rank[position],
            lexical_rank[position],
            names,
            names and intent.definitional,
            isinstance(unit, DefinitionUnit),
            intent.asks_for_detail,
            intent.seeks_advice,
            spanish,
            length,
        ], dtype=np.float64)
        found.append(Candidate(unit, values))
    return found


def question_vectors_texts(question: str) -> list[str]:
    """The whole question, then each of its sentences when it has more than one."""
    from explainer.core.sentences import sentence_spans

    spans = sentence_spans(question)
    if len(spans) < 2:
        return [question]
    return [question, *(question[start:end] for start, end in spans)]

