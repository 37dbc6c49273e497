"""`explainer knowledge new-term "detainer"`: a definition template with every field explained."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import unicodedata
from pathlib import Path

from explainer.core.text import clean_line

TEMPLATE = """\
# A definition for explainer. Fill in every field, then run: {check}
# Write in your own plain words: short sentences (under 25 words), common words, grade 8 or below.
# Only `status: vetted` entries are used for answers. To vet: {vet}

# The heading people see.
term: {quoted_term}
# "term" for a word or idea; "help" for a help entry (those may run to 150 words and use a list).
category: term
# What people type: everyday words, short forms, misspellings, Spanish forms. Each alias may
# belong to one term only. Never call a detainer a warrant or a court order.
aliases: []
# Questions people ask that this entry answers, in their own words, without the term if they
# would not use it ("the paper that asks the jail to keep someone"). They help find the entry;
# they are never shown. Add Spanish ones too.
asks: []
# About 40-90 words. Start with the term: "A detainer is ...". Talk to the reader ("you").
definition: >-
  {term} is ...
# Where each fact comes from: a title, and a legal citation or a web address you checked.
sources:
  - title: ...
    citation: ...
# The date the facts were true (YYYY-MM-DD). Put dates on counts and changing facts in the text.
as_of: {today}
# draft until someone checks every sentence against the sources.
status: draft
# Filled in by `explainer knowledge vet`.
reviewed_by:
reviewed_on:
# Ids of other definitions (their file names without .yaml).
related: []
# Optional: what is uncertain or disputed. Delete this line if nothing is.
note:
# The language the definition is written in (two letters).
language: en
"""


def slug(term: str) -> str:
    plain = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain.replace("(", "").replace(")", "")).strip("-")


def short_slug(text: str, limit: int = 60) -> str:
    """A slug of at most `limit` characters, cut between words, never inside one."""
    whole = slug(text)
    if len(whole) <= limit:
        return whole
    cut = whole[: limit + 1].rfind("-")
    return whole[:cut] if cut > 0 else whole[:limit]


def write_template(term: str, folder: Path, today: dt.date | None = None,
                   command: str = "explainer") -> Path:
    """Write definitions/<slug>.yaml in `folder`; refuse if it exists (nothing is replaced).

    `command` starts the commands the comments suggest ("explainer --knowledge DIR"), so
    they work when pasted.
    """
    term = " ".join(clean_line(term).split())
    entry_id = slug(term)
    if not entry_id:
        raise ValueError("the term needs at least one letter or digit")
    path = folder / "definitions" / f"{entry_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    command = clean_line(command)
    text = TEMPLATE.format(term=term, quoted_term=json.dumps(term, ensure_ascii=False),
                           id=entry_id, today=(today or dt.date.today()).isoformat(),
                           check=f"{command} knowledge check {shlex.quote(str(folder))}",
                           vet=f"{command} knowledge vet {entry_id}")
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite
        stream.write(text)
    return path
