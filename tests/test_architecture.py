"""The import contracts in pyproject.toml (run by `lint-imports` in `make test`) catch circles."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_copy(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's contracts on the copy of the package in `tree`."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree, env=environment, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "explainer", tmp_path / "explainer",
                    ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(module: Path, statement: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{statement}\n", encoding="utf-8")


def test_the_copied_tree_keeps_every_contract(tree: Path) -> None:
    result = lint_copy(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "statement", "broken"), [
    # A command importing the cli, which imports the commands: the circle issue 18 found.
    ("commands/output.py", "import explainer.cli", "Layers:"),
    # The app importing the kiosk app, which is built on it.
    ("ui/app.py", "import explainer.ui.kiosk", "No import circles"),
    # Two core modules importing each other.
    ("core/text.py", "import explainer.core.answer", "No import circles"),
    # The core importing a front end.
    ("core/models.py", "import explainer.ui.app", "The core imports no front end"),
])
def test_an_import_circle_breaks_a_contract(tree: Path, module: str, statement: str,
                                            broken: str) -> None:
    add_import(tree / "explainer" / module, statement)
    result = lint_copy(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"Contracts: \d+ kept, [1-9]\d* broken", result.stdout), result.stdout
    assert any(line.startswith(broken) and line.rstrip().endswith("BROKEN")
               for line in result.stdout.splitlines()), result.stdout
