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

from explainer.catalog import language_name, t
from explainer.core.models import Answer, DefinitionUnit
from explainer.render import Block, Line, render

# Only what can start markup: inline emphasis, code, links, HTML and entities anywhere; headings,
# quotes, lists and underlines at a line's start. Other punctuation stays as written.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+[.)])", re.MULTILINE)


def md(text: str) -> str:
    """Text that Markdown shows as written (no links, emphasis, headings, lists or HTML)."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)

    def line_start(found: re.Match[str]) -> str:
        mark = found[2]
        return f"{found[1]}{mark[:-1]}\\{mark[-1]}"

    return _MARKDOWN_LINE_START.sub(line_start, text)


def _language(line: Line) -> str:
    """The quoted text's own language, always marked on a handout ("Language: English")."""
    return t("language_label", name=language_name(line.language or "")) if line.language else ""


def _excerpt_lines(block: Block) -> list[str]:
    lines: list[str] = []
    for line in block.lines:
        if line.kind == "heading":
            lines += [f"**{md(line.text)}**", ""]
        elif line.kind == "quote":
            quoted = [f"> {part}" for part in md(line.value).split("\n")]
            lines += [md(_language(line)), "", *quoted, ""]
        elif line.kind != "language":  # the language is marked on every quote instead
            lines.append(f"- {md(line.text)}")
    return [*lines, ""]


def handout_markdown(answers: Sequence[Answer], legal_help: DefinitionUnit | None,
                     made: dt.datetime) -> str:
    lines = [f"# {md(t('handout_title'))}", "",
             md(t("handout_made", date=made.strftime("%Y-%m-%d %H:%M"))), ""]
    for answer in answers:
        rendered = render(answer)
        lines += [f"## {md(t('question_label') + answer.question)}", "",
                  md(rendered.message.text), ""]
        for block in rendered.blocks:
            lines += _excerpt_lines(block)
    if legal_help is not None:  # the help pointer, once for the whole handout
        lines += [f"## {md(legal_help.term)}", "",
                  md(t("language_label", name=language_name(legal_help.language))), ""]
        # Its list lines stay a list (of inert text); other lines are paragraphs of their own.
        lines += [f"- {md(line[2:])}" if line.startswith("- ") else f"{md(line)}\n"
                  for line in legal_help.text.split("\n")] + [""]
    lines += [f"**{md(t('not_advice'))}**", ""]
    return "\n".join(lines)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#111;background:#fff}blockquote{border-left:4px solid #333;"
    "margin:0 0 .5rem;padding:.25rem 1rem;background:#f4f4f4}.meta{color:#333;font-size:.95rem}"
    "h2{border-top:1px solid #999;padding-top:1rem}"
)


def _html_excerpt(block: Block) -> str:
    e = html.escape
    parts: list[str] = []
    for line in block.lines:
        if line.kind == "heading":
            parts.append(f"<h3>{e(line.text)}</h3>")
        elif line.kind == "quote":
            parts.append(f"<p class=meta>{e(_language(line))}</p>")
            parts.append(f'<blockquote lang="{e(line.language or "")}">{e(line.value)}'
                         "</blockquote>")
        elif line.kind != "language":
            parts.append(f"<p class=meta>{e(line.text)}</p>")
    return "\n".join(parts)


def handout_html(answers: Sequence[Answer], legal_help: DefinitionUnit | None,
                 made: dt.datetime, language: str) -> str:
    e = html.escape
    body = [f"<h1>{e(t('handout_title'))}</h1>",
            f"<p>{e(t('handout_made', date=made.strftime('%Y-%m-%d %H:%M')))}</p>"]
    for answer in answers:
        rendered = render(answer)
        body += [f"<h2>{e(t('question_label') + answer.question)}</h2>",
                 f"<p>{e(rendered.message.text)}</p>"]
        body += [_html_excerpt(block) for block in rendered.blocks]
    if legal_help is not None:
        items = "".join(f"<li>{e(line.lstrip('- '))}</li>" if line.startswith("- ")
                        else f"<p>{e(line)}</p>" for line in legal_help.text.split("\n"))
        language = t("language_label", name=language_name(legal_help.language))
        body += [f"<h2>{e(legal_help.term)}</h2>", f"<p class=meta>{e(language)}</p>",
                 f'<div lang="{e(legal_help.language)}">{items}</div>']
    body.append(f"<p><strong>{e(t('not_advice'))}</strong></p>")
    return (f'<!doctype html>\n<html lang="{e(language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(t('handout_title'))}</title>\n<style>{_STYLE}</style>\n</head>\n"
            "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def handout_stem(made: dt.datetime) -> str:
    """A handout's file name without its suffix: explainer-handout-YYYYMMDD-HHMM."""
    return f"explainer-handout-{made:%Y%m%d-%H%M}"


def save_handout(answers: Sequence[Answer], legal_help: DefinitionUnit | None, folder: Path,
                 language: str, now: dt.datetime | None = None) -> list[Path]:
    """Write explainer-handout-YYYYMMDD-HHMM.md and .html; an existing name gets -2, -3, ..."""
    made = now or dt.datetime.now()
    stem = handout_stem(made)
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
