"""The benchmark's pieces (its figures are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer.bench import (
    PARTS,
    PEAK,
    _ratio,
    _row,
    _search_rows,
    _synthetic_pack,
    parse_parts,
    table,
)
from explainer.cli import BENCH_PARTS, main
from explainer.core.knowledge import load_knowledge


def test_synthetic_pack_is_valid_knowledge(tmp_path: Path) -> None:
    units = load_knowledge([_synthetic_pack(tmp_path / "k", 25)]).units
    assert len(units) == 25 and len(set(u.text for u in units)) == 25


def test_search_rows_and_table() -> None:
    # Small sizes: the 100,000-vector row alone took 8 s of the suite; `bench` uses the big ones.
    rows = _search_rows(sizes=(100, 1_000))
    assert [row[0] for row in rows] == [
        f"faiss exact search, {n} vectors, p50 / p95" for n in ("100", "1,000")]
    text = table(rows)
    assert text.splitlines()[2:4] == ["| what | explainer | floor or target | ratio |",
                                      "|---|---|---|---|"]
    assert all(line.startswith("| faiss") for line in text.splitlines()[4:])


def test_each_figure_is_printed_beside_its_floor_and_ratio() -> None:
    rows = [_row("warm answer p50", "3.0 ms", "2.4 ms", _ratio(0.003, 0.0024))]
    assert table(rows).splitlines()[-1] == "| warm answer p50 | 3.0 ms | 2.4 ms | 1.25x |"
    assert _ratio(1.0, 0.0) == ""


def test_parts_are_chosen_by_name_in_the_order_given() -> None:
    assert parse_parts("rebuild, cold,rebuild") == ["rebuild", "cold"]
    with pytest.raises(ValueError, match="unknown part colde"):
        parse_parts("colde,app")
    with pytest.raises(ValueError):
        parse_parts(" , ")


def test_the_command_line_names_every_part() -> None:
    assert BENCH_PARTS == PARTS


def test_an_unknown_part_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--only", "nothing"]) == 2
    assert "choose from cold, app" in capsys.readouterr().err


def test_a_child_reports_its_own_peak_memory_not_its_parents() -> None:
    held = bytearray(300 << 20)  # this process now peaks above 300 MB; a child must not
    held[:: 4096] = b"x" * len(held[:: 4096])
    code = PEAK + "\nprint(peak_kib())\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert 0 < int(result.stdout) < 100 * 1024
    del held
