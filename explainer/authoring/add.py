"""`explainer knowledge add FILE`: an article from plain text, Markdown or HTML, as knowledge.

The text is cleaned (HTML to text, control characters and common boilerplate removed), given
front matter, split into paragraphs and saved as a new file: an existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from explainer.authoring.new_term import slug
from explainer.core.text import clean_text

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr",
          "section", "article"}
SKIPPED = {"head", "title", "script", "style", "nav", "header", "footer", "aside", "form",
           "noscript", "svg", "button", "figure", "iframe"}
BOILERPLATE = re.compile(
    r"^(advertisement|share this( article)?|subscribe( now)?|sign up.*newsletter.*|"
    r"read more|related( articles| stories)?|all rights reserved.*|©.*|cookie.*|"
    r"physical address|\d+ [a-z .]+ (st|street|ave|avenue|rd|road)\.?|"
    r"[a-z .]+, [a-z]{2} \d{5})$",
    re.IGNORECASE,
)


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def paragraphs_of(raw: str, suffix: str) -> list[str]:
    """Clean paragraphs, in order, without boilerplate or repeats."""
    if suffix in (".html", ".htm"):
        parser = _TextOfHtml()
        parser.feed(raw)
        parser.close()
        blocks = parser.blocks
    else:
        blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", raw)]
        if suffix in (".md", ".markdown"):
            blocks = [re.sub(r"^#{1,6}\s+", "", block) for block in blocks]
    kept: list[str] = []
    for block in blocks:
        text = " ".join(clean_text(block).split())
        if text and not BOILERPLATE.match(text) and text not in kept:
            kept.append(text)
    return kept


@dataclass
class ArticleInfo:
    title: str
    publisher: str
    date: str
    url: str | None = None
    language: str = "en"
    reports_from: str | None = None
    reviewed_by: str = "added with explainer knowledge add"
    draft: bool = False


def write_article(paragraphs: list[str], info: ArticleInfo, folder: Path,
                  entry_id: str | None = None, today: dt.date | None = None) -> Path:
    """Save articles/<id>.md in `folder`; refuse to replace an existing file."""
    # The headline is the title, not a passage.
    paragraphs = [p for p in paragraphs if p.casefold() != info.title.strip().casefold()]
    if not paragraphs:
        raise ValueError("no article text was found in the file")
    article_id = entry_id or slug(info.title)[:60].strip("-") or "article"
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
    lines += [f"language: {info.language}", f"status: {'draft' if info.draft else 'vetted'}",
              f"reviewed_by: {quoted(info.reviewed_by)}",
              f"reviewed_on: {(today or dt.date.today()).isoformat()}",
              "notes_by_paragraph: {}", "asks_by_paragraph: {}", "---", ""]
    text = "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite
        stream.write(text)
    return path
