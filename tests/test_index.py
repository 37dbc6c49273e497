"""The index on disk: manifest, rebuilds, faults, and keeping the last good index."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer, ExplainerError
from explainer.core.index import CURRENT_FILE, MANIFEST_FILE, IndexStore
from explainer.core.knowledge import fingerprint
from tests.helpers import fake_explainer, settings_for, write_knowledge


def current_build(cache: Path) -> Path:
    index = cache / "index"
    name = json.loads((index / CURRENT_FILE).read_text())["build"]
    assert isinstance(name, str)
    return index / "builds" / name


def test_first_use_builds_an_index_with_a_manifest(knowledge: Path, tmp_path: Path) -> None:
    backend = HashingBackend()
    explainer = fake_explainer(knowledge, tmp_path / "cache", backend=backend)
    explainer.load()
    manifest = json.loads((current_build(tmp_path / "cache") / MANIFEST_FILE).read_text())
    assert manifest["model"] == backend.model_id
    assert manifest["dimension"] == 256
    assert manifest["unit_count"] == 8  # 5 vetted definitions + 3 paragraphs; the draft is left out
    assert len(manifest["knowledge_sha256"]) == 64
    assert set(manifest["files"]) == {"units.json", "vectors.npy", "not_covered.json"}
    assert {"numpy", "onnxruntime"} <= set(manifest["versions"])


def test_unchanged_knowledge_is_not_embedded_again(knowledge: Path, tmp_path: Path) -> None:
    fake_explainer(knowledge, tmp_path / "cache").load()
    backend = HashingBackend()
    fake_explainer(knowledge, tmp_path / "cache", backend=backend).ask("what is a detainer")
    assert backend.documents_embedded == 0


def test_changed_knowledge_is_rebuilt(knowledge: Path, tmp_path: Path) -> None:
    fake_explainer(knowledge, tmp_path / "cache").load()
    path = knowledge / "definitions" / "ice.yaml"
    path.write_text(path.read_text().replace("inside the country", "inside the United States"))
    answer = fake_explainer(knowledge, tmp_path / "cache").ask("what is ICE?")
    assert answer.excerpts[0].text.endswith("inside the United States.")


def test_knowledge_error_keeps_the_last_good_index(knowledge: Path, tmp_path: Path) -> None:
    fake_explainer(knowledge, tmp_path / "cache").load()
    path = knowledge / "definitions" / "ice.yaml"
    path.write_text(path.read_text().replace("term: ICE", "term: ICE\nterm: again"))
    explainer = fake_explainer(knowledge, tmp_path / "cache")
    answer = explainer.ask("what is ICE?")
    assert answer.excerpts[0].id == "ice"
    assert f'{path}:2: the field "term" appears twice' in explainer.warnings


def test_knowledge_error_without_an_index_is_a_clear_error(knowledge: Path,
                                                           tmp_path: Path) -> None:
    path = knowledge / "definitions" / "ice.yaml"
    path.write_text("term: [unclosed\n")
    with pytest.raises(ExplainerError, match="no earlier index") as caught:
        fake_explainer(knowledge, tmp_path / "cache").load()
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("damage", ["truncate", "random", "delete"])
@pytest.mark.parametrize("name", ["vectors.npy", "units.json"])
def test_damaged_index_files_are_detected_and_rebuilt(knowledge: Path, tmp_path: Path,
                                                      name: str, damage: str) -> None:
    fake_explainer(knowledge, tmp_path / "cache").load()
    target = current_build(tmp_path / "cache") / name
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:10])
    elif damage == "random":
        target.write_bytes(bytes(range(256)) * 8)
    else:
        target.unlink()
    explainer = fake_explainer(knowledge, tmp_path / "cache")
    assert explainer.ask("what is a detainer").excerpts[0].id == "detainer"
    assert any("rebuilt" in warning and name in warning for warning in explainer.warnings)
    IndexStore(tmp_path / "cache" / "index").load(HashingBackend())  # the new build is intact


def test_index_for_another_model_is_rebuilt(knowledge: Path, tmp_path: Path) -> None:
    fake_explainer(knowledge, tmp_path / "cache", backend=HashingBackend(128)).load()
    explainer = fake_explainer(knowledge, tmp_path / "cache", backend=HashingBackend(256))
    explainer.load()
    assert explainer.warnings == [
        "The index will be rebuilt: the index was built for another model "
        "(test-hashing-bag-of-words-128)."]
    manifest = IndexStore(tmp_path / "cache" / "index").current_manifest()
    assert manifest is not None and manifest.dimension == 256


def test_manifest_for_other_knowledge_is_not_answered_from(knowledge: Path,
                                                           tmp_path: Path) -> None:
    fake_explainer(knowledge, tmp_path / "cache").load()
    manifest_path = current_build(tmp_path / "cache") / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["knowledge_sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    explainer = fake_explainer(knowledge, tmp_path / "cache")
    explainer.load()
    rebuilt = IndexStore(tmp_path / "cache" / "index").current_manifest()
    assert rebuilt is not None  # rebuilt for this knowledge rather than trusted
    assert rebuilt.knowledge_sha256 == fingerprint([knowledge])


class CrashingBackend(HashingBackend):
    """Dies half-way through a build, like a process killed while embedding."""

    def embed_documents(self, texts, progress=None):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt("killed during the build")


def test_interrupted_build_leaves_the_previous_index(knowledge: Path, tmp_path: Path) -> None:
    fake_explainer(knowledge, tmp_path / "cache").load()
    before = current_build(tmp_path / "cache")
    path = knowledge / "definitions" / "ice.yaml"
    path.write_text(path.read_text().replace("inside the country", "in the U.S."))
    with pytest.raises(KeyboardInterrupt):
        fake_explainer(knowledge, tmp_path / "cache", backend=CrashingBackend()).load()
    assert current_build(tmp_path / "cache") == before
    leftovers = list((tmp_path / "cache" / "index" / "builds").glob(".building-*"))
    assert leftovers == []
    IndexStore(tmp_path / "cache" / "index").load(HashingBackend())


def test_only_the_current_build_is_kept(knowledge: Path, tmp_path: Path) -> None:
    explainer: Explainer = fake_explainer(knowledge, tmp_path / "cache")
    explainer.build_index()
    explainer.build_index()
    builds = list((tmp_path / "cache" / "index" / "builds").iterdir())
    assert builds == [current_build(tmp_path / "cache")]


def test_rebuild_embeds_only_what_changed(knowledge: Path, tmp_path: Path) -> None:
    first = HashingBackend()
    fake_explainer(knowledge, tmp_path / "cache", backend=first).load()
    assert first.documents_embedded > 0
    path = knowledge / "definitions" / "ice.yaml"
    path.write_text(path.read_text().replace("inside the country", "inside the United States"))
    (knowledge / "definitions" / "detainer.yaml").unlink()
    text = path.read_text()
    (knowledge / "definitions" / "ice-two.yaml").write_text(
        text.replace("term: ICE", "term: ICE again").replace(
            'aliases: ["U.S. Immigration and Customs Enforcement", "la migra"]', "aliases: []"))
    path_287g = knowledge / "definitions" / "287g-agreement.yaml"
    path_287g.write_text(path_287g.read_text().replace("related: [detainer]", "related: []"))
    second = HashingBackend()
    explainer = fake_explainer(knowledge, tmp_path / "cache", backend=second)
    explainer.build_index()
    summary = explainer.store.last_summary
    assert summary is not None
    assert (summary.added, summary.changed, summary.removed) == (1, 1, 1)
    # ICE's new text and its one sentence, and the new entry's text; its sentence is the same
    # words as ICE's, so it is reused too
    assert second.documents_embedded == summary.embedded == 3
    assert str(summary).startswith("1 passages added, 1 changed, 1 removed")


def test_without_an_index_the_message_names_the_build_command_with_its_folders(
        tmp_path: Path) -> None:
    """A kiosk never builds: it says how, with the person's own --knowledge folders, quoted."""
    own = write_knowledge(tmp_path / "our pack")
    (tmp_path / "second").mkdir()
    settings = settings_for(own, tmp_path / "cache", tmp_path / "second")
    with pytest.raises(ExplainerError) as caught:
        Explainer(settings, HashingBackend(), allow_build=False).load()
    command = str(caught.value).rsplit("Build it first with: ", 1)[1]
    assert shlex.split(command) == ["explainer", "--knowledge", str(own), "--knowledge",
                                    str(tmp_path / "second"), "index", "build"]
