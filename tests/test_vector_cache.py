"""Kept question vectors: a changed encoder gives a new key; a kept vector equals a fresh one."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from explainer.core.explainer import Explainer
from tests.helpers import fake_explainer, write_knowledge
from tests.vector_cache import VectorStore, vector_key

SOURCES = Path(__file__).resolve().parent.parent / "explainer"
QUESTIONS = ["what is a detainer", "what is a 287(g) agreement?", "what is a detainer"]


def test_a_change_in_the_encoder_files_code_or_versions_gives_a_new_key(tmp_path: Path) -> None:
    module = tmp_path / "encoder.py"
    shutil.copyfile(SOURCES / "core" / "encoder.py", module)
    files = {"model.onnx": "1" * 64, "tokenizer.json": "2" * 64}
    first = vector_key(files, sources=[module], versions=["onnxruntime 1"])
    assert vector_key(files, sources=[module], versions=["onnxruntime 1"]) == first
    keys = {
        first,
        vector_key(files | {"model.onnx": "3" * 64}, sources=[module], versions=["onnxruntime 1"]),
        vector_key(files, sources=[module], versions=["onnxruntime 2"]),
    }
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    keys.add(vector_key(files, sources=[module], versions=["onnxruntime 1"]))
    assert len(keys) == 4


def test_the_real_key_covers_the_encoder_module() -> None:
    files = {"model.onnx": "1" * 64}
    assert vector_key(files) != vector_key(files, sources=[])


def engine(tmp_path: Path, name: str) -> Explainer:
    return fake_explainer(write_knowledge(tmp_path / "k"), tmp_path / name)


def test_kept_vectors_are_the_fresh_ones_and_each_text_is_encoded_once(tmp_path: Path) -> None:
    plain = engine(tmp_path, "plain")
    store = VectorStore(tmp_path / "store")
    kept = engine(tmp_path, "kept")
    encoder = store.attach(kept)
    assert np.array_equal(kept.encode(QUESTIONS), plain.encode(QUESTIONS))
    assert encoder.encoded == 2  # the repeated question was encoded once
    assert [kept.ask(q) for q in QUESTIONS] == [plain.ask(q) for q in QUESTIONS]
    store.save()

    again = engine(tmp_path, "again")
    encoder = VectorStore(tmp_path / "store").attach(again)
    vectors = again.encode(QUESTIONS)
    assert encoder.encoded == 0  # read back from the kept files
    assert vectors.dtype == np.float32 and np.array_equal(vectors, plain.encode(QUESTIONS))
    again.encode(["a question never asked before"])
    assert encoder.encoded == 1


def test_a_damaged_kept_file_is_encoded_again(tmp_path: Path) -> None:
    store = VectorStore(tmp_path / "store")
    store.attach(engine(tmp_path, "first")).encode(QUESTIONS)
    store.save()
    [texts] = (tmp_path / "store").glob("*.json")
    texts.write_text('["only one text"]', encoding="utf-8")  # no longer matches the rows
    encoder = VectorStore(tmp_path / "store").attach(engine(tmp_path, "second"))
    encoder.encode(QUESTIONS)
    assert encoder.encoded == 2
