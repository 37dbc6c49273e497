"""Messages the engine worker posts back to the app (past tense: something happened)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from explainer.core.explainer import Explainer
    from explainer.core.models import Answer


@dataclass
class EngineLoaded(Message):
    engine: Explainer


@dataclass
class EngineFailed(Message):
    reason: str


@dataclass
class QuestionAnswered(Message):
    answer: Answer
    asked: str  # the question as the person typed it (the answer may hold it cut short)


@dataclass
class OpenRequested(Message):
    """A person asked to open a definition card or the article a passage comes from."""

    unit_id: str
