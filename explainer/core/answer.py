"""A question -> an Answer made only of word-for-word excerpts, or an honest refusal.

What to answer is decided in decision.py; this module gathers what it weighs and shapes the
excerpts: urgent card first, the legal-help pointer last for personal questions, and for an
article the best one to three whole sentences that carry the content.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from explainer.core.aliases import AliasMatch
from explainer.core.constants import (
    MAX_EXCERPTS,
    MAX_SENTENCES,
    MIN_EXCERPT_WORDS,
    NAMED_SENTENCE_BONUS,
    TERM_LOOKUP_OTHER_WORDS,
)
from explainer.core.decision import Decision, DecisionModel, decide
from explainer.core.encoder import Vectors
from explainer.core.features import Candidate, candidates
from explainer.core.intent import Intent
from explainer.core.language import looks_spanish, question_language, quoting_language
from explainer.core.messages import message
from explainer.core.models import Answer, ArticleUnit, DefinitionUnit, Excerpt, Reason
from explainer.core.retrieve import AS_IS, Retriever, View, word_set
from explainer.core.text import content_tokens, stems, tokens

LEGAL_HELP_ID = "legal-help"
URGENT_ID = "if-this-is-happening-now"


class CandidateReport(BaseModel):
    id: str
    probability: float
    features: dict[str, float]


class Explanation(BaseModel):
    """Why a question was answered or refused (`ask --explain`)."""

    rule: str | None
    probability: float
    threshold: float
    keep: float
    answered: bool
    not_covered_neighbour: str | None
    not_covered_similarity: float | None
    candidates: list[CandidateReport]


def refusal(question: str, reason: Reason, language: str, see: Sequence[str] = (),
            key: str | None = None) -> Answer:
    """No excerpts: the reason's fixed text, or `key`'s ("thanks" and "goodbye" are greetings
    too; the JSON contract keeps its four reasons)."""
    return Answer(question=question, status="no_answer", reason=reason,
                  message=message(key or reason, language), see=list(see), excerpts=[])


def _phrases(matches: Sequence[AliasMatch], language: str) -> list[frozenset[str]]:
    """The stemmed words of each matched term, stemmed as the text they are compared with."""
    return [frozenset(stems(match.phrase, language)) for match in matches]


class Answerer:
    def __init__(self, retriever: Retriever, model: DecisionModel | None = None,
                 max_excerpts: int = MAX_EXCERPTS) -> None:
        self.retriever = retriever
        self.model = model
        self.max_excerpts = max_excerpts

    def candidates(self, question: str, vectors: Vectors, intent: Intent,
                   view: View = AS_IS, matches: Sequence[AliasMatch] | None = None,
                   ) -> list[Candidate]:
        """What the decision weighs, for a question whose vectors (whole, then sentences)."""
        similarities = self.retriever.similarities(question, vectors, view)
        if matches is None:
            matches = self.retriever.aliases.find(question)
        return candidates(self.retriever, question, similarities, matches, intent,
                          looks_spanish(question))

    def weigh(self, question: str, vectors: Vectors, intent: Intent,
              matches: Sequence[AliasMatch] | None = None) -> Decision:
        if matches is None:
            matches = self.retriever.aliases.find(question)
        found = self.candidates(question, vectors, intent, matches=matches)
        return decide(found, intent, self._looked_up(question, intent, matches), self.model)

    @staticmethod
    def _looked_up(question: str, intent: Intent, found: Sequence[AliasMatch]) -> str | None:
        """The term a question asks the meaning of, when it asks nothing more."""
        if not intent.definitional:
            return None
        matches = [m for m in found if not m.ambiguous]
        if len(matches) != 1:
            return None
        language = question_language(question)
        named = _phrases(matches, language)[0]
        others = set(stems(content_tokens(question, language), language)) - named
        return matches[0].definition_id if len(others) <= TERM_LOOKUP_OTHER_WORDS else None

    def answer(self, question: str, vectors: Vectors, intent: Intent,
               language: str) -> tuple[Answer, Decision]:
        matches = self.retriever.aliases.find(question)  # once: every step below reads them
        decision = self.weigh(question, vectors, intent, matches)
        if not decision.answer:
            return refusal(question, "out_of_scope", language, self._see(intent, False)), decision
        chosen = self._choose(decision, intent, self._using_term(matches, decision))
        if not chosen:  # nothing to quote besides the pointer
            return refusal(question, "out_of_scope", language, self._see(intent, False)), decision
        # The same slots, each said in the reader's language where a translation exists.
        quoted = [self.retriever.translated(unit, quoting_language(question, language))
                  for unit in chosen]
        excerpts = [self._excerpt(unit, vectors, matches) for unit in quoted]
        key = "answered_advice" if intent.seeks_advice else "answered"
        return Answer(question=question, status="answered", reason=None,
                      message=message(key, language), see=self._see(intent, True),
                      excerpts=excerpts), decision

    def explain(self, decision: Decision, vectors: Vectors) -> Explanation:
        best = decision.ranked[0].candidate.unit if decision.ranked else None
        neighbour = self.retriever.nearest_not_covered(vectors, best.pack if best else 0)
        return Explanation(
            rule=decision.rule, probability=round(decision.probability, 4),
            threshold=decision.threshold, keep=decision.keep, answered=decision.answer,
            not_covered_neighbour=neighbour[0] if neighbour else None,
            not_covered_similarity=round(neighbour[1], 4) if neighbour else None,
            candidates=[CandidateReport(id=s.candidate.unit.id,
                                        probability=round(s.probability, 4),
                                        features=s.candidate.named())
                        for s in decision.ranked[:5]],
        )

    def ranked_ids(self, question: str, vectors: Vectors, intent: Intent) -> list[str]:
        """The decision's ranking alone, without refusals or answer shaping (for evaluation)."""
        return [s.candidate.unit.id for s in self.weigh(question, vectors, intent).ranked]

    def help_pointers(self, intent: Intent) -> list[str]:
        """What to offer when we cannot read a question: the urgent card if it sounds urgent,
        and always legal help."""
        return self._see(intent, in_scope=False)

    def _see(self, intent: Intent, in_scope: bool) -> list[str]:
        wanted = []
        if intent.urgent:
            wanted.append(URGENT_ID)
        if intent.seeks_advice or intent.urgent or not in_scope:
            wanted.append(LEGAL_HELP_ID)
        return [unit_id for unit_id in wanted if unit_id in self.retriever.by_id]

    def _using_term(self, matches: Sequence[AliasMatch], decision: Decision) -> list[str]:
        """For a term look-up: the article passages that use the term, best first."""
        if decision.rule != "term":
            return []
        leader = decision.ranked[0].candidate.unit.id
        named = [m for m in matches if m.definition_id == leader]
        return [s.candidate.unit.id for s in decision.ranked
                if isinstance(s.candidate.unit, ArticleUnit)
                and any(p <= self.retriever.words[s.candidate.unit.id]
                        for p in _phrases(named, s.candidate.unit.language))]

    def _choose(self, decision: Decision, intent: Intent,
                using_term: Sequence[str] = ()) -> list[DefinitionUnit | ArticleUnit]:
        """The units to quote: urgent card first, then the decision's excerpts (for a term
        look-up: the definition, then passages that use the term), legal help last for
        personal questions."""
        by_id = self.retriever.by_id
        ids = [URGENT_ID] if intent.urgent and URGENT_ID in by_id else []
        wanted = [s.candidate.unit.id for s in decision.excerpt_units()]
        wanted = [*wanted[:1], *using_term, *wanted[1:]]
        add_help = (intent.seeks_advice and LEGAL_HELP_ID in by_id and self.max_excerpts > 1)
        room = self.max_excerpts - add_help
        for uid in wanted:
            if len(ids) >= room:
                break
            if uid not in ids and not (add_help and uid == LEGAL_HELP_ID):
                ids.append(uid)
        if not [uid for uid in ids if uid != LEGAL_HELP_ID]:
            return []
        if add_help:
            ids.append(LEGAL_HELP_ID)
        return [by_id[uid] for uid in ids[: self.max_excerpts]]

    def _excerpt(
        self, unit: DefinitionUnit | ArticleUnit, vectors: Vectors, matches: list[AliasMatch]
    ) -> Excerpt:
        start, end = 0, len(unit.text)
        if isinstance(unit, ArticleUnit) and unit.sentences:
            start, end = self._best_sentences(unit, vectors, matches)
        return Excerpt(
            id=unit.id, kind=unit.kind, title=unit.title, text=unit.text[start:end],
            start=start, end=end, source=unit.source, location=unit.location,
            as_of=unit.as_of, language=unit.language, note=unit.note,
            score=round(self.retriever.dense_score(unit.id, vectors), 4),
        )

    def _best_sentences(
        self, unit: ArticleUnit, vectors: Vectors, matches: list[AliasMatch]
    ) -> tuple[int, int]:
        """The best sentence, grown while the excerpt is too short to say anything on its own:
        first by the sentences after it (a sentence that announces a topic is followed by what
        it announces), then before it; at most three whole, adjacent sentences."""
        scores = self.retriever.sentence_scores(unit, vectors)
        phrases = _phrases(matches, unit.language)
        for number, span in enumerate(unit.sentences):
            sentence_words = word_set(unit.text[span.start : span.end], unit.language)
            if any(phrase <= sentence_words for phrase in phrases):
                scores[number] += NAMED_SENTENCE_BONUS
        best = max(range(len(scores)), key=scores.__getitem__)
        low = high = best

        def words() -> int:
            return len(tokens(unit.text[unit.sentences[low].start : unit.sentences[high].end]))

        while high - low + 1 < MAX_SENTENCES and words() < MIN_EXCERPT_WORDS:
            if high + 1 < len(scores):
                high += 1
            elif low > 0:
                low -= 1
            else:
                break
        return unit.sentences[low].start, unit.sentences[high].end
