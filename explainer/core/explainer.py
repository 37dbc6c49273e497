"""The facade every front end calls: load once, then `ask(question) -> Answer`."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Sequence

from explainer.core.answer import LEGAL_HELP_ID, Answerer, Thresholds, refusal
from explainer.core.encoder import EmbeddingBackend, MiniLMBackend
from explainer.core.index import BuildProgress, IndexProblem, IndexStore, LoadedIndex, Manifest
from explainer.core.intent import read_intent
from explainer.core.knowledge import KnowledgeError, fingerprint, load_knowledge
from explainer.core.models import Answer, ArticleUnit, DefinitionUnit
from explainer.core.retrieve import Retriever
from explainer.core.text import clean_line
from explainer.settings import Settings

MAX_QUESTION_CHARS = 500


class ExplainerError(Exception):
    """Nothing can be answered: the message says why in plain words."""


class Explainer:
    def __init__(
        self,
        settings: Settings | None = None,
        backend: EmbeddingBackend | None = None,
        *,
        allow_build: bool = True,
        progress: BuildProgress | None = None,
        thresholds: Thresholds | None = None,
        quiet: bool = False,
    ) -> None:
        self.settings = settings or Settings()
        self.backend = backend or MiniLMBackend()
        self.allow_build = allow_build
        self.progress = progress
        self.thresholds = thresholds
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
                self._open(self._choose_index())

    def _choose_index(self) -> LoadedIndex:
        folders = self.settings.knowledge_folders()
        try:
            wanted = fingerprint(folders)
        except OSError as error:
            raise ExplainerError(f"The knowledge could not be read: {error}") from None
        manifest = self.store.current_manifest()
        if manifest is not None and manifest.knowledge_sha256 == wanted:
            try:
                return self.store.load(self.backend)
            except IndexProblem as problem:
                self.warnings.append(f"The index will be rebuilt: {problem}.")
        try:
            knowledge = load_knowledge(folders)
        except KnowledgeError as error:
            return self._fall_back(error)
        if not self.allow_build:
            raise ExplainerError(
                "The search index is missing or out of date. Build it first with: "
                "explainer index build"
            )
        self._build(knowledge.vetted(), wanted, knowledge.not_covered)
        try:
            return self.store.load(self.backend)
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
               not_covered: Sequence[str] = ()) -> Manifest:
        # Libraries may print while loading the model: keep stdout for our own output, and in
        # quiet (line) mode let nothing through at all.
        with contextlib.ExitStack() as stack:
            sink = stack.enter_context(open(os.devnull, "w")) if self.quiet else sys.stderr
            stack.enter_context(contextlib.redirect_stdout(sink))
            stack.enter_context(contextlib.redirect_stderr(sink))
            return self.store.build(units, knowledge_sha256, self.backend, self.progress,
                                    not_covered)

    def build_index(self) -> Manifest:
        """Validate the knowledge and build a new index now (raises KnowledgeError)."""
        folders = self.settings.knowledge_folders()
        knowledge = load_knowledge(folders)
        manifest = self._build(knowledge.vetted(), fingerprint(folders), knowledge.not_covered)
        with self._lock:
            self._answerer = None
            self._open(self.store.load(self.backend))
        return manifest

    def _open(self, loaded: LoadedIndex) -> None:
        retriever = Retriever(loaded)
        self._loaded = loaded
        self._answerer = Answerer(retriever, self.thresholds, self.settings.max_excerpts)
        definitions = [u for u in loaded.units if isinstance(u, DefinitionUnit)]
        self._glossary = sorted(definitions, key=lambda unit: unit.term.casefold())
        loaded.encoder.encode(["warm up"])  # the first encode is several times slower

    # Answering -----------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """Answer with cited, word-for-word excerpts, or say why not. Loads on first use."""
        language = self.settings.lang
        cleaned = clean_line(question)
        shown = cleaned[:MAX_QUESTION_CHARS]
        if not cleaned:
            return refusal(shown, "empty", language)
        if len(cleaned) > MAX_QUESTION_CHARS:
            return refusal(shown, "too_long", language)
        intent = read_intent(cleaned)
        if intent.greeting:
            return refusal(shown, "greeting", language)
        self.load()
        assert self._answerer is not None and self._loaded is not None
        vector = self._loaded.encoder.encode([cleaned])[0]
        return self._answerer.answer(cleaned, vector, intent, language)

    def baseline_ids(self, question: str, method: str) -> list[str]:
        """Unit ids ranked by plain `dense` or plain `bm25` search, or by our `fused-order`
        alone (no refusal, no help pointer), for evaluation only."""
        self.load()
        assert self._answerer is not None and self._loaded is not None
        retriever = self._answerer.retriever
        cleaned = clean_line(question)
        if method == "bm25":
            return retriever.lexical_order(cleaned)
        vector = self._loaded.encoder.encode([cleaned])[0]
        if method == "fused-order":
            return self._answerer.ranked_ids(cleaned, vector, read_intent(cleaned))
        if method == "dense":
            return retriever.dense_order(vector)
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

    def glossary(self) -> list[DefinitionUnit]:
        """Every vetted definition, sorted by term."""
        self.load()
        return list(self._glossary)

    def article(self, article_id: str) -> list[ArticleUnit]:
        """The paragraphs of one article, in order (empty if there is no such article)."""
        return [u for u in self._units() if isinstance(u, ArticleUnit)
                and u.article_id == article_id]

    def legal_help(self) -> DefinitionUnit | None:
        found = self.unit(LEGAL_HELP_ID)
        return found if isinstance(found, DefinitionUnit) else None

