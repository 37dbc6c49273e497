"""`explainer knowledge add FILE`: an article from plain text, Markdown or HTML, as knowledge.

The text is cleaned (see article_text), given front matter and saved as a new file: an
existing file is never replaced. It is a draft until someone checks it against the source and
vets it, so nothing unread is answered from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from explainer.authoring.article_text import paragraphs_of
from explainer.authoring.new_term import short_slug
from explainer.core.text import clean_text

__all__ = ["ArticleInfo", "paragraphs_of", "write_article"]


@dataclass
class ArticleInfo:
    title: str
    publisher: str
    date: str
    url: str | None = None
    language: str = "en"
    reports_from: str | None = None


def write_article(paragraphs: list[str], info: ArticleInfo, folder: Path,
                  entry_id: str | None = None) -> Path:
    """Save articles/<id>.md in `folder` as a draft; refuse to replace an existing file."""
    # The headline is the title, not a passage.
    paragraphs = [p for p in paragraphs if p.casefold() != info.title.strip().casefold()]
    if not paragraphs:
        raise ValueError("no article text was found in the file")
    article_id = entry_id or short_slug(info.title) or "article"
    path = folder / "articles" / f"{article_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)

    def quoted(value: str) -> str:
        return json.dumps(" ".join(clean_text(value).split()), ensure_ascii=False)

    lines = ["---", f"id: {article_id}", f"title: {quoted(info.title)}",
             f"publisher: {quoted(info.publisher)}"]
    if info.reports_from:
        lines.append(f"reports_from: {quoted(info.reports_from)}")
    lines.append(f"date: {quoted(info.date)}")
    if info.url:
        lines.append(f"url: {quoted(info.url)}")
    lines += [f"language: {info.language}",
              "# draft until someone checks every paragraph against the source "
              "(explainer knowledge vet).",
              "status: draft", "reviewed_by:", "reviewed_on:",
              "notes_by_paragraph: {}", "asks_by_paragraph: {}", "---", ""]
    text = "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite
        stream.write(text)
    return path
