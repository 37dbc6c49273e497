"""Settings from the environment (EXPLAINER_*), with command-line options layered on top."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from explainer.resources import bundled_knowledge


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXPLAINER_", extra="ignore")

    cache_dir: Path | None = None
    """Where the index is kept. Default: the user cache folder (platformdirs)."""

    knowledge: str = ""
    """Extra knowledge folders after the bundled one, separated by os.pathsep."""

    extra_knowledge: list[Path] = []
    """Folders given with --knowledge; they come after EXPLAINER_KNOWLEDGE's."""

    include_bundled: bool = True
    """Start from the bundled knowledge (turn off to use only your own folders)."""

    lang: str = "en"
    """Language of the fixed interface text."""

    def knowledge_folders(self) -> list[Path]:
        from_env = [Path(part) for part in self.knowledge.split(os.pathsep) if part.strip()]
        bundled = [bundled_knowledge()] if self.include_bundled else []
        return [*bundled, *from_env, *self.extra_knowledge]

    def index_folder(self) -> Path:
        if self.cache_dir is not None:
            return self.cache_dir / "index"
        import platformdirs

        return platformdirs.user_cache_path("explainer", appauthor=False) / "index"


def load_settings(extra_knowledge: Sequence[Path] = (), lang: str | None = None) -> Settings:
    settings = Settings()
    settings.extra_knowledge = [Path(folder) for folder in extra_knowledge]
    if lang:
        settings.lang = lang
    return settings
