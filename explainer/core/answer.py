"""Ranked units -> an Answer made only of word-for-word excerpts, or an honest refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explainer.core.aliases import AliasMatch
from explainer.core.encoder import Vectors
from explainer.core.intent import Intent
from explainer.core.messages import message
from explainer.core.models import Answer, ArticleUnit, DefinitionUnit, Excerpt, Reason
from explainer.core.retrieve import Hit, Retriever, word_set
from explainer.core.scope import about_another_state, field_words, looks_spanish, setting_words
from explainer.core.text import content_tokens, light_stem

MAX_EXCERPTS = 3
MAX_SENTENCES = 3
LEGAL_HELP_ID = "legal-help"
URGENT_ID = "if-this-is-happening-now"


@dataclass(frozen=True)
class Thresholds:
    """Where "in scope" starts. Calibrated on the tune split and tests/data/dev_questions.jsonl."""

    # A whole unit at least this similar: in scope on its own.
    in_scope: float = 0.48
    # ... or the closest row (unit, first sentence or ask) at least this similar, and the
    # question uses a word of the field (scope.py).
    with_field_word: float = 0.15
    # ... or this, and the question uses a word of our setting: jail, sheriff, the article.
    with_setting_word: float = 0.45
    # ... or this, and the question names a defined term.
    with_term: float = 0.25
    # ... or a question people ask (or a unit) this close, whatever words it uses.
    on_its_own: float = 0.70
    # Out of scope when a question we know we cannot answer (not-covered.yaml) is at least
    # this much closer than the closest row we hold.
    not_covered_margin: float = 0.03
    # ... and for a question in Spanish, which the English model puts near every Spanish text.
    not_covered_margin_spanish: float = 0.03
    # ... less this when the question asks for a detail we keep none of (intent.py).
    detail_lean: float = 0.3
    # Extra excerpts (beyond named terms) must be at least this similar to the question.
    keep: float = 0.30
    # A lower-case acronym ("ice") counts as the term only if the question is this close.
    ambiguous_alias: float = 0.30
    # A neighbouring sentence joins the excerpt if it scores within this of the best one.
    sentence_margin: float = 0.06


def _phrases(matches: Sequence[AliasMatch]) -> list[frozenset[str]]:
    return [frozenset(light_stem(word) for word in match.phrase) for match in matches]


def _names_any(words: frozenset[str], phrases: Sequence[frozenset[str]]) -> bool:
    return any(phrase <= words for phrase in phrases)


def _asks_only_about(question: str, matches: Sequence[AliasMatch]) -> bool:
    """At most one word besides the named terms ("what does ERO stand for")."""
    named_words = frozenset().union(*_phrases(matches))
    others = {light_stem(word) for word in content_tokens(question)} - named_words
    return len(others) <= 1


def refusal(question: str, reason: Reason, language: str, see: Sequence[str] = ()) -> Answer:
    return Answer(question=question, status="no_answer", reason=reason,
                  message=message(reason, language), see=list(see), excerpts=[])


class Answerer:
    def __init__(self, retriever: Retriever, thresholds: Thresholds | None = None,
                 max_excerpts: int = MAX_EXCERPTS) -> None:
        self.retriever = retriever
        self.max_excerpts = max_excerpts
        self.thresholds = thresholds or Thresholds()

    def answer(self, question: str, vector: Vectors, intent: Intent, language: str) -> Answer:
        limits = self.thresholds
        matches = self.retriever.aliases.find(question)
        about_term = self._about_term(question, intent)
        hits = self._rank(question, vector, matches, about_term)
        best_unit = max((hit.dense for hit in hits), default=0.0)
        # Short asks look alike ("what is ..."), so they count only beside the question's words.
        best_row = max((hit.closest for hit in hits), default=0.0)
        matches = [m for m in matches if not m.ambiguous or best_row >= limits.ambiguous_alias]
        # "ice" in lower case may be frozen water: only a clear term counts towards scope.
        named = any(not m.ambiguous for m in matches)
        # Nearer to a topic we know we do not cover than to anything we hold: say so.
        margin = (limits.not_covered_margin_spanish if looks_spanish(question)
                  else limits.not_covered_margin)
        if intent.asks_for_detail:
            margin -= limits.detail_lean
        uncovered = self.retriever.not_covered_score(vector) >= best_row + margin
        close_enough = (
            best_unit >= limits.in_scope
            or (best_row >= limits.with_field_word and bool(field_words(question)))
            or (best_row >= limits.with_setting_word and bool(setting_words(question)))
            or (best_row >= limits.with_term and named)
            or best_row >= limits.on_its_own
        )
        # "What is ICE?" is always answered; "what is the pay of an ICE officer" asks more than
        # the term, so a topic we do not cover can outweigh it.
        about_a_term = named and intent.definitional
        just_the_term = about_a_term and _asks_only_about(question, matches)
        in_scope = intent.urgent or (
            not about_another_state(question) and not intent.task
            and (just_the_term or (not uncovered and (about_a_term or close_enough))))
        see = self._see(intent, in_scope)
        if not in_scope:
            return refusal(question, "out_of_scope", language, see)
        leading = matches if about_term else []
        chosen, added_help = self._choose(hits, leading, matches, intent)
        if len(chosen) == int(added_help):  # nothing relevant to quote besides the pointer
            return refusal(question, "out_of_scope", language, self._see(intent, False))
        excerpts = [self._excerpt(unit, vector, matches) for unit in chosen]
        key = "answered_advice" if intent.seeks_advice else "answered"
        return Answer(question=question, status="answered", reason=None,
                      message=message(key, language), see=see, excerpts=excerpts)

    def ranked_ids(self, question: str, vector: Vectors, intent: Intent) -> list[str]:
        """The fused ranking alone, without refusals or answer shaping (for evaluation)."""
        matches = self.retriever.aliases.find(question)
        hits = self._rank(question, vector, matches, self._about_term(question, intent))
        return [hit.unit.id for hit in hits]

    @staticmethod
    def _about_term(question: str, intent: Intent) -> bool:
        # A named term's definition leads when the question is about that term.
        return intent.definitional or len(content_tokens(question)) <= 3

    def _rank(self, question: str, vector: Vectors, matches: Sequence[AliasMatch],
              about_term: bool) -> list[Hit]:
        named_ids = [m.definition_id for m in matches] if about_term else []
        return self.retriever.rank(question, vector, named_ids)

    def _see(self, intent: Intent, in_scope: bool) -> list[str]:
        wanted = []
        if intent.urgent:
            wanted.append(URGENT_ID)
        if intent.seeks_advice or intent.urgent or not in_scope:
            wanted.append(LEGAL_HELP_ID)
        return [unit_id for unit_id in wanted if unit_id in self.retriever.by_id]

    def _choose(
        self, hits: list[Hit], leading: list[AliasMatch], matches: list[AliasMatch],
        intent: Intent,
    ) -> tuple[list[DefinitionUnit | ArticleUnit], bool]:
        """The units to quote, and whether the legal-help entry was added only as a pointer."""
        by_id = self.retriever.by_id
        first: list[str] = []
        if intent.urgent:
            first.append(URGENT_ID)
        first += [match.definition_id for match in leading]
        chosen = [uid for uid in dict.fromkeys(first) if uid in by_id]
        # Personal questions always end with where to get free legal help.
        add_help = (intent.seeks_advice and LEGAL_HELP_ID in by_id and LEGAL_HELP_ID not in chosen
                    and self.max_excerpts > 1)
        room = self.max_excerpts - add_help
        chosen = chosen[:room]
        for hit in self._ordered_candidates(hits, matches, intent):
            if len(chosen) >= room:
                break
            if hit.unit.id not in chosen and not (add_help and hit.unit.id == LEGAL_HELP_ID):
                chosen.append(hit.unit.id)
        if add_help:
            chosen.append(LEGAL_HELP_ID)
        return [by_id[uid] for uid in chosen], add_help

    def _ordered_candidates(
        self, hits: list[Hit], matches: list[AliasMatch], intent: Intent
    ) -> list[Hit]:
        """Relevant hits; for "what is X" questions, passages that use X come first."""
        # Close passages, and the definitions of terms the question names, however worded.
        named = {match.definition_id for match in matches if not match.ambiguous}
        close = [hit for hit in hits
                 if hit.closest >= self.thresholds.keep or hit.unit.id in named]
        if not (matches and intent.definitional):
            return close
        phrases = _phrases(matches)
        using = [hit for hit in hits if isinstance(hit.unit, ArticleUnit)
                 and _names_any(self.retriever.words[hit.unit.id], phrases)]
        return using + [hit for hit in close if hit not in using]

    def _excerpt(
        self, unit: DefinitionUnit | ArticleUnit, vector: Vectors, matches: list[AliasMatch]
    ) -> Excerpt:
        start, end = 0, len(unit.text)
        if isinstance(unit, ArticleUnit) and unit.sentences:
            start, end = self._best_sentences(unit, vector, matches)
        return Excerpt(
            id=unit.id, kind=unit.kind, title=unit.title, text=unit.text[start:end],
            start=start, end=end, source=unit.source, location=unit.location,
            as_of=unit.as_of, language=unit.language, note=unit.note,
            score=round(self.retriever.dense_score(unit.id, vector), 4),
        )

    def _best_sentences(
        self, unit: ArticleUnit, vector: Vectors, matches: list[AliasMatch]
    ) -> tuple[int, int]:
        """The best one to three whole, adjacent sentences of the paragraph."""
        scores = list(self.retriever.sentence_scores(unit, vector))
        phrases = _phrases(matches)
        for number, span in enumerate(unit.sentences):
            if _names_any(word_set(unit.text[span.start : span.end]), phrases):
                scores[number] += 0.05  # a sentence that names the asked-about term
        best = max(range(len(scores)), key=scores.__getitem__)
        low = high = best
        floor = scores[best] - self.thresholds.sentence_margin
        while high - low + 1 < MAX_SENTENCES:
            before = scores[low - 1] if low > 0 else None
            after = scores[high + 1] if high + 1 < len(scores) else None
            options = [(s, side) for s, side in ((before, -1), (after, 1)) if s is not None]
            if not options:
                break
            score, side = max(options)
            if score < floor:
                break
            low, high = (low - 1, high) if side < 0 else (low, high + 1)
        return unit.sentences[low].start, unit.sentences[high].end
