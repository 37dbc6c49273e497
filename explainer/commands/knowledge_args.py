"""The options of `explainer knowledge ...` (kept apart so `explainer --help` stays light)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    knowledge = commands.add_parser("knowledge", help="look at, check and add knowledge files")
    actions = knowledge.add_subparsers(dest="knowledge_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every unit, drafts included")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    to_help = "your knowledge folder (needed unless exactly one --knowledge is given)"
    for name, text in (("check", "errors and warnings, with file and line"),
                       ("status", "each entry: vetted or draft, answered or not, and why")):
        action = actions.add_parser(name, help=text)
        action.add_argument("folder", nargs="?", type=Path,
                            help="the folder to report on, checked after the folders before it "
                            "(default: your own folders)")
        action.add_argument("--all", action="store_true",
                            help="also report what is in the other folders")
    new_term = actions.add_parser("new-term", help="write a definition template (a draft)")
    new_term.add_argument("term")
    new_term.add_argument("--to", type=Path, help=to_help)
    vetting = actions.add_parser("vet", help="mark a checked draft as vetted")
    vetting.add_argument("id")
    vetting.add_argument("--by", help="who checked it (asked for when not given)")
    adding = actions.add_parser("add", help="add an article (text, Markdown, HTML) as a draft")
    adding.add_argument("file", type=Path)
    adding.add_argument("--to", type=Path, help=to_help)
    adding.add_argument("--id", help="the article id (default: from the title)")
    adding.add_argument("--title")
    adding.add_argument("--publisher", default=None)
    adding.add_argument("--date", help="2025, 2025-04 or 2025-04-08")
    adding.add_argument("--url")
    adding.add_argument("--reports-from")
    adding.add_argument("--language", default="en")
    adding.add_argument("--vet", action="store_true",
                        help="vet it at once (you checked it against the source); needs --by")
    adding.add_argument("--by", help="with --vet: who checked it")
