"""`explainer knowledge ...`: list, check, new-term, vet and add."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from explainer.commands.output import EXIT_BROKEN, EXIT_OK, EXIT_USAGE, print_json, print_line
from explainer.core.knowledge import KnowledgeError, load_knowledge
from explainer.settings import Settings

# Internal bookkeeping that is not part of the listing contract.
_HIDDEN_FIELDS = {"line", "sentences"}


def run_list(settings: Settings, *, as_json: bool) -> int:
    try:
        knowledge = load_knowledge(settings.knowledge_folders())
    except KnowledgeError as error:
        for problem in error.problems:
            print(f"explainer: {problem}", file=sys.stderr)
        return EXIT_BROKEN
    for unit in knowledge.units:
        if as_json:
            print_json(unit.model_dump(mode="json", exclude=_HIDDEN_FIELDS))
        else:
            print_line(f"{unit.id}\t{unit.kind}\t{unit.status}\t{unit.title}")
    return EXIT_OK


def run(settings: Settings, args: argparse.Namespace) -> int:
    action = args.knowledge_command
    if action == "list":
        return run_list(settings, as_json=args.json)
    if action == "check":
        return run_check([args.folder] if args.folder else settings.knowledge_folders())
    target: Path = getattr(args, "to", None) or settings.knowledge_folders()[0]
    if action == "new-term":
        return run_new_term(args.term, target)
    if action == "vet":
        return run_vet(args.id, args.by, settings.knowledge_folders())
    return run_add(args, target)


def run_check(folders: list[Path]) -> int:
    from explainer.authoring.check import check

    report = check(folders)
    for line in report.lines():
        print_line(line)
    return EXIT_BROKEN if report.errors else EXIT_OK


def _write_new(write: Callable[[], Path]) -> Path | None:
    """Run a writer that never replaces files; on refusal say why and return None."""
    try:
        return write()
    except FileExistsError as error:
        print(f"explainer: {error.filename} already exists; nothing was changed.",
              file=sys.stderr)
    except ValueError as error:
        print(f"explainer: {error}.", file=sys.stderr)
    return None


def run_new_term(term: str, folder: Path) -> int:
    from explainer.authoring.new_term import write_template

    path = _write_new(lambda: write_template(term, folder))
    if path is None:
        return EXIT_USAGE
    print_line(f"Wrote {path}. Fill it in, then run: explainer knowledge check")
    return EXIT_OK


def run_vet(entry_id: str, reviewer: str, folders: list[Path]) -> int:
    from explainer.authoring.vet import VetError, vet

    try:
        path = vet(entry_id, reviewer, folders)
    except VetError as error:
        print(f"explainer: not vetted: {error}", file=sys.stderr)
        return EXIT_BROKEN
    print_line(f"Vetted {entry_id} in {path}. Rebuild with: explainer index build")
    return EXIT_OK


def _ask(label: str, given: str | None) -> str | None:
    """An option's value, or the answer to a prompt when a person is at the terminal."""
    if given or not sys.stdin.isatty():
        return given
    return input(f"{label}: ").strip() or None


def run_add(args: argparse.Namespace, folder: Path) -> int:
    from explainer.authoring.add import ArticleInfo, paragraphs_of, write_article

    try:
        raw = args.file.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        print(f"explainer: {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    title = _ask("Title", args.title)
    date = _ask("Date (2025, 2025-04 or 2025-04-08)", args.date)
    if not title or not date:
        print("explainer: give the article's --title and --date.", file=sys.stderr)
        return EXIT_USAGE
    info = ArticleInfo(title=title, publisher=_ask("Publisher", args.publisher) or "unknown",
                       date=date, url=args.url, language=args.language,
                       reports_from=args.reports_from, draft=args.draft)
    path = _write_new(lambda: write_article(paragraphs_of(raw, args.file.suffix.lower()), info,
                                            folder, args.id))
    if path is None:
        return EXIT_USAGE
    print_line(f"Added {path}. Check it with: explainer knowledge check")
    return run_check([folder])
