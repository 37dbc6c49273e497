"""`explainer knowledge ...`: list, check, status, new-term, vet and add.

The writing commands act on the folder the person named: with one `--knowledge DIR` (or one
EXPLAINER_KNOWLEDGE folder) they write there; with none or several they need `--to`. They never
write into the knowledge that comes with explainer. Every next step they print is a command
that works when pasted, with the same `--knowledge` options.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from explainer import resources
from explainer.authoring.check import inside
from explainer.commands.output import EXIT_BROKEN, EXIT_OK, EXIT_USAGE, print_json, print_line
from explainer.core.knowledge import KnowledgeError, load_knowledge
from explainer.settings import Settings

# Internal bookkeeping that is not part of the listing contract.
_HIDDEN_FIELDS = {"line", "sentences"}


def run(settings: Settings, args: argparse.Namespace) -> int:
    action = args.knowledge_command
    if action == "list":
        return run_list(settings, as_json=args.json)
    place = Place(settings, args.knowledge)
    if action in ("check", "status"):
        folder: Path | None = args.folder
        if folder is None and len(place.own) == 1:
            folder = place.own[0]
        folders = place.context(folder) if folder is not None else place.folders
        # By default only the person's own folders: the bundled files are not theirs to fix.
        mine = [folder] if folder is not None else place.own
        only = None if args.all or not mine else mine
        if action == "check":
            return run_check(folders, only)
        # Whether an entry is answered depends on the later folders too (they may replace it).
        if folder is not None and folders[-1] in place.folders:
            folders = place.folders
        return run_status(settings, place, folders, only, folder)
    if action == "vet":
        return run_vet(place, args.id, args.by)
    target = place.target(args.to)
    if target is None:
        return EXIT_USAGE
    if action == "new-term":
        return run_new_term(place, args.term, target)
    return run_add(place, args, target)


class Place:
    """The folders in use, the ones the person named, and how to say them in a command."""

    def __init__(self, settings: Settings, given: Sequence[str]) -> None:
        self.folders = settings.knowledge_folders()
        self.own = self.folders[1:] if settings.include_bundled else list(self.folders)
        self.given = list(given)  # --knowledge options as typed, for pasteable hints

    def protected(self) -> list[Path]:
        """What comes with explainer: the bundled folder and the installed package."""
        return [resources.bundled_knowledge(), resources.package_folder()]

    def target(self, to: Path | None) -> Path | None:
        """Where new-term and add write, or None after saying why not."""
        if to is None:
            if len(self.own) != 1:
                named = ("no knowledge folder of your own was given" if not self.own else
                         f"{len(self.own)} knowledge folders are in use")
                print(f"explainer: {named}; say which folder to write into with --to DIR "
                      "(or give exactly one --knowledge DIR).", file=sys.stderr)
                return None
            to = self.own[0]
        if any(inside(to, folder) for folder in self.protected()):
            print(f"explainer: {to} is the knowledge that comes with explainer; nothing is "
                  "written there. Use a folder of your own: --to DIR.", file=sys.stderr)
            return None
        return to

    def context(self, folder: Path) -> list[Path]:
        """`folder` after everything before it: earlier folders are its context."""
        for number, used in enumerate(self.folders):
            if used.resolve() == folder.resolve():
                return [*self.folders[:number], used]
        return [*self.folders, folder]

    def command(self, folder: Path | None, *words: str) -> str:
        """A pasteable command with the same --knowledge options (plus `folder` if unused)."""
        options = [part for given in self.given for part in ("--knowledge", given)]
        if folder is not None and all(used.resolve() != folder.resolve()
                                      for used in self.folders):
            options += ["--knowledge", str(folder)]
        return shlex.join(["explainer", *options, *words])


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


def run_check(folders: list[Path], only: list[Path] | None) -> int:
    from explainer.authoring.check import check

    report = check(folders, only=only)
    for line in report.lines():
        print_line(line)
    return EXIT_BROKEN if report.errors else EXIT_OK


def run_status(settings: Settings, place: Place, folders: list[Path],
               only: list[Path] | None, folder: Path | None) -> int:
    from explainer.authoring.status import index_is_current, pack_status

    entries = pack_status(folders, only=only)
    for entry in entries:
        print_line(entry.line())
    if not entries:
        print_line("No entries.")
    if not index_is_current(place.folders, settings.index_folder()):
        print_line("The index does not hold these files as they are now. What is shown as "
                   f"answered is answered after: {place.command(folder, 'index', 'build')}")
    return EXIT_OK


def _write_new(write: Callable[[], Path]) -> Path | None:
    """Run a writer that never replaces files; on refusal say why and return None."""
    try:
        return write()
    except FileExistsError as error:
        print(f"explainer: {error.filename} already exists; nothing was changed.",
              file=sys.stderr)
    except ValueError as error:
        print(f"explainer: {error}.", file=sys.stderr)
    except OSError as error:
        print(f"explainer: {error.filename}: {error.strerror}; nothing was written.",
              file=sys.stderr)
    return None


def run_new_term(place: Place, term: str, folder: Path) -> int:
    from explainer.authoring.new_term import write_template

    path = _write_new(lambda: write_template(term, folder, command=place.command(folder)))
    if path is None:
        return EXIT_USAGE
    print_line(f"Wrote {path} (a draft). Fill it in, then check it with:")
    print_line(f"  {place.command(folder, 'knowledge', 'check', str(folder))}")
    return EXIT_OK


def _reviewer(given: str | None) -> str | None:
    if given or not sys.stdin.isatty():
        return given
    return input("Your name (who checked it against the sources): ").strip() or None


def run_vet(place: Place, entry_id: str, by: str | None, folder: Path | None = None) -> int:
    from explainer.authoring.vet import VetError, vet

    reviewer = _reviewer(by)
    if not reviewer:
        print("explainer: say who checked it: --by NAME.", file=sys.stderr)
        return EXIT_USAGE
    folders = place.context(folder) if folder is not None else place.folders
    try:
        path = vet(entry_id, reviewer, folders, protected=place.protected())
    except VetError as error:
        print(f"explainer: not vetted: {error}", file=sys.stderr)
        return EXIT_BROKEN
    print_line(f"Vetted {entry_id} in {path}. It is answered after you rebuild the index:")
    print_line(f"  {place.command(folder, 'index', 'build')}")
    return EXIT_OK


def _ask(label: str, given: str | None) -> str | None:
    """An option's value, or the answer to a prompt when a person is at the terminal."""
    if given or not sys.stdin.isatty():
        return given
    return input(f"{label}: ").strip() or None


def run_add(place: Place, args: argparse.Namespace, folder: Path) -> int:
    from explainer.authoring.add import ArticleInfo, paragraphs_of, write_article
    from explainer.authoring.check import check

    if args.vet and not args.by:
        print("explainer: --vet needs --by NAME: who checked it against the source.",
              file=sys.stderr)
        return EXIT_USAGE
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
                       reports_from=args.reports_from)
    path = _write_new(lambda: write_article(paragraphs_of(raw, args.file.suffix.lower()), info,
                                            folder, args.id))
    if path is None:
        return EXIT_USAGE
    print_line(f"Added {path} (a draft).")
    # The same check as `knowledge check`, in context; only this file's problems count here.
    report = check(place.context(folder), only=[path])
    for line in report.lines()[:-1] if report.elsewhere else report.lines():
        print_line(line)
    if report.errors:
        return EXIT_BROKEN
    if args.vet:
        return run_vet(place, path.stem, args.by, folder)
    print_line("Read it against the source. Then vet it (it is answered only after that):")
    print_line(f"  {place.command(folder, 'knowledge', 'vet', path.stem)}")
    return EXIT_OK
