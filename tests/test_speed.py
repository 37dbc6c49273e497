"""Speed work that must not change behaviour: fewer imports at answer time, same scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from explainer.core.knowledge import load_knowledge
from explainer.core.retrieve import _Lexical, lexical_text
from explainer.core.text import search_terms
from explainer.settings import Settings

ROOT = Path(__file__).parent.parent


def test_lexical_scores_equal_bm25s_with_scipy() -> None:
    import bm25s

    units = load_knowledge(Settings().knowledge_folders()).vetted()
    corpus = [search_terms(lexical_text(unit)) or [""] for unit in units]
    reference = bm25s.BM25(csc_backend="scipy")
    reference.index(corpus, show_progress=False)
    ours = _Lexical(units, with_asks=True)
    lines = (ROOT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8")
    checked = 0
    for line in lines.splitlines():
        question = json.loads(line)["question"]
        terms = list(dict.fromkeys(search_terms(question)))
        if terms:
            expected = np.asarray(reference.get_scores(terms), dtype=np.float32)
            assert np.array_equal(ours.scores(question)[0], expected), question
            checked += 1
    assert checked > 900


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
