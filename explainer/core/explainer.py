"""The facade every front end calls: load once, then `ask(question) -> Answer`."""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
import threading
from collections.abc import Sequence

import numpy as np

from explainer.core.answer import LEGAL_HELP_ID, Answerer, Explanation, refusal
from explainer.core.decision import DecisionModel
from explainer.core.encoder import EmbeddingBackend, MiniLMBackend, Vectors
from explainer.core.features import Candidate, question_vectors_texts
from explainer.core.index import BuildProgress, IndexProblem, IndexStore, LoadedIndex, Manifest
from explainer.core.intent import Intent, asks_about_privacy, read_intent, small_talk
from explainer.core.knowledge import KnowledgeError, fingerprint, load_knowledge
from explainer.core.messages import current_language
from explainer.core.models import Answer, ArticleUnit, DefinitionUnit, NotCoveredQuestion
from explainer.core.retrieve import AS_IS, Retriever, View
from explainer.core.sentences import remember
from explainer.core.text import clean_line, normalize
from explainer.core.threads import one_blas_thread
from explainer.settings import Settings

MAX_QUESTION_CHARS = 500


class ExplainerError(Exception):
    """Nothing can be answered: the message says why in plain words."""


def build_command(settings: Settings) -> str:
    """The command that builds the index for these settings, with the same --knowledge
    folders, quoted so it can be pasted (EXPLAINER_KNOWLEDGE is still set in that shell)."""
    options = [part for folder in settings.extra_knowledge for part in ("--knowledge", str(folder))]
    return shlex.join(["explainer", *options, "index", "build"])


class Explainer:
    def __init__(
        self,
        settings: Settings | None = None,
        backend: EmbeddingBackend | None = None,
        *,
        allow_build: bool = True,
        progress: BuildProgress | None = None,
        model: DecisionModel | None = None,
        quiet: bool = False,
    ) -> None:
        self.settings = settings or Settings()
        self.backend = backend or MiniLMBackend()
        self.allow_build = allow_build
        self.progress = progress
        self.model = model  # the decision model; None: the one that ships
        self.quiet = quiet  # line mode: libraries may print nothing at all while building
        self.store = IndexStore(self.settings.index_folder())
        self.warnings: list[str] = []
        self._loaded: LoadedIndex | None = None
        self._answerer: Answerer | None = None
        self._glossary: list[DefinitionUnit] = []
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._answerer is not None

    # Loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Open the index, building or rebuilding it when the knowledge changed.

        If the knowledge has errors, the last good index keeps answering and `warnings` names
        the files and lines. Raises ExplainerError when there is nothing to answer from.
        """
        with self._lock:
            if self._answerer is None:
                self._choose_index()

    def _choose_index(self) -> None:
        folders = self.settings.knowledge_folders()
        try:
            wanted = fingerprint(folders)
        except OSError as error:
            raise ExplainerError(f"The knowledge could not be read: {error}") from None
        manifest = self.store.current_manifest()
        if manifest is not None and manifest.knowledge_sha256 == wanted:
            try:
                # The encoder opens in a thread while the retriever is built (index.py).
                self._open(self.store.load(self.backend, wait=False))
                return
            except IndexProblem as problem:
                self.warnings.append(f"The index will be rebuilt: {problem}.")
        remember(self.store.known_sentences())  # unchanged paragraphs are not split again
        try:
            knowledge = load_knowledge(folders)
        except KnowledgeError as error:
            self._open(self._fall_back(error))
            return
        if not self.allow_build:
            raise ExplainerError(
                "The search index is missing or out of date. Build it first with: "
                + build_command(self.settings)
            )
        self._build(knowledge.vetted(), wanted, knowledge.not_covered)
        try:
            self._open(self.store.load(self.backend))
        except IndexProblem as problem:
            raise ExplainerError(f"The new index could not be opened: {problem}.") from None

    def _fall_back(self, error: KnowledgeError) -> LoadedIndex:
        problems = [str(problem) for problem in error.problems]
        try:
            loaded = self.store.load(self.backend)
        except IndexProblem:
            raise ExplainerError(
                "The knowledge has errors, and there is no earlier index to answer from:\n"
                + "\n".join(problems)
            ) from None
        self.warnings.append(
            "The knowledge has errors, so answers come from the last good index. Fix these:"
        )
        self.warnings += problems
        return loaded

    def _build(self, units: list[DefinitionUnit | ArticleUnit], knowledge_sha256: str,
               not_covered: Sequence[NotCoveredQuestion] = ()) -> Manifest:
        # Libraries may print while loading the model: keep stdout for our own output, and in
        # quiet (line) mode let nothing through at all.
        with contextlib.ExitStack() as stack:
            sink = stack.enter_context(open(os.devnull, "w")) if self.quiet else sys.stderr
            stack.enter_context(contextlib.redirect_stdout(sink))
            stack.enter_context(contextlib.redirect_stderr(sink))
            return self.store.build(units, knowledge_sha256, self.backend, self.progress,
                                    not_covered)

    def build_index(self) -> Manifest:
        """Validate the knowledge and build a new index now (raises KnowledgeError); it is
        opened now or by the next question."""
        folders = self.settings.knowledge_folders()
        remember(self.store.known_sentences())  # unchanged paragraphs are not split again
        knowledge = load_knowledge(folders)
        manifest = self._build(knowledge.vetted(), fingerprint(folders), knowledge.not_covered)
        with self._lock:
            self._answerer = self._loaded = None
            # A new encoder is opened now, so a file onnxruntime cannot read fails the build.
            # A reused one was checked and linked from the last build moments ago: the next
            # question loads (and checks) the index, and `index build` ends sooner.
            if self.store.encoder_exported:
                self._open(self.store.load(self.backend))
        return manifest

    def _open(self, loaded: LoadedIndex) -> None:
        """Answer from `loaded` (raises IndexProblem if its encoder did not open)."""
        one_blas_thread()
        retriever = Retriever(loaded)
        answerer = Answerer(retriever, self.model, self.settings.max_excerpts)
        definitions = [u for u in loaded.units if isinstance(u, DefinitionUnit)]
        glossary = sorted((u for u in definitions if u.translation_of is None),
                          key=lambda unit: unit.term.casefold())
        loaded.wait_for_encoder()  # checked, opened and warmed up in its thread meanwhile
        self._loaded, self._answerer, self._glossary = loaded, answerer, glossary

    def use_model(self, model: DecisionModel | None) -> None:
        """Decide with `model` from now on (to measure a fit on files it was not fitted on);
        None: the model that ships."""
        self.model = model
        if self._answerer is not None:
            self._answerer.model = model

    # Answering -----------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """Answer with cited, word-for-word excerpts, or say why not. Loads on first use."""
        return self._answer(question, explain=False)[0]

    def ask_explained(self, question: str) -> tuple[Answer, Explanation | None]:
        """The answer and why (None when the question was refused before any search)."""
        return self._answer(question, explain=True)

    def _answer(self, question: str, explain: bool) -> tuple[Answer, Explanation | None]:
        language = self.settings.lang
        cleaned = clean_line(question)
        shown = cleaned[:MAX_QUESTION_CHARS]
        if not cleaned:
            return refusal(shown, "empty", language), None
        intent = read_intent(cleaned)
        if len(cleaned) > MAX_QUESTION_CHARS:  # a pasted story: say what to do, offer help
            self.load()
            assert self._answerer is not None
            return refusal(shown, "too_long", language,
                           self._answerer.help_pointers(intent)), None
        if intent.greeting:
            return refusal(shown, "greeting", language, key=small_talk(cleaned)), None
        if asks_about_privacy(cleaned) and not intent.urgent:
            return refusal(shown, "greeting", language, key="privacy"), None
        answerer, vectors = self._encoded(cleaned)
        answer, decision = answerer.answer(cleaned, vectors, intent, language)
        # The explanation compares the question with every not-covered question: only on request.
        return answer, answerer.explain(decision, vectors) if explain else None

    def _encoded(self, cleaned: str) -> tuple[Answerer, Vectors]:
        self.load()
        assert self._answerer is not None and self._loaded is not None
        return self._answerer, self._loaded.encoder.encode(question_vectors_texts(cleaned))

    def candidates(self, question: str, view: View = AS_IS) -> tuple[Intent, list[Candidate]]:
        """What the decision weighs for a question (for fitting the decision model)."""
        cleaned = clean_line(question)
        intent = read_intent(cleaned)
        answerer, vectors = self._encoded(cleaned)
        return intent, answerer.candidates(cleaned, vectors, intent, view)

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Questions as the index sees them (for evaluation: which questions mean the same)."""
        self.load()
        assert self._loaded is not None
        return self._loaded.encoder.encode([clean_line(text) for text in texts])

    def known_questions(self) -> tuple[list[str], Vectors]:
        """Every ask and not-covered question in the index, with its vector."""
        self.load()
        assert self._loaded is not None
        loaded = self._loaded
        texts = [ask for unit in loaded.units for ask in unit.asks]
        texts += [q.text for q in loaded.not_covered]
        return texts, np.vstack([loaded.ask_vectors, loaded.not_covered_vectors])

    def baseline_ids(self, question: str, method: str) -> list[str]:
        """Unit ids ranked by plain `dense` or plain `bm25` search, or by our `fused-order`
        (the decision's ranking alone: no refusal, no help pointer), for evaluation only."""
        self.load()
        assert self._answerer is not None and self._loaded is not None
        retriever = self._answerer.retriever
        cleaned = clean_line(question)
        if method == "bm25":
            return retriever.lexical_order(cleaned)
        answerer, vectors = self._encoded(cleaned)
        if method == "fused-order":
            return answerer.ranked_ids(cleaned, vectors, read_intent(cleaned))
        if method == "dense":
            return retriever.dense_order(vectors[:1])
        raise ValueError(f"unknown ranking {method!r}: use fused-order, bm25 or dense")

    # What front ends need ------------------------------------------------------------------

    def _units(self) -> list[DefinitionUnit | ArticleUnit]:
        self.load()
        assert self._loaded is not None
        return self._loaded.units

    def unit(self, unit_id: str) -> DefinitionUnit | ArticleUnit | None:
        self.load()
        assert self._answerer is not None
        return self._answerer.retriever.by_id.get(unit_id)

    def glossary(self, language: str | None = None) -> list[DefinitionUnit]:
        """Every vetted term, sorted; in `language`, a term the knowledge holds in that
        language is listed by its translation (accents do not change the order)."""
        self.load()
        if language is None:
            return list(self._glossary)
        terms = [self.translation(unit.id, language) for unit in self._glossary]
        found = [unit for unit in terms if isinstance(unit, DefinitionUnit)]
        return sorted(found, key=lambda unit: normalize(unit.term))

    def entry_of(self, unit_id: str) -> str:
        """The entry an excerpt stands for: a translation counts as the entry it translates."""
        found = self.unit(unit_id)
        return found.entry if found else unit_id

    def translation(self, unit_id: str,
                    language: str) -> DefinitionUnit | ArticleUnit | None:
        """A unit said in `language` where the knowledge holds that translation, else itself."""
        self.load()
        assert self._answerer is not None
        unit = self._answerer.retriever.by_id.get(unit_id)
        return self._answerer.retriever.translated(unit, language) if unit else None

    def article(self, article_id: str) -> list[ArticleUnit]:
        """The paragraphs of one article, in order (empty if there is no such article)."""
        return [u for u in self._units() if isinstance(u, ArticleUnit)
                and u.article_id == article_id]

    def legal_help(self, language: str | None = None) -> DefinitionUnit | None:
        """The free legal help card, in `language` (default: the interface's) where the
        knowledge holds that translation: a handout in Spanish gets the Spanish card."""
        found = self.translation(LEGAL_HELP_ID, language or current_language())
        return found if isinstance(found, DefinitionUnit) else None

