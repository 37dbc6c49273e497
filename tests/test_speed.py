"""Speed work that must not change behaviour: fewer imports at answer time, same scores."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from explainer.core import index as index_module
from explainer.core import prefetch, sentences
from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.core.index import (
    CURRENT_FILE,
    MANIFEST_FILE,
    NOT_COVERED_FILE,
    UNITS_FILE,
    VECTORS_FILE,
    IndexProblem,
    IndexStore,
)
from explainer.core.knowledge import load_knowledge
from explainer.core.language import question_language
from explainer.core.retrieve import _Lexical, lexical_text
from explainer.core.text import search_terms
from explainer.settings import Settings
from tests.helpers import settings_for

ROOT = Path(__file__).parent.parent


# bm25s as it is used by default, in a fresh process (this one may have imported it without
# scipy already): its scipy backend's scores for the questions' terms, one JSON line each.
SCIPY_SCORES = """
import json, sys
import bm25s
from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.core.index import IndexStore
from explainer.core.knowledge import load_knowledge
from explainer.core.retrieve import lexical_text
from explainer.core.text import search_terms
from explainer.settings import Settings
from tests.helpers import settings_for
units = load_knowledge(Settings().knowledge_folders()).vetted()
reference = bm25s.BM25(csc_backend="scipy")
reference.index([search_terms(lexical_text(u), u.language) or [""] for u in units],
                show_progress=False)
for terms in json.loads(sys.stdin.read()):
    print(json.dumps(reference.get_scores(terms).tolist()))
"""


def test_lexical_scores_equal_bm25s_with_scipy() -> None:
    lines = (ROOT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8")
    questions = [json.loads(line)["question"] for line in lines.splitlines()]
    questions = [q for q in questions if search_terms(q, question_language(q))]
    terms = [list(dict.fromkeys(search_terms(q, question_language(q)))) for q in questions]
    result = subprocess.run([sys.executable, "-c", SCIPY_SCORES], input=json.dumps(terms),
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    expected = [np.asarray(json.loads(line), dtype=np.float32)
                for line in result.stdout.splitlines()]
    ours = _Lexical(load_knowledge(Settings().knowledge_folders()).vetted(), with_asks=True)
    assert len(expected) == len(questions) > 900
    for question, scores in zip(questions, expected, strict=True):
        assert np.array_equal(ours.scores(question)[0], scores), question


ANSWER_AND_LIST_MODULES = """
import sys
from pathlib import Path
from tests.helpers import fake_explainer, write_knowledge
folder = Path(sys.argv[1])
engine = fake_explainer(write_knowledge(folder / "knowledge"), folder / "cache")
engine.load()
assert engine.ask("what is a 287(g) agreement?").status == "answered"
print(" ".join(sorted(sys.modules)))
"""


def test_answering_imports_neither_scipy_nor_torch(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", ANSWER_AND_LIST_MODULES, str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    modules = set(result.stdout.split())
    assert "bm25s" in modules
    assert not modules & {"scipy", "torch", "sentence_transformers", "transformers", "sklearn"}


class _BackendWithFile(HashingBackend):
    """The test model, plus one encoder file like the real model's 90 MB ONNX file."""

    exported = 0

    def write_query_encoder(self, folder: Path) -> list[str]:
        self.exported += 1
        (folder / "encoder.bin").write_bytes(b"weights" * 1000)
        return ["encoder.bin"]


def test_rebuild_links_the_encoder_files_instead_of_copying(knowledge: Path,
                                                            tmp_path: Path) -> None:
    backend = _BackendWithFile()
    engine = Explainer(settings_for(knowledge, tmp_path / "cache"), backend)
    engine.build_index()
    store = IndexStore(tmp_path / "cache" / "index")
    first = store.load(backend).folder / "encoder.bin"
    inode, embedded = first.stat().st_ino, backend.documents_embedded
    manifest = engine.build_index()
    again = store.load(backend).folder / "encoder.bin"
    assert again != first and again.stat().st_ino == inode
    assert backend.exported == 1 and backend.documents_embedded == embedded
    assert manifest.files["encoder.bin"] == hashlib.sha256(again.read_bytes()).hexdigest()


def test_accent_stripping_table_matches_the_per_character_rule() -> None:
    import unicodedata

    from explainer.core.text import _COMBINING

    samples = ["¿Qué es un acuerdo 287(g)?", "niño café naïve", "".join(map(chr, range(0x3000)))]
    samples += [lexical_text(u) for u in load_knowledge(Settings().knowledge_folders()).vetted()]
    for sample in samples:
        decomposed = unicodedata.normalize("NFKD", sample.casefold())
        expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        assert decomposed.translate(_COMBINING) == expected


BLAS_THREADS = """
import sys
if sys.argv[1] == "numpy first":
    import numpy
from explainer.core.explainer import Explainer
from explainer.core.threads import one_blas_thread
from threadpoolctl import threadpool_info
one_blas_thread()
print(sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}))
"""


def test_answering_uses_one_blas_thread_whatever_was_imported_first() -> None:
    # Many BLAS threads made each matrix-vector product ~100x slower on busy cores.
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    for order in ("numpy first", "explainer first"):
        result = subprocess.run([sys.executable, "-c", BLAS_THREADS, order], cwd=ROOT,
                                env=environment, capture_output=True, text=True, timeout=120,
                                check=True)
        assert result.stdout.strip() == "[1]", order


class _WatchedBackend(_BackendWithFile):
    """Records which thread opens the encoder, and how often."""

    def __init__(self) -> None:
        super().__init__()
        self.opened_in: list[str] = []

    def load_query_encoder(self, folder: Path) -> HashingBackend:
        self.opened_in.append(threading.current_thread().name)
        return self


def test_the_encoder_is_checked_and_opened_beside_the_rest_of_the_load(
        knowledge: Path, tmp_path: Path) -> None:
    backend = _WatchedBackend()
    Explainer(settings_for(knowledge, tmp_path / "cache"), backend).load()  # builds, opens
    engine = Explainer(settings_for(knowledge, tmp_path / "cache"), backend)
    engine.load()
    assert backend.opened_in[-1] == "explainer-encoder" != threading.main_thread().name
    assert engine.ask("what is a 287(g) agreement?").status == "answered"


def test_a_damaged_encoder_file_is_never_opened(knowledge: Path, tmp_path: Path) -> None:
    backend = _WatchedBackend()
    Explainer(settings_for(knowledge, tmp_path / "cache"), backend).load()
    opened = len(backend.opened_in)
    store = IndexStore(tmp_path / "cache" / "index")
    (store.load(backend).folder / "encoder.bin").write_bytes(b"crafted" * 1000)
    assert len(backend.opened_in) == opened + 1
    with pytest.raises(IndexProblem, match=r"encoder\.bin is damaged"):
        store.load(backend)
    loaded = store.load(backend, wait=False)  # comes back at once; the encoder says no
    with pytest.raises(IndexProblem, match=r"encoder\.bin is damaged"):
        loaded.encoder.encode(["a question"])
    assert len(backend.opened_in) == opened + 1
    engine = Explainer(settings_for(knowledge, tmp_path / "cache"), backend)
    engine.load()  # the damaged index is rebuilt with a new encoder file, never opened as it was
    assert engine.warnings == ["The index will be rebuilt: the index file encoder.bin is "
                               "damaged (checksum mismatch)."]
    assert backend.exported == 2


def test_a_rebuild_that_links_the_encoder_does_not_open_it(knowledge: Path,
                                                           tmp_path: Path) -> None:
    backend = _WatchedBackend()
    engine = Explainer(settings_for(knowledge, tmp_path / "cache"), backend)
    engine.build_index()  # a new encoder file: opened at once, so a bad export fails the build
    assert len(backend.opened_in) == 1
    engine.build_index()  # the same file, linked: checked while reused, opened by a question
    assert len(backend.opened_in) == 1 and backend.exported == 1
    assert engine.ask("what is a 287(g) agreement?").status == "answered"
    assert len(backend.opened_in) == 2


def _build_with_encoder_file(folder: Path, content: bytes) -> tuple[Path, dict[str, str]]:
    folder.mkdir(parents=True)
    (folder / "encoder.bin").write_bytes(content)
    digests = {"encoder.bin": hashlib.sha256(content).hexdigest()}
    files = {**digests, "units.json": "0" * 64}  # data files are the normal load's to check
    (folder / "manifest.json").write_text(json.dumps({"files": files}))
    return folder, digests


def test_the_early_encoder_is_given_only_for_the_same_build_and_checksums(
        tmp_path: Path) -> None:
    build, digests = _build_with_encoder_file(tmp_path / "b", b"weights" * 1000)
    opened: list[Path] = []

    def opener(folder: Path) -> HashingBackend:
        opened.append(folder)
        return HashingBackend()

    assert isinstance(prefetch.Prefetched(build, opener).encoder(build, digests), HashingBackend)
    assert prefetch.Prefetched(build, opener).encoder(tmp_path / "other", digests) is None
    assert prefetch.Prefetched(build, opener).encoder(build, {"encoder.bin": "0" * 64}) is None
    (build / "encoder.bin").write_bytes(b"crafted" * 1000)
    assert prefetch.Prefetched(build, opener).encoder(build, digests) is None
    assert opened == [build] * 3  # never the damaged file


def test_prefetch_names_the_index_files_as_the_index_does() -> None:
    assert (prefetch.CURRENT_FILE, prefetch.MANIFEST_FILE) == (CURRENT_FILE, MANIFEST_FILE)
    assert set(prefetch.DATA_FILES) == {UNITS_FILE, VECTORS_FILE, NOT_COVERED_FILE}


def test_prefetch_without_an_index_does_nothing(tmp_path: Path) -> None:
    prefetch.start(tmp_path / "index")
    assert prefetch.take(tmp_path / "index" / "builds" / "x", {}) is None


def test_a_rebuild_does_not_split_unchanged_paragraphs_again(
        knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Explainer(settings_for(knowledge, tmp_path / "cache"), HashingBackend())
    engine.build_index()
    first = IndexStore(tmp_path / "cache" / "index").load(HashingBackend()).units
    split: list[str] = []
    real = sentences._line_spans
    monkeypatch.setattr(sentences, "_known", {})

    def counted(line: str) -> list[tuple[int, int]]:
        split.append(line)
        return real(line)

    monkeypatch.setattr(sentences, "_line_spans", counted)
    path = knowledge / "definitions" / "ice.yaml"
    path.write_text(path.read_text().replace("inside the country", "inside the United States"))
    engine.build_index()
    again = IndexStore(tmp_path / "cache" / "index").load(HashingBackend()).units
    ice = next(unit for unit in again if unit.id == "ice")
    unchanged = [unit.text for unit in first if unit.id != "ice"]
    assert any(line in ice.text for line in split)  # the changed text, and drafts, are split
    assert not any(line in text for line in split for text in unchanged)
    assert [u.sentences for u in again if u.id != "ice"] == [
        u.sentences for u in first if u.id != "ice"]
    assert [(s.start, s.end) for s in ice.sentences] == sentences.sentence_spans(ice.text)


def test_spans_from_another_splitter_are_not_reused(knowledge: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Explainer(settings_for(knowledge, tmp_path / "cache"), HashingBackend())
    engine.build_index()
    store = IndexStore(tmp_path / "cache" / "index")
    known = store.known_sentences()
    assert known and all(spans == sentences.sentence_spans(text) for text, spans in known.items())
    monkeypatch.setattr(index_module, "splitter_version", lambda: "another splitter")
    assert store.known_sentences() == {}
