"""The wheel carries the knowledge and assets, and the core stays free of the UI."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_knowledge_and_assets(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("explainer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name.removeprefix("explainer/_bundled/") for name in names
               if name.startswith("explainer/_bundled/")}
    expected = {path.relative_to(ROOT).as_posix()
                for folder in ("knowledge", "assets") for path in (ROOT / folder).rglob("*")
                if path.is_file()}
    assert expected and expected <= shipped
    assert "explainer/core/explainer.py" in names


CORE_MODULES = sorted(
    "explainer.core." + path.stem for path in (ROOT / "explainer" / "core").glob("*.py")
    if path.stem != "__init__"
)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui_and_no_torch(module: str) -> None:
    script = (
        f"import sys, {module}\n"
        "bad = [m for m in ('textual', 'rich', 'explainer.ui', 'torch', "
        "'sentence_transformers', 'transformers') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == ""
