"""Settings from the environment (EXPLAINER_*), with command-line options layered on top."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from explainer.resources import bundled_knowledge


def config_file() -> Path:
    """The TOML settings file: EXPLAINER_CONFIG, or config.toml in the user config folder."""
    chosen = os.environ.get("EXPLAINER_CONFIG")
    if chosen:
        return Path(chosen)
    import platformdirs

    return platformdirs.user_config_path("explainer", appauthor=False) / "config.toml"


class Settings(BaseSettings):
    """Every setting, from EXPLAINER_* variables, then the TOML file, then the defaults."""

    model_config = SettingsConfigDict(env_prefix="EXPLAINER_", extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings,
                TomlConfigSettingsSource(settings_cls, toml_file=config_file()))

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

    theme: Literal["default", "high-contrast", "ansi"] = "default"
    """Colours of the app: the default, high contrast (7:1 or more), or the terminal's own."""

    animations: bool = True
    """Set to false to turn animations off (TEXTUAL_ANIMATIONS=none works too)."""

    max_excerpts: int = Field(default=3, ge=1, le=3)
    """How many excerpts an answer shows at most."""

    kiosk: bool = False
    """Library kiosk mode: privacy splash, idle reset, locked exits, nothing written to disk."""

    kiosk_pin_hash: str | None = None
    """The administrator PIN as pbkdf2_sha256$ITERATIONS$SALT$HASH (explainer kiosk hash-pin)."""

    idle_seconds: int = Field(default=180, ge=30)
    """Kiosk: seconds without a key, click or scroll before the reset warning ends."""

    idle_warning_seconds: int = Field(default=30, ge=20)
    """Kiosk: how long the reset countdown is shown first (never below 20 seconds)."""

    read_aloud: bool | None = None
    """Allow reading answers aloud with espeak-ng (default: yes, but off in kiosk mode)."""

    projector: bool = False
    """Start in the projector layout: high contrast, roomy, bold (toggle with F8)."""

    out_dir: Path | None = None
    """Where handouts are saved (default: the current folder)."""

    keymap: dict[str, str] = {}
    """Remap keys by binding id, e.g. {"glossary": "f7", "start_over": "ctrl+n"}."""

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
