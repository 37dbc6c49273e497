"""The kept real-model index is found by a key that changes whenever what forms the index does."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from tests.helpers import write_knowledge
from tests.index_cache import build_sources, index_key, kept_index

SOURCES = Path(__file__).resolve().parent.parent / "explainer"


def test_a_change_in_the_knowledge_gives_a_new_key(tmp_path: Path) -> None:
    knowledge = write_knowledge(tmp_path / "knowledge")
    first = index_key([knowledge], sources=[], versions=[])
    assert index_key([knowledge], sources=[], versions=[]) == first
    definition = next(knowledge.rglob("detainer.yaml"))
    definition.write_text(definition.read_text(encoding="utf-8").replace("48", "72"),
                          encoding="utf-8")
    changed = index_key([knowledge], sources=[], versions=[])
    assert changed != first
    (knowledge / "extra.yaml").write_text("term: new\n", encoding="utf-8")
    assert index_key([knowledge], sources=[], versions=[]) not in (first, changed)


def test_a_change_in_build_code_or_versions_gives_a_new_key(tmp_path: Path) -> None:
    module = tmp_path / "sentences.py"
    shutil.copyfile(SOURCES / "core" / "sentences.py", module)
    first = index_key([], sources=[module], versions=["torch 1"])
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed = index_key([], sources=[module], versions=["torch 1"])
    assert changed != first
    assert index_key([], sources=[module], versions=["torch 2"]) not in (first, changed)


def test_build_sources_follow_every_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    modules = {
        "__init__": "",
        "build": "from pkg.helper import make\nimport os\n",
        "helper": "def make():\n    from pkg import lazy\n    return lazy\n",
        "lazy": "VALUE = 1\n",
        "caller": "from pkg.unrelated import x\nfrom pkg.build import make\n",
        "unrelated": "x = 1\n",
    }
    for name, text in modules.items():
        (package / f"{name}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    found = build_sources(["pkg.build"], root=tmp_path, callers=["pkg.caller"])
    assert sorted(path.stem for path in found) == ["__init__", "build", "caller", "helper",
                                                   "lazy"]


def test_the_real_build_sources_include_the_splitter_but_not_answering() -> None:
    names = {path.relative_to(SOURCES).as_posix() for path in build_sources()}
    assert {"core/sentences.py", "core/knowledge.py", "core/index.py", "core/encoder.py",
            "core/explainer.py"} <= names
    assert "core/answer.py" not in names


def test_an_index_is_built_once_per_key_and_old_keys_are_removed(tmp_path: Path) -> None:
    builds: list[Path] = []
    olders: list[str | None] = []

    def build(folder: Path, older: Path | None) -> None:
        builds.append(folder)
        olders.append(None if older is None else (older / "index").read_text(encoding="utf-8"))
        folder.mkdir()
        (folder / "index").write_text(str(len(builds)), encoding="utf-8")

    used: list[str] = []

    def use(kept: Path) -> None:
        used.append((kept / "index").read_text(encoding="utf-8"))

    store = tmp_path / "store"
    first = kept_index(store, "a" * 64, build, use)
    assert kept_index(store, "a" * 64, build, use) == first
    assert len(builds) == 1
    second = kept_index(store, "b" * 64, build, use)
    assert len(builds) == 2 and used == ["1", "1", "2"]
    assert olders == [None, "1"]  # the second build could start from the first one's vectors
    assert not first.exists() and second.exists()
