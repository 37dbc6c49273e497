"""Sentence boundaries inside a paragraph, as character spans into the exact text."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

# Spans already known for a text, from the last index build (see `remember`).
_known: dict[str, list[tuple[int, int]]] = {}


@cache
def _segmenter() -> Any:
    import pysbd  # imported lazily: only index builds and knowledge tools split sentences

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


@cache
def splitter_version() -> str:
    """Changes whenever the splitting could: this module's code or pysbd's version."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(metadata.version("pysbd").encode())
    return digest.hexdigest()


def remember(spans: Mapping[str, list[tuple[int, int]]]) -> None:
    """Take these texts' spans as given: an index build passes the last build's, made by the
    same `splitter_version`, so an unchanged paragraph is not split again (pysbd compiles
    about 1,400 patterns a process: half a second of every rebuild)."""
    _known.update(spans)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding spaces; every word is in one.

    The one sentence splitter: knowledge units, questions and the writing checks all use it.
    A line break always ends a sentence (each line of a list in a help entry is one)."""
    known = _known.get(text)
    if known is not None:
        return list(known)
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans += [(offset + start, offset + end) for start, end in _line_spans(line)]
        offset += len(line) + 1
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of `text`, each exactly as it is written there."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        sentence = piece.sent.strip()
        if not sentence:
            continue
        # pysbd's offsets can drift on repeated sentences: find the text from our own cursor.
        start = text.find(sentence, cursor)
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    if not spans and text.strip():
        stripped = text.strip()
        start = text.find(stripped)
        spans.append((start, start + len(stripped)))
    return _join_datelines(text, spans)


_DASHES = ("\u2014", "\u2013", "-")


def _join_datelines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A dateline ("BIRCH LAKE, Minn. —") is never a sentence of its own: the splitter ends it
    at the abbreviation and starts the next piece with the dash, so the two are joined."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        if joined and (piece.startswith(_DASHES) or text[: joined[-1][1]].endswith(_DASHES)):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
