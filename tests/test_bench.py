"""The benchmark's pieces (its figures are printed, never asserted)."""

from __future__ import annotations

from pathlib import Path

from explainer.bench import _search_rows, _synthetic_pack, table
from explainer.core.knowledge import load_knowledge


def test_synthetic_pack_is_valid_knowledge(tmp_path: Path) -> None:
    units = load_knowledge([_synthetic_pack(tmp_path / "k", 25)]).units
    assert len(units) == 25 and len(set(u.text for u in units)) == 25


def test_search_rows_and_table() -> None:
    rows = _search_rows()
    assert [what for what, _ in rows] == [
        f"faiss exact search, {n} vectors, p50 / p95" for n in ("1,000", "10,000", "100,000")]
    text = table(rows)
    assert text.splitlines()[2:4] == ["| what | figure |", "|---|---|"]
    assert all(line.startswith("| faiss") for line in text.splitlines()[4:])
