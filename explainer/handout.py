"""A workshop handout of the conversation: Markdown and self-contained HTML, never overwritten.

Only saved when a person asks (never in kiosk mode). Every piece of text is escaped: knowledge
and questions are untrusted, so nothing in them can become a link, a tag or a script.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Sequence
from pathlib import Path

from explainer.core.messages import t
from explainer.core.models import Answer, DefinitionUnit, Excerpt

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def md(text: str) -> str:
    """Text that Markdown shows as written (no links, emphasis, headings or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _parts(excerpt: Excerpt) -> tuple[str, list[str]]:
    """The excerpt's heading, and its citation lines (source, date, note), as plain text."""
    if excerpt.kind == "definition":
        head = t("definition_head", term=excerpt.title)
    else:
        head = t("from") + f"{excerpt.title}, {excerpt.location}"
    meta = [t("source") + excerpt.source]
    if excerpt.as_of:
        meta.append(t("as_of_line", date=excerpt.as_of))
    if excerpt.note:
        label = t("maintainers_note") if excerpt.kind == "article" else t("note")
        meta.append(label + excerpt.note)
    return head, meta


def _excerpt_lines(excerpt: Excerpt) -> list[str]:
    head, meta = _parts(excerpt)
    return [f"**{md(head)}**", "", f"> {md(excerpt.text)}", "",
            *[f"- {md(line)}" for line in meta], ""]


def handout_markdown(answers: Sequence[Answer], legal_help: DefinitionUnit | None,
                     made: dt.datetime) -> str:
    lines = [f"# {md(t('handout_title'))}", "",
             md(t("handout_made", date=made.strftime("%Y-%m-%d %H:%M"))), ""]
    for answer in answers:
        lines += [f"## {md(t('question_label') + answer.question)}", "", md(answer.message), ""]
        for excerpt in answer.excerpts:
            lines += _excerpt_lines(excerpt)
    if legal_help is not None:
        lines += [f"## {md(legal_help.term)}", ""]
        lines += [md(line) for line in legal_help.text.split("\n")] + [""]
    lines += [f"**{md(t('not_advice'))}**", ""]
    return "\n".join(lines)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#111;background:#fff}blockquote{border-left:4px solid #333;"
    "margin:0 0 .5rem;padding:.25rem 1rem;background:#f4f4f4}.meta{color:#333;font-size:.95rem}"
    "h2{border-top:1px solid #999;padding-top:1rem}"
)


def _html_excerpt(excerpt: Excerpt) -> str:
    e = html.escape
    head, meta = _parts(excerpt)
    parts = [f"<h3>{e(head)}</h3>", f"<blockquote>{e(excerpt.text)}</blockquote>"]
    parts += [f"<p class=meta>{e(line)}</p>" for line in meta]
    return "\n".join(parts)


def handout_html(answers: Sequence[Answer], legal_help: DefinitionUnit | None,
                 made: dt.datetime, language: str) -> str:
    e = html.escape
    body = [f"<h1>{e(t('handout_title'))}</h1>",
            f"<p>{e(t('handout_made', date=made.strftime('%Y-%m-%d %H:%M')))}</p>"]
    for answer in answers:
        body += [f"<h2>{e(t('question_label') + answer.question)}</h2>",
                 f"<p>{e(answer.message)}</p>"]
        body += [_html_excerpt(excerpt) for excerpt in answer.excerpts]
    if legal_help is not None:
        items = "".join(f"<li>{e(line.lstrip('- '))}</li>" if line.startswith("- ")
                        else f"<p>{e(line)}</p>" for line in legal_help.text.split("\n"))
        body += [f"<h2>{e(legal_help.term)}</h2>", f"<div>{items}</div>"]
    body.append(f"<p><strong>{e(t('not_advice'))}</strong></p>")
    return (f'<!doctype html>\n<html lang="{e(language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(t('handout_title'))}</title>\n<style>{_STYLE}</style>\n</head>\n"
            "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def save_handout(answers: Sequence[Answer], legal_help: DefinitionUnit | None, folder: Path,
                 language: str, now: dt.datetime | None = None) -> list[Path]:
    """Write explainer-handout-YYYYMMDD-HHMM.md and .html; an existing name gets -2, -3, ..."""
    made = now or dt.datetime.now()
    stem = f"explainer-handout-{made:%Y%m%d-%H%M}"
    texts = {".md": handout_markdown(answers, legal_help, made),
             ".html": handout_html(answers, legal_help, made, language)}
    folder.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        name = stem if attempt == 1 else f"{stem}-{attempt}"
        paths = [folder / f"{name}{suffix}" for suffix in texts]
        if any(path.exists() for path in paths):
            continue
        written: list[Path] = []
        try:
            for path, text in zip(paths, texts.values(), strict=True):
                # O_EXCL: never replace a file, even one created a moment ago.
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                    stream.write(text)
                written.append(path)
        except FileExistsError:
            for path in written:
                path.unlink(missing_ok=True)
            continue
        return written
    raise FileExistsError(f"too many handouts named {stem} in {folder}")
