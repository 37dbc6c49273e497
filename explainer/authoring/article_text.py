"""The text of an article file as clean paragraphs: what `knowledge add` keeps, in order.

Kept libraries do the format work: trafilatura finds the story in an HTML page (menus, scripts
and footers left out; it never fetches anything when given the page's text), markdown-it-py
turns Markdown into plain text (no `**`, link syntax or list markers). What is left is cleaned
here of what a news page wraps around a story: bylines, publication-date lines, copyright
lines, "share this" links and repeats. A dateline ("BIRCH LAKE, Minn. —") on a line of its own
joins the paragraph after it, so it stays part of its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from explainer.core.sentences import sentence_spans
from explainer.core.text import clean_text

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")

_MONTH = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
          r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
          r"diciembre)")
_NAME = r"[A-Z][\w.'\u2019-]*"
# Whole paragraphs or whole sentences that are page furniture, never story text.
BOILERPLATE = re.compile(
    r"(advertisement|sponsored( content)?|share( this)?( article| story| page)?|"
    r"share (on|via) \w+|(facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|"
    r"bluesky|threads|copy link)|subscribe( now| today)?|sign up.*newsletter.*|read more|"
    r"related( articles| stories| coverage)?|cookies?.*|"
    r"(copyright|©|\(c\)).{0,120}|all rights reserved|"
    r"(published|updated|posted|last updated)( on)?:?\s.{1,40}|"
    rf"({_MONTH})\s+\d{{1,2}},?\s+\d{{4}}.{{0,20}})[.:!]?",
    re.IGNORECASE,
)
# "By Jane Doe", "By Jane Doe and Ana Ruiz, Staff Writers", "Story by Mia Chen | Daily Paper".
# Names must be capitalized, so "By Monday, the county had signed." is story text.
BYLINE = re.compile(
    rf"(?i:((story|written|words|reporting|photos?) )?by) {_NAME}( {_NAME}){{0,3}}"
    rf"(( and|,) {_NAME}( {_NAME}){{0,3}})*"
    rf"(\s*[,|\u2014\u2013-]\s*{_NAME}( ({_NAME}|of|the|for|and)){{0,5}})?\.?"
)
# A place line that opens a story: "BIRCH LAKE, Minn. —", "ST. PAUL (AP) -".
DATELINE = re.compile(r"[A-Z][A-Z .'\u2019-]+(, [A-Z][a-z]+\.?)?( \([A-Z]+\))?\s*[\u2014\u2013-]?")


def paragraphs_of(raw: str, suffix: str) -> list[str]:
    """Clean paragraphs, in order, without page furniture or repeats."""
    raw = clean_text(raw)  # escape sequences go before any parser sees them
    if suffix in HTML_SUFFIXES:
        blocks = _html_blocks(raw)
    elif suffix in MARKDOWN_SUFFIXES:
        blocks = _markdown_blocks(raw)
    else:
        blocks = [block for block in re.split(r"\n\s*\n", raw)]
    return _kept(" ".join(block.split()) for block in blocks)


def _html_blocks(raw: str) -> list[str]:
    import trafilatura  # imported here: only `knowledge add` needs it (about a second to load)
    from trafilatura.settings import use_config

    config = use_config()
    # A short story is still a story: by default trafilatura falls back to the page's whole
    # text, in one block, when it finds under 250 characters.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    text = trafilatura.extract(raw, output_format="txt", favor_recall=True, deduplicate=False,
                               include_comments=False, include_links=False,
                               include_images=False, include_formatting=False, config=config)
    # One block per line; trafilatura marks list items with "- ".
    return [re.sub(r"^- ", "", line) for line in (text or "").split("\n")]


def _markdown_blocks(raw: str) -> list[str]:
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(raw):
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content)
        # html_block is markup, not text: left out.
    return blocks


def _inline_text(children: Iterable[Any]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # Emphasis and link markers carry no text; images and inline HTML are not text.
    return "".join(parts)


def _kept(blocks: Iterable[str]) -> list[str]:
    kept: list[str] = []
    dateline = ""
    for block in blocks:
        text = _without_furniture(block)
        if not text:
            continue
        if DATELINE.fullmatch(text) and len(text) <= 60:
            dateline = text  # joins the next paragraph
            continue
        if dateline:
            text, dateline = f"{dateline} {text}", ""
        if text not in kept:
            kept.append(text)
    return kept


def _furniture(text: str) -> bool:
    return bool(BOILERPLATE.fullmatch(text) or BYLINE.fullmatch(text))


def _without_furniture(block: str) -> str:
    """The block less furniture: whole, or sentence by sentence ("... All rights reserved.")."""
    if not block or _furniture(block):
        return ""
    sentences = [block[start:end] for start, end in sentence_spans(block)]
    return " ".join(sentence for sentence in sentences if not _furniture(sentence))
