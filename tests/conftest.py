from __future__ import annotations

import _socket
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from explainer.core.explainer import Explainer
from explainer.core.messages import use_language
from explainer.settings import Settings
from tests.helpers import fake_explainer, write_knowledge
from tests.index_cache import real_index
from tests.vector_cache import VectorStore

if TYPE_CHECKING:
    # The address type socket.socket.connect takes (a name in the standard library's stubs).
    from _socket import _Address

# Tests never touch the user's real cache or extra knowledge folders.
for name in ("EXPLAINER_CACHE_DIR", "EXPLAINER_KNOWLEDGE", "EXPLAINER_LANG", "EXPLAINER_THEME"):
    os.environ.pop(name, None)
os.environ["EXPLAINER_CONFIG"] = os.devnull  # never read the user's own settings file


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Each test starts in English; a test may switch language for itself."""
    use_language("en")
    yield
    use_language("en")


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return write_knowledge(tmp_path / "knowledge")


@pytest.fixture
def explainer(knowledge: Path, tmp_path: Path) -> Explainer:
    return fake_explainer(knowledge, tmp_path / "cache")


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture(scope="session")
def block_network() -> Iterator[list[str]]:
    """Fail loudly on any attempt to open a network connection; records the attempts."""
    attempts: list[str] = []
    original_connect = socket.socket.connect
    original_create = socket.create_connection
    original_getaddrinfo = socket.getaddrinfo

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[1:] if len(args) > 1 else args))
        raise NetworkBlocked(f"network access attempted: {args!r}")

    def connect(self: _socket.socket, address: _Address) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(self, address)
        original_connect(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    try:
        yield attempts
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]
        socket.create_connection = original_create
        socket.getaddrinfo = original_getaddrinfo


@pytest.fixture(scope="session")
def index_store(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where real-model indexes are kept between runs (.pytest_cache; `make clean` removes it)."""
    cache = request.config.cache
    return cache.mkdir("explainer-real-index") if cache else tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session")
def real_cache(index_store: Path, tmp_path_factory: pytest.TempPathFactory,
               block_network: list[str]) -> Path:
    """A cache folder with the real-model index of the bundled knowledge, this session's copy.

    It is built only when the knowledge, the build code or the libraries changed since the kept
    one (tests/index_cache.py); that build runs with network sockets blocked."""
    return real_index(index_store, "bundled", tmp_path_factory.mktemp("real-cache"))


@pytest.fixture(scope="session")
def vector_store(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[VectorStore]:
    """Question vectors kept between runs, by the encoder that made them (tests/vector_cache.py);
    what this session encoded is kept at its end."""
    cache = request.config.cache
    store = VectorStore(cache.mkdir("explainer-question-vectors") if cache
                        else tmp_path_factory.mktemp("vectors"))
    yield store
    store.save()


@pytest.fixture(scope="session")
def real_explainer(real_cache: Path, block_network: list[str],
                   vector_store: VectorStore) -> Explainer:
    """The bundled knowledge with the real model (loaded once per session, sockets blocked);
    it encodes each question once, through the kept vectors."""
    explainer = Explainer(Settings(cache_dir=real_cache))
    vector_store.attach(explainer)
    assert block_network == []
    return explainer
