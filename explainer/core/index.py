"""The on-disk index: vectors, the question encoder and a snapshot of the units it was built from.

Layout under the index folder:
    current.json                 names the build in use (replaced atomically)
    builds/<name>/manifest.json  model, dimension, versions, knowledge SHA-256, file SHA-256s
    builds/<name>/units.json     the unit snapshot answers are quoted from
    builds/<name>/vectors.npy    one vector per unit, then one per sentence of every unit, then
                                 one per ask of every unit, in unit order (normalized float32),
                                 then one per not-covered question
    builds/<name>/not_covered.json  the questions on topics the knowledge does not cover
    builds/<name>/<encoder files>

A build is written into a temporary folder and only then named in current.json, so a failed or
interrupted build leaves the previous one answering. Nothing is ever unpickled; files are loaded
only after their SHA-256 matches the manifest this program wrote (at every load: the 90 MB
encoder is checked and opened in a thread while the rest loads). The vectors are a plain .npy
matrix, not a faiss index: answering compares with every row in numpy, so faiss (0.1-0.2 s to
import, a second copy of every vector) is never loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from pathlib import Path

import numpy as np
from pydantic import BaseModel, TypeAdapter, ValidationError

from explainer.core import prefetch
from explainer.core.encoder import EmbeddingBackend, MiniLMBackend, QueryEncoder, Vectors
from explainer.core.models import ArticleUnit, DefinitionUnit, NotCoveredQuestion, Unit
from explainer.core.sentences import splitter_version
from explainer.core.text import clean_line

INDEX_FORMAT = 4
UNITS_FILE = "units.json"
VECTORS_FILE = "vectors.npy"
NOT_COVERED_FILE = "not_covered.json"
MANIFEST_FILE = "manifest.json"
CURRENT_FILE = "current.json"

BuildProgress = Callable[[str, int, int], None]
_UNITS = TypeAdapter(list[Unit])
_NOT_COVERED = TypeAdapter(list[NotCoveredQuestion])


class IndexProblem(Exception):
    """The index cannot be used as it is (missing, corrupt, or built for something else)."""


class Manifest(BaseModel):
    format: int
    model: str
    dimension: int
    knowledge_sha256: str
    unit_count: int
    sentence_count: int
    ask_count: int
    not_covered_count: int
    built_at: str
    versions: dict[str, str]
    files: dict[str, str]
    splitter: str = ""  # sentences.splitter_version() of the build ("": from before it)


@dataclass(frozen=True)
class LoadedIndex:
    manifest: Manifest
    units: list[DefinitionUnit | ArticleUnit]
    vectors: Vectors
    sentence_vectors: Vectors
    ask_vectors: Vectors
    not_covered_vectors: Vectors  # questions to refuse: not ranked, only compared
    not_covered: list[NotCoveredQuestion]  # one per row of `not_covered_vectors`
    encoder: QueryEncoder
    folder: Path

    def wait_for_encoder(self) -> None:
        """Block until the encoder is checked and open; raises IndexProblem if it is not."""
        if isinstance(self.encoder, _OpeningEncoder):
            self.encoder.wait()


def embedding_text(unit: DefinitionUnit | ArticleUnit) -> str:
    """What the model reads: a definition with its term and aliases, a paragraph as it is."""
    if isinstance(unit, DefinitionUnit):
        return f"{unit.term} ({', '.join(unit.aliases)}). {unit.text}"
    return unit.text


def sentence_texts(units: Sequence[DefinitionUnit | ArticleUnit]) -> list[str]:
    return [unit.text[s.start : s.end] for unit in units for s in unit.sentences]


def ask_texts(units: Sequence[DefinitionUnit | ArticleUnit]) -> list[str]:
    return [ask for unit in units for ask in unit.asks]


def _versions() -> dict[str, str]:
    names = ["explainer", "numpy", "onnxruntime", "tokenizers"]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


_sha256 = prefetch.sha256


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then replace the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


class IndexStore:
    """Builds, switches to and loads index builds inside one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.builds = folder / "builds"
        self.last_summary: BuildSummary | None = None
        self.encoder_exported = False  # the last build wrote new encoder files (not linked)

    def current_manifest(self) -> Manifest | None:
        """The manifest of the build in use, or None if there is none or it is unreadable."""
        try:
            return self._read_manifest(self._current_folder())
        except IndexProblem:
            return None

    def _current_folder(self) -> Path:
        try:
            pointer = json.loads((self.folder / CURRENT_FILE).read_text(encoding="utf-8"))
            name = str(pointer["build"])
        except FileNotFoundError:
            raise IndexProblem("no index has been built yet") from None
        except (OSError, ValueError, KeyError, TypeError):
            raise IndexProblem("the index pointer file is damaged") from None
        if "/" in name or "\\" in name or name.startswith("."):
            raise IndexProblem("the index pointer file is damaged")
        return self.builds / name

    def _read_manifest(self, build: Path) -> Manifest:
        try:
            return Manifest.model_validate_json((build / MANIFEST_FILE).read_bytes())
        except FileNotFoundError:
            raise IndexProblem("the index manifest is missing") from None
        except (OSError, ValidationError):
            raise IndexProblem("the index manifest is damaged") from None

    def build(
        self,
        units: Sequence[DefinitionUnit | ArticleUnit],
        knowledge_sha256: str,
        backend: EmbeddingBackend,
        progress: BuildProgress | None = None,
        not_covered: Sequence[NotCoveredQuestion] = (),
    ) -> Manifest:
        """Embed `units` and make the result the build in use; the old one stays until then."""
        self.builds.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=self.builds))
        try:
            def report(stage: str) -> Callable[[int, int], None]:
                return lambda done, total: progress(stage, done, total) if progress else None

            previous = self._previous(backend)
            cache = _EmbeddingCache(backend, previous)
            vectors = cache.embed([embedding_text(u) for u in units], report("Embedding passages"))
            sentences = cache.embed(sentence_texts(units), report("Embedding sentences"))
            asks = cache.embed(ask_texts(units), report("Embedding questions people ask"))
            refused = cache.embed([q.text for q in not_covered],
                                  report("Embedding topics not covered"))
            encoder_files = self._encoder_files(backend, staging, previous, progress)
            rows = np.vstack([part.reshape(-1, backend.dimension)
                              for part in (vectors, sentences, asks, refused)])
            np.save(staging / VECTORS_FILE, np.ascontiguousarray(rows, dtype=np.float32),
                    allow_pickle=False)
            (staging / UNITS_FILE).write_bytes(_UNITS.dump_json(list(units)))
            (staging / NOT_COVERED_FILE).write_bytes(_NOT_COVERED.dump_json(list(not_covered)))
            files = [UNITS_FILE, VECTORS_FILE, NOT_COVERED_FILE, *encoder_files]
            hashes = {name: encoder_files.get(name) or _sha256(staging / name) for name in files}
            manifest = Manifest(
                format=INDEX_FORMAT,
                model=backend.model_id,
                dimension=backend.dimension,
                knowledge_sha256=knowledge_sha256,
                unit_count=len(units),
                sentence_count=len(sentences),
                ask_count=len(asks),
                not_covered_count=len(refused),
                built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                versions=_versions(),
                files=hashes,
                splitter=splitter_version(),
            )
            (staging / MANIFEST_FILE).write_text(manifest.model_dump_json(indent=2))
            for name in [*files, MANIFEST_FILE]:
                with (staging / name).open("rb") as handle:
                    os.fsync(handle.fileno())
            final = self.builds / f"{knowledge_sha256[:16]}-{os.getpid()}-{os.urandom(4).hex()}"
            os.replace(staging, final)
            _fsync_folder(self.builds)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.last_summary = summarize(previous.units if previous else [], units, cache.embedded)
        write_atomically(self.folder / CURRENT_FILE, json.dumps({"build": final.name}).encode())
        self._remove_old_builds(keep=final.name)
        return manifest

    def _encoder_files(self, backend: EmbeddingBackend, staging: Path,
                       previous: _CheckedBuild | None,
                       progress: BuildProgress | None) -> dict[str, str | None]:
        """The encoder files by name, with their SHA-256 when already known: the previous
        build's checked files, hard-linked (the 90 MB model is not copied or hashed again), or
        new ones exported now."""
        if previous is not None:
            known = {name: digest for name, digest in previous.manifest.files.items()
                     if name not in (UNITS_FILE, VECTORS_FILE, NOT_COVERED_FILE)}
            if known:
                for name in known:
                    _link_or_copy(previous.folder / name, staging / name)
                self.encoder_exported = False
                return dict(known)
        self.encoder_exported = True
        if progress:
            progress("Preparing the question encoder", 0, 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            files = backend.write_query_encoder(staging)
        if progress:
            progress("Preparing the question encoder", 1, 1)
        return dict.fromkeys(files)

    def _remove_old_builds(self, keep: str) -> None:
        for old in self.builds.iterdir():
            if old.name != keep and not old.name.startswith(".building-"):
                shutil.rmtree(old, ignore_errors=True)

    def load(self, backend: EmbeddingBackend, *, wait: bool = True) -> LoadedIndex:
        """Load the build in use after checking it belongs to this model and is intact.

        The encoder files are checked and opened in a thread meanwhile (see _OpeningEncoder);
        with `wait=False` the index comes back at once and its encoder raises IndexProblem on
        first use if its files do not match."""
        build, manifest = self._matching_manifest(backend)
        encoder = _OpeningEncoder(partial(_early_or_open_encoder, backend, build, manifest))
        checked = self._checked(backend, build, manifest, encoder_files=False)
        if wait:
            encoder.wait()
        return LoadedIndex(checked.manifest, checked.units, checked.vectors,
                           checked.sentences, checked.asks, checked.refused,
                           checked.not_covered, encoder, checked.folder)

    def _matching_manifest(self, backend: EmbeddingBackend) -> tuple[Path, Manifest]:
        build = self._current_folder()
        manifest = self._read_manifest(build)
        if manifest.format != INDEX_FORMAT:
            raise IndexProblem("the index was built by another version of explainer")
        if manifest.model != backend.model_id or manifest.dimension != backend.dimension:
            raise IndexProblem(f"the index was built for another model "
                               f"({clean_line(manifest.model)})")
        return build, manifest

    def _checked(self, backend: EmbeddingBackend, build: Path | None = None,
                 manifest: Manifest | None = None, *, encoder_files: bool = True) -> _CheckedBuild:
        if build is None or manifest is None:
            build, manifest = self._matching_manifest(backend)
        for name, expected in manifest.files.items():
            if encoder_files or name in _DATA_FILES:
                _verify(build, name, expected)
        try:
            units = _UNITS.validate_json((build / UNITS_FILE).read_bytes())
            not_covered = _NOT_COVERED.validate_json((build / NOT_COVERED_FILE).read_bytes())
            # One copy of the vectors, held once: the slices below are views into it.
            rows = np.load(build / VECTORS_FILE, allow_pickle=False)
        except (ValidationError, ValueError, EOFError, OSError) as error:
            raise IndexProblem(f"the index files could not be read ({type(error).__name__})") \
                from None
        first_ask = len(units) + len(sentence_texts(units))
        first_refused = first_ask + len(ask_texts(units))
        expected_rows = first_refused + len(not_covered)
        if (len(units) != manifest.unit_count or rows.dtype != np.float32
                or rows.shape != (expected_rows, manifest.dimension)):
            raise IndexProblem("the index files do not match each other")
        return _CheckedBuild(build, manifest, units, not_covered, rows[: len(units)],
                             rows[len(units) : first_ask], rows[first_ask:first_refused],
                             rows[first_refused:])

    def known_sentences(self) -> dict[str, list[tuple[int, int]]]:
        """Each unit text of the build in use with its sentence spans, when that build split
        them the way this code does (else nothing); for `sentences.remember`."""
        try:
            build = self._current_folder()
            manifest = self._read_manifest(build)
            if manifest.splitter != splitter_version() or UNITS_FILE not in manifest.files:
                return {}
            _verify(build, UNITS_FILE, manifest.files[UNITS_FILE])
            units = _UNITS.validate_json((build / UNITS_FILE).read_bytes())
        except (IndexProblem, ValidationError, OSError):
            return {}
        return {unit.text: [(s.start, s.end) for s in unit.sentences] for unit in units}

    def _previous(self, backend: EmbeddingBackend) -> _CheckedBuild | None:
        """The build in use, if it is intact and for this model: its vectors can be reused."""
        try:
            return self._checked(backend)
        except IndexProblem:
            return None


_DATA_FILES = (UNITS_FILE, VECTORS_FILE, NOT_COVERED_FILE)


def _verify(build: Path, name: str, expected: str) -> None:
    path = build / name
    if not path.is_file():
        raise IndexProblem(f"the index file {name} is missing")
    if _sha256(path) != expected:
        raise IndexProblem(f"the index file {name} is damaged (checksum mismatch)")


def _early_or_open_encoder(backend: EmbeddingBackend, build: Path,
                           manifest: Manifest) -> QueryEncoder:
    """The encoder `prefetch` checked against these same checksums and opened early, for the
    bundled model; else check and open it now."""
    if isinstance(backend, MiniLMBackend):
        digests = {name: digest for name, digest in manifest.files.items()
                   if name not in _DATA_FILES}
        early: QueryEncoder | None = prefetch.take(build, digests)
        if early is not None:
            return early
    return _open_encoder(backend, build, manifest)


def _open_encoder(backend: EmbeddingBackend, build: Path, manifest: Manifest) -> QueryEncoder:
    """Check the encoder files against the manifest, then (only then) open and warm them."""
    for name, expected in manifest.files.items():
        if name not in _DATA_FILES:
            _verify(build, name, expected)
    try:
        encoder = backend.load_query_encoder(build)
        encoder.encode(["warm up"])  # the first encode is several times slower
    except Exception as error:
        raise IndexProblem(f"the question encoder could not be loaded ({error})") from None
    return encoder


class _OpeningEncoder:
    """The question encoder, checked and opened in a thread while the rest of the index loads.

    Hashing the 90 MB ONNX file and onnxruntime's set-up both release the GIL, so on two cores
    they run beside the Python work of loading (units, BM25, aliases) instead of before it.
    Nothing is encoded before the files matched the manifest."""

    def __init__(self, job: Callable[[], QueryEncoder]) -> None:
        self._encoder: QueryEncoder | None = None
        self._problem: IndexProblem | None = None
        self._thread = threading.Thread(target=self._run, args=(job,), daemon=True,
                                        name="explainer-encoder")
        self._thread.start()

    def _run(self, job: Callable[[], QueryEncoder]) -> None:
        try:
            self._encoder = job()
        except IndexProblem as problem:
            self._problem = problem
        except Exception as error:  # never lost in the thread: raised where it is used
            self._problem = IndexProblem(f"the question encoder could not be loaded ({error})")

    def wait(self) -> QueryEncoder:
        """The opened encoder; raises IndexProblem if its files did not match or load."""
        if self._encoder is not None:  # every question after the first: no join, no lock
            return self._encoder
        self._thread.join()
        if self._problem is not None:
            raise self._problem
        assert self._encoder is not None
        return self._encoder

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self.wait().encode(texts)


@dataclass(frozen=True)
class _CheckedBuild:
    folder: Path
    manifest: Manifest
    units: list[DefinitionUnit | ArticleUnit]
    not_covered: list[NotCoveredQuestion]
    vectors: Vectors
    sentences: Vectors
    asks: Vectors
    refused: Vectors


@dataclass(frozen=True)
class BuildSummary:
    added: int
    changed: int
    removed: int
    embedded: int  # texts embedded now (the rest were reused by content hash)

    def __str__(self) -> str:
        return (f"{self.added} passages added, {self.changed} changed, {self.removed} removed "
                f"({self.embedded} texts embedded, the rest reused)")


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def summarize(old: Sequence[DefinitionUnit | ArticleUnit],
              new: Sequence[DefinitionUnit | ArticleUnit], embedded: int) -> BuildSummary:
    before = {unit.id: (unit.text, unit.asks) for unit in old}
    after = {unit.id: (unit.text, unit.asks) for unit in new}
    return BuildSummary(
        added=len(after.keys() - before.keys()),
        changed=sum(1 for key in after.keys() & before.keys() if after[key] != before[key]),
        removed=len(before.keys() - after.keys()),
        embedded=embedded,
    )


class _EmbeddingCache:
    """Vectors of the previous build by content hash; embeds only what is new."""

    def __init__(self, backend: EmbeddingBackend, previous: _CheckedBuild | None) -> None:
        self.backend = backend
        self.known: dict[str, Vectors] = {}
        self.embedded = 0
        if previous is not None:
            texts = [embedding_text(u) for u in previous.units]
            texts += sentence_texts(previous.units) + ask_texts(previous.units)
            texts += [q.text for q in previous.not_covered]
            rows = np.vstack([previous.vectors, previous.sentences, previous.asks,
                              previous.refused])
            self.known = {_text_key(text): row for text, row in zip(texts, rows, strict=True)}

    def embed(self, texts: Sequence[str], progress: Callable[[int, int], None]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if _text_key(t) not in self.known))
        if missing:
            fresh = self.backend.embed_documents(missing, progress)
            self.known.update({_text_key(t): row for t, row in zip(missing, fresh, strict=True)})
            self.embedded += len(missing)
        else:
            progress(len(texts), len(texts))
        if not texts:
            return np.zeros((0, self.backend.dimension), dtype=np.float32)
        return np.vstack([self.known[_text_key(t)] for t in texts]).astype(np.float32)
