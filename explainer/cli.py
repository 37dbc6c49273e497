"""The `explainer` command. Global options come before the subcommand (`--lang` may also
come after `ask`).

    explainer [--knowledge DIR]... [--lang en|es]       (opens the app)
    explainer [--knowledge DIR]... [--lang en|es] ask [--json] [--lang en|es] [QUESTION]
    explainer [--knowledge DIR]... knowledge list [--json]
    explainer [--knowledge DIR]... index build

Exit status: 0 when every question got an answer object, 1 when knowledge or index errors prevent
answering, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from explainer import __version__
from explainer.commands import knowledge_args
from explainer.commands.output import (
    EXIT_BROKEN,
    EXIT_BROKEN_PIPE,
    EXIT_OK,
    EXIT_USAGE,
    print_line,
)

LANGUAGES = {"en": "English", "es": "Spanish, español"}
LANG_METAVAR = "{" + ",".join(LANGUAGES) + "}"
# The parts of `explainer bench` (explainer.bench.PARTS; named here so --help imports nothing).
BENCH_PARTS = ("cold", "app", "warm", "memory", "rebuild", "build", "search")
LANG_HELP = ("language of the interface text: "
             + ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
             + "; default en. Knowledge stays in its own language.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer",
        description="Plain-language answers about 287(g) agreements and ICE, quoted from "
        "checked sources. Works offline. Information, not legal advice. "
        "Type `explainer` with no command to open the app (line mode with --plain, or when "
        "input or output is not a terminal).",
        epilog="Examples: `explainer` opens the app. `explainer --lang es` opens it in "
        "Spanish. `explainer ask \"what is a detainer?\"` prints one answer.",
    )
    parser.add_argument("--version", action="version", version=f"explainer {__version__}")
    parser.add_argument("--knowledge", metavar="DIR", action="append", default=[],
                        help="add a knowledge folder after the bundled one (repeatable)")
    # No argparse `choices`: an unknown language gets our own message, with the choices.
    parser.add_argument("--lang", metavar=LANG_METAVAR, default=None, help=LANG_HELP)
    # `--lang` also works after a command (`explainer ask --lang es ...`); absent there, the
    # one before the command (or EXPLAINER_LANG) stands.
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument("--lang", metavar=LANG_METAVAR, default=argparse.SUPPRESS,
                       help=LANG_HELP)
    parser.add_argument("--out", metavar="DIR", type=Path, default=None,
                        help="where the app saves handouts (default: the current folder)")
    parser.add_argument("--plain", action="store_true",
                        help="line mode: plain lines for screen readers and pipes")
    parser.add_argument("--kiosk", action="store_true",
                        help="library kiosk mode (needs an administrator PIN hash)")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND",
        description="With no command, explainer opens the app.")
    ask = commands.add_parser("ask", help="answer one question, or one per line from stdin",
                              parents=[after])
    ask.add_argument("--json", action="store_true", help="print one JSON object per answer")
    ask.add_argument("--explain", action="store_true",
                     help="also show why: the decision's features, probability and rule")
    ask.add_argument("question", nargs="?", help="the question (default: read stdin)")
    knowledge_args.add_parser(commands)
    index = commands.add_parser("index", help="manage the search index")
    index_commands = index.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    build = index_commands.add_parser("build", help="check the knowledge and build the index")
    build.add_argument("--if-changed", action="store_true",
                       help="only build when the knowledge changed or the index is unusable")
    serve = commands.add_parser("serve", help="the app in a web browser (no login: localhost)")
    serve.add_argument("--host", default="localhost",
                       help="address to listen on (default: localhost only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    benchmark = commands.add_parser("bench", help="print speed and memory figures")
    benchmark.add_argument("--soak", type=int, default=0, metavar="N",
                           help="also ask N questions in one process (e.g. 10000)")
    benchmark.add_argument("--only", default=",".join(BENCH_PARTS), metavar="PARTS",
                           help="the parts to run, separated by commas: "
                           + ", ".join(BENCH_PARTS) + " (default: all)")
    benchmark.add_argument("--repeat", type=int, default=3, metavar="N",
                           help="new-process figures are the median of N runs (default 3)")
    benchmark.add_argument("--large", action="store_true",
                           help="also build a 10k-passage pack (takes minutes)")
    kiosk = commands.add_parser("kiosk", help="kiosk administration")
    kiosk_commands = kiosk.add_subparsers(dest="kiosk_command", metavar="ACTION", required=True)
    kiosk_commands.add_parser("hash-pin", help="read a PIN twice and print its hash line")
    evaluate = commands.add_parser("eval", help="measure answer quality on a question set")
    evaluate.add_argument("file", type=Path, help="JSON lines: question, expected, category")
    evaluate.add_argument("--split", choices=["all", "tune", "holdout"], default="all",
                          help="holdout: every held-out question, without those that mean the "
                          "same as an ask, a not-covered or a fitted question")
    evaluate.add_argument("--fitted", type=Path, nargs="*", default=[], metavar="FILE",
                          help="question files the model was fitted on: with --split holdout, "
                          "their tune questions count in the leak check too")
    evaluate.add_argument("--ranking", choices=["fused", "fused-order", "bm25", "dense"],
                          default="fused",
                          help="fused: the answers; fused-order: our ranking alone; "
                          "bm25, dense: plain searches to compare against")
    evaluate.add_argument("--json", action="store_true", help="print the rates as JSON")
    evaluate.add_argument("--misses", action="store_true",
                          help="also list each question missed, with the ids it got")
    calibrate = commands.add_parser(
        "calibrate", help="fit the answer decision from labelled question files")
    calibrate.add_argument("files", nargs="+", metavar="FILE[=PACK]",
                           help="JSON lines as for eval, each optionally with the pack folder "
                           "its questions are about (the holdout split is never used)")
    calibrate.add_argument("--false-refusals", type=float, default=None, metavar="RATE",
                           help="the false-refusal rate the operating point allows (0.03)")
    calibrate.add_argument("--out", dest="model_out", type=Path, default=None,
                           help="where to write the model (default: the one that ships)")
    calibrate.add_argument("--cross-validate", action="store_true",
                           help="write nothing: answer each file with a model fitted on the "
                           "other files, and print its rates")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (`explainer knowledge list --json | head -1`): end quietly.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command in (None, "ask"):  # answering: open the encoder while the rest loads
        from explainer.core import prefetch

        prefetch.start(prefetch.likely_index_folder())
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    from explainer.settings import load_settings

    settings = load_settings([Path(folder) for folder in args.knowledge], args.lang)
    from explainer.core.messages import offered_languages, use_language

    if settings.lang not in offered_languages():
        print(f"explainer: the language {settings.lang!r} is not offered; choose one of: "
              f"{', '.join(offered_languages())}.", file=sys.stderr)
        return EXIT_USAGE
    use_language(settings.lang)
    if args.command in (None, "ask"):
        prefetch.start(settings.index_folder())  # no second thread when the guess was right
    if args.command == "ask":
        from explainer.commands.ask import run_ask

        return run_ask(settings, args.question, as_json=args.json, explain=args.explain)
    if args.command == "knowledge":
        from explainer.commands import knowledge

        return knowledge.run(settings, args)
    if args.command == "index":
        from explainer.commands.index import run_build

        return run_build(settings, only_if_changed=args.if_changed)
    if args.command == "bench":
        from explainer.bench import bench, parse_parts, table
        from explainer.commands.loading import load_engine

        try:
            parts = parse_parts(args.only)
        except ValueError as error:
            print(f"explainer: {error}", file=sys.stderr)
            return EXIT_USAGE
        if load_engine(settings) is None:  # build the index first, with progress
            return EXIT_BROKEN
        rows = bench(settings, soak=args.soak, large=args.large, parts=parts,
                     repeat=max(args.repeat, 1), out=lambda text: print(text, file=sys.stderr))
        print_line(table(rows))
        return EXIT_OK
    if args.command == "serve":
        from explainer.commands.serve import run_serve

        return run_serve(args.host, args.port, args.lang, args.knowledge, kiosk=args.kiosk)
    if args.command == "kiosk":
        from explainer.commands.kiosk import run_hash_pin

        return run_hash_pin()
    if args.command == "calibrate":
        from explainer.commands.calibrate import run_calibrate

        return run_calibrate(settings, args.files, target=args.false_refusals,
                             out=args.model_out, cross_validate=args.cross_validate)
    if args.command == "eval":
        from explainer.commands.evaluate import run_eval

        return run_eval(settings, args.file, split=args.split, method=args.ranking,
                        as_json=args.json, misses=args.misses, fitted=args.fitted)
    if args.kiosk:
        settings.kiosk = True
    if args.out is not None:
        settings.out_dir = args.out
    from explainer.commands.front_end import run_front_end

    plain = args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())
    return run_front_end(settings, plain=plain)

