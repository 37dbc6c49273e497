"""Sentence boundaries inside a paragraph, as character spans into the exact text."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _segmenter() -> Any:
    import pysbd  # imported lazily: only index builds and knowledge tools split sentences

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding spaces; covers the whole text."""
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
    return spans
