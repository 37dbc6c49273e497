"""The data that moves between stages: knowledge files, searchable units, and answers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["vetted", "draft"]
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
# A question as people ask it: used to find an entry, never shown as an answer.
Ask = Annotated[str, Field(min_length=3, max_length=200)]
# Enough ways of asking to find an entry; each one costs a row in the index.
MAX_ASKS = 60
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class Strict(BaseModel):
    """Knowledge-file models: unknown fields are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# How a source line says a page has no date and when it was read: the front ends say it in
# the interface's language (render.source_text).
READ_ON = "no date on the page; read on "


class Source(Strict):
    title: str = Field(min_length=1)
    citation: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    # For a page that shows no date of its own: the day a person read it there (the "accessed"
    # date of citation styles). It is not a publication date; knowledge/README.md says how
    # it dates an entry.
    accessed: dt.date | None = None

    @model_validator(mode="after")
    def _needs_citation_or_url(self) -> Source:
        if not self.citation and not self.url:
            raise ValueError("a source needs a citation or a url")
        return self

    def one_line(self) -> str:
        if self.citation and self.citation.startswith(self.title):
            head, where = self.citation, [self.url] if self.url else []
        else:
            head = self.title
            where = [part for part in (self.citation, self.url) if part and part != self.title]
        if self.accessed:
            where.append(f"{READ_ON}{self.accessed.isoformat()}")
        return f"{head} ({'; '.join(p for p in where if p)})" if where else head


class Definition(Strict):
    """One file in `definitions/`: a vetted (or draft) plain-language definition."""

    term: str = Field(min_length=1)
    category: Literal["term", "help"] = "term"
    aliases: list[str] = Field(default_factory=list)
    asks: list[Ask] = Field(default_factory=list, max_length=MAX_ASKS)
    definition: str = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    as_of: dt.date
    status: Status
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    related: list[str] = Field(default_factory=list)
    note: str | None = None
    language: str = Field(pattern=LANGUAGE_PATTERN)
    # The id of the entry this one says again in `language` (same facts, same sources). It is
    # quoted in that entry's place for a reader of that language; it is never a search hit itself.
    translation_of: str | None = Field(default=None, pattern=ID_PATTERN)

    @model_validator(mode="after")
    def _vetted_needs_review(self) -> Definition:
        if self.status == "vetted" and (not self.reviewed_by or not self.reviewed_on):
            raise ValueError("a vetted definition needs reviewed_by and reviewed_on")
        return self


class ParagraphNote(Strict):
    as_of: dt.date
    text: str = Field(min_length=1)


class ArticleMeta(Strict):
    """The front matter of one file in `articles/`."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    reports_from: str | None = None
    date: str
    date_is_approximate: bool = False
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    language: str = Field(pattern=LANGUAGE_PATTERN)
    status: Status = "vetted"
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    notes_by_paragraph: dict[int, ParagraphNote] = Field(default_factory=dict)
    asks_by_paragraph: dict[int, Annotated[list[Ask], Field(max_length=MAX_ASKS)]] = Field(
        default_factory=dict)

    @field_validator("date", mode="before")
    @classmethod
    def _partial_date(cls, value: object) -> str:
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        if not _PARTIAL_DATE.match(text):
            raise ValueError("date must look like 2025, 2025-04 or 2025-04-08")
        return text


class SentenceSpan(BaseModel):
    model_config = ConfigDict(frozen=True)
    start: int
    end: int


class UnitBase(BaseModel):
    """A searchable piece of knowledge: a whole definition or one article paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    text: str
    status: Status
    file: str
    line: int
    language: str
    source: str
    location: str | None
    as_of: str | None
    note: str | None
    sentences: list[SentenceSpan]  # spans into `text`, embedded one by one
    asks: list[str] = []  # questions this unit answers: embedded and searched, never shown
    pack: int = 0  # the position of its knowledge folder (0: the first folder read)
    translation_of: str | None = None  # the entry this unit says again in another language

    @property
    def entry(self) -> str:
        """The entry this unit stands for: a translation stands for its original."""
        return self.translation_of or self.id


class DefinitionUnit(UnitBase):
    kind: Literal["definition"] = "definition"
    term: str
    category: Literal["term", "help"]
    aliases: list[str]
    sources: list[Source]
    related: list[str]
    reviewed_by: str | None
    reviewed_on: str | None


class ArticleUnit(UnitBase):
    kind: Literal["article"] = "article"
    article_id: str
    paragraph: int
    publisher: str
    reports_from: str | None
    date: str
    url: str | None


Unit = Annotated[DefinitionUnit | ArticleUnit, Field(discriminator="kind")]


class NotCoveredQuestion(BaseModel):
    """A question on a topic a folder does not cover: compared with questions, never shown."""

    model_config = ConfigDict(frozen=True)
    text: str
    topic: str
    pack: int  # the folder it came from: it never outweighs a later folder's units


class Excerpt(BaseModel):
    """A word-for-word piece of one unit: `text == unit.text[start:end]`."""

    id: str
    kind: Literal["definition", "article"]
    title: str
    text: str
    start: int
    end: int
    source: str
    location: str | None
    as_of: str | None
    language: str
    note: str | None
    score: float


Reason = Literal["empty", "too_long", "greeting", "out_of_scope"]


class Answer(BaseModel):
    """The answer contract: what `ask --json` prints and every front end renders."""

    question: str
    status: Literal["answered", "no_answer"]
    reason: Reason | None
    message: str
    see: list[str]
    excerpts: list[Excerpt]
