"""Check and open the question encoder of the build in use before the rest of explainer loads.

A command that will answer calls `start` first thing. A thread then hashes the encoder files
against that build's manifest and, only when they match, opens them with onnxruntime. Hashing
and onnxruntime's set-up release the GIL, so this runs beside the imports and the index load
instead of after them. `IndexStore.load` takes the result only for the same build, the same
checksums and the bundled model; otherwise it is dropped and nothing changes. Only the standard
library is imported here: the thread imports the rest.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

CURRENT_FILE = "current.json"  # the same names as in index.py (a test checks)
MANIFEST_FILE = "manifest.json"
DATA_FILES = ("units.json", "vectors.npy", "not_covered.json")


class Prefetched:
    """The thread's result for one build: the encoder files' checksums and the encoder."""

    def __init__(self, build: Path, open_encoder: Callable[[Path], Any]) -> None:
        self.build = build
        self.digests: dict[str, str] = {}
        self._open_encoder = open_encoder
        self._encoder: Any = None
        self._failed = False
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="explainer-encoder-early")
        self._thread.start()

    def _run(self) -> None:
        try:
            manifest = json.loads((self.build / MANIFEST_FILE).read_bytes())
            files = manifest["files"]
            digests = {name: str(files[name]) for name in files if name not in DATA_FILES}
            for name, expected in digests.items():
                if sha256(self.build / name) != expected:
                    raise ValueError(name)
            self.digests = digests
            encoder = self._open_encoder(self.build)
            encoder.encode(["warm up"])  # the first encode is several times slower
            self._encoder = encoder
        except Exception:  # any problem: the normal load checks again and says what it is
            self._failed = True

    def encoder(self, build: Path, digests: dict[str, str]) -> Any:
        """The opened encoder if it is for `build` and was checked against `digests`."""
        self._thread.join()
        if self._failed or build != self.build or digests != self.digests:
            return None
        return self._encoder


_early: dict[Path, Prefetched] = {}
_lock = threading.Lock()


def sha256(path: Path) -> str:
    """The file's SHA-256. A big file (the 90 MB model) is hashed in one call on a memory map,
    so hashlib lets go of the GIL once: read in 1 MB blocks, each block took the GIL back twice,
    and beside a busy main thread each take waited up to the 5 ms switch interval (almost a
    second for the model). Small files are read in blocks: a mapped file counts as memory in
    use while it is mapped, and the vectors are hashed while the model is being opened."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size > _MAP_ABOVE:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                digest.update(mapped)
        else:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


_MAP_ABOVE = 32 << 20  # bytes


def _bundled_encoder(build: Path) -> Any:
    from explainer.core.encoder import ONNX_FILE, TOKENIZER_FILE, OnnxQueryEncoder

    return OnnxQueryEncoder(build / ONNX_FILE, build / TOKENIZER_FILE)


def likely_index_folder() -> Path:
    """Where the settings will most likely put the index, known before they are loaded
    (pydantic-settings takes a third of a second to import). A wrong guess costs a little
    CPU, never an answer: `take` hands out only what matches the real build."""
    chosen = os.environ.get("EXPLAINER_CACHE_DIR")
    if chosen:
        return Path(chosen) / "index"
    import platformdirs

    return platformdirs.user_cache_path("explainer", appauthor=False) / "index"


def start(index_folder: Path) -> None:
    """Begin checking and opening the bundled model's encoder of the build in use, if any."""
    try:
        name = str(json.loads((index_folder / CURRENT_FILE).read_bytes())["build"])
    except (OSError, ValueError, KeyError, TypeError):
        return  # no index yet, or a damaged pointer: the normal load deals with it
    if "/" in name or "\\" in name or name.startswith("."):
        return
    build = index_folder / "builds" / name
    with _lock:
        if build not in _early:
            _early[build] = Prefetched(build, _bundled_encoder)


def take(build: Path, digests: dict[str, str]) -> Any:
    """The encoder opened early for `build` with these checksums, once; else None."""
    with _lock:
        early = _early.pop(build, None)
    return early.encoder(build, digests) if early is not None else None
