"""Question vectors kept across test runs, keyed by what makes them.

The real-model tests ask thousands of questions, and turning a question into a vector with the
ONNX model is most of the time an answer takes. A question's vector depends only on its text,
the encoder files (their SHA-256 is in the index manifest and checked when the index loads), the
code that runs them and the library versions. The key is the SHA-256 of all of these but the
text, so the same key gives the same vector bit for bit, and any change gives a new key (a kept
vector is never stale). Everything after the vector (search, features, the decision) still runs
in every test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from filelock import FileLock

from explainer.core.encoder import QueryEncoder, Vectors
from explainer.core.explainer import Explainer
from explainer.core.index import NOT_COVERED_FILE, UNITS_FILE, VECTORS_FILE
from tests.index_cache import _shown, _versions, build_sources

# The code between a question's text and its vector, and the libraries it runs.
ENCODER_MODULES = ("explainer.core.encoder",)
ENCODER_PACKAGES = ("onnxruntime", "tokenizers", "numpy")
_KEY_FORMAT = "explainer-test-vectors-v1"
_NOT_ENCODER = (UNITS_FILE, VECTORS_FILE, NOT_COVERED_FILE)


def vector_key(encoder_files: dict[str, str], sources: Sequence[Path] | None = None,
               versions: Sequence[str] | None = None) -> str:
    """SHA-256 of the encoder files' digests, the encoding code and the library versions."""
    digest = hashlib.sha256(f"{_KEY_FORMAT}\n".encode())
    for name, sha256 in sorted(encoder_files.items()):
        digest.update(f"file {name} {sha256}\n".encode())
    for path in build_sources(ENCODER_MODULES, callers=()) if sources is None else sources:
        digest.update(f"source {_shown(path)}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for line in _versions(ENCODER_PACKAGES) if versions is None else versions:
        digest.update(f"version {line}\n".encode())
    return digest.hexdigest()


class KeptEncoder:
    """A question encoder that encodes each text once and remembers its vector."""

    def __init__(self, inner: QueryEncoder, known: dict[str, Vectors]) -> None:
        self.inner = inner
        self.known = known  # shared by every engine with the same key
        self.encoded = 0  # texts the inner encoder was asked for

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return self.inner.encode(texts)
        missing = [text for text in dict.fromkeys(texts) if text not in self.known]
        if missing:
            # The ONNX encoder encodes one text at a time: a batch gives the same rows.
            fresh = self.inner.encode(missing)
            self.known.update(zip(missing, fresh, strict=True))
            self.encoded += len(missing)
        return np.vstack([self.known[text] for text in texts])


class VectorStore:
    """Kept vectors, one file pair per key in `folder`; only this session's keys are kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.known: dict[str, dict[str, Vectors]] = {}  # key -> text -> vector
        self.read: dict[str, int] = {}  # key -> how many vectors were kept before this session

    def attach(self, explainer: Explainer) -> KeptEncoder:
        """Make `explainer` (it is loaded first) encode through the kept vectors of its key."""
        explainer.load()
        loaded = explainer._loaded
        assert loaded is not None
        files = {name: sha for name, sha in loaded.manifest.files.items()
                 if name not in _NOT_ENCODER}
        key = vector_key(files)
        if key not in self.known:
            self.known[key] = self._read(key)
            self.read[key] = len(self.known[key])
        kept = KeptEncoder(loaded.encoder, self.known[key])
        explainer._loaded = dataclasses.replace(loaded, encoder=kept)
        return kept

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.json", self.folder / f"{key}.npy"

    def _lock(self) -> FileLock:
        self.folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.folder / "vectors.lock"))

    def _read(self, key: str) -> dict[str, Vectors]:
        with self._lock():
            return self._read_unlocked(key)

    def _read_unlocked(self, key: str) -> dict[str, Vectors]:
        texts_file, vectors_file = self._paths(key)
        try:
            texts = json.loads(texts_file.read_text(encoding="utf-8"))
            rows = np.load(vectors_file, allow_pickle=False)
        except (OSError, ValueError):
            return {}  # none kept yet, or a damaged pair: encode again
        if not isinstance(texts, list) or rows.dtype != np.float32 or len(rows) != len(texts):
            return {}
        return dict(zip(texts, rows, strict=True))

    def save(self) -> None:
        """Write the keys that gained vectors, merged with what another session kept."""
        grown = [key for key, known in self.known.items() if len(known) > self.read[key]]
        if not grown:
            return
        with self._lock():
            for key in grown:
                merged = self._read_unlocked(key) | self.known[key]
                texts_file, vectors_file = self._paths(key)
                staging = self.folder / f".saving-{os.getpid()}"
                np.save(f"{staging}.npy", np.vstack(list(merged.values())), allow_pickle=False)
                Path(f"{staging}.json").write_text(json.dumps(list(merged)), encoding="utf-8")
                os.replace(f"{staging}.npy", vectors_file)
                os.replace(f"{staging}.json", texts_file)
            for old in self.folder.iterdir():
                if old.suffix in (".json", ".npy") and old.stem not in self.known:
                    old.unlink(missing_ok=True)
