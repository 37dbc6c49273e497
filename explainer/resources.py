"""Where the bundled knowledge and assets are: inside the wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name  # placed there by the wheel build (pyproject.toml)
    return installed if installed.is_dir() else _PACKAGE.parent / name


def package_folder() -> Path:
    """The installed package: nothing a command writes goes in here."""
    return _PACKAGE


def bundled_knowledge() -> Path:
    return _bundled("knowledge")


def assets() -> Path:
    return _bundled("assets")
