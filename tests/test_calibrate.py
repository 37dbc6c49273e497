"""`explainer calibrate`: it puts the plain index back at its end without embedding it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.commands import calibrate
from explainer.core import explainer as facade
from explainer.core.encoder import HashingBackend
from explainer.core.index import IndexStore
from tests.helpers import DEFINITIONS, settings_for, write_knowledge

QUESTIONS = [
    {"question": "what is a detainer", "expected": ["detainer"]},
    {"question": "the request from ICE to keep a person in jail", "expected": ["detainer"]},
    {"question": "what is a 287(g) agreement", "expected": ["287g-agreement"]},
    {"question": "the federal agency that enforces immigration law", "expected": ["ice"]},
    {"question": "how do I bake bread", "expected": []},
    {"question": "who won the football game", "expected": []},
]
U_VISA = """
    term: U visa
    definition: A U visa is for victims of some crimes who help the police.
    sources:
      - title: U visa law
        citation: 8 U.S.C. §1101(a)(15)(U)
    as_of: 2026-11-28
    status: vetted
    reviewed_by: test maintainers
    reviewed_on: 2026-11-28
    language: en
"""


def test_calibrate_with_a_pack_puts_the_plain_index_back_without_embedding_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = HashingBackend()
    monkeypatch.setattr(facade, "MiniLMBackend", lambda: backend)
    embedded: list[int] = []  # texts embedded by each build, in order
    build = IndexStore.build

    def counted(store: IndexStore, *args: object, **kwargs: object) -> object:
        manifest = build(store, *args, **kwargs)  # type: ignore[arg-type]
        assert store.last_summary is not None
        embedded.append(store.last_summary.embedded)
        return manifest

    monkeypatch.setattr(IndexStore, "build", counted)
    pack = write_knowledge(tmp_path / "pack", {"u-visa": U_VISA}, article=None)
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(q | {"category": "c"}) + "\n" for q in QUESTIONS))
    pack_questions = tmp_path / "pack.jsonl"
    pack_questions.write_text(json.dumps({"question": "is a U visa for crime victims",
                                          "expected": ["u-visa"], "category": "c"}) + "\n")
    settings = settings_for(write_knowledge(tmp_path / "k", DEFINITIONS), tmp_path / "cache")
    specs = [str(questions), f"{pack_questions}={pack}"]
    assert calibrate.run_calibrate(settings, specs, target=0.0,
                                   out=tmp_path / "model.json") == 0
    assert (tmp_path / "model.json").is_file()
    # The plain build, the pack build (only the pack's texts), then the plain index put back.
    assert len(embedded) == 3 and embedded[0] > 0 and 0 < embedded[1] < embedded[0]
    assert embedded[2] == 0
