"""`explainer serve`: the app in a browser through textual-serve. It has no login.

textual-serve starts one process per browser tab and talks to it through pipes, not a terminal.
`explainer` itself falls back to line mode without a terminal, so the served command is this
module's own entry point, which always opens the app.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence

from explainer.commands.output import EXIT_BROKEN, EXIT_OK, EXIT_USAGE

WARNING = (
    "Warning: explainer serve has no login. Anyone who can reach {url} can use the app.\n"
    "It listens on this computer only (localhost) unless you choose --host.\n"
    "The web page may try to load fonts from the internet; the app itself stays offline."
)


def app_command(lang: str | None, knowledge: Sequence[str]) -> str:
    """The command textual-serve runs for each browser session (no shell features needed)."""
    parts = [sys.executable, "-m", "explainer.commands.serve"]
    for folder in knowledge:
        parts += ["--knowledge", folder]
    if lang:
        parts += ["--lang", lang]
    return shlex.join(parts)


def run_serve(host: str, port: int, lang: str | None, knowledge: Sequence[str], *,
              kiosk: bool = False) -> int:
    if kiosk:
        print("explainer: kiosk mode is for a local terminal, not for serve.", file=sys.stderr)
        return EXIT_USAGE
    try:
        from textual_serve.server import Server
    except ImportError:
        print("explainer: serve needs the optional package: pip install 'explainer[serve]'",
              file=sys.stderr)
        return EXIT_BROKEN
    print(WARNING.format(url=f"http://{host}:{port}"), file=sys.stderr)
    Server(app_command(lang, knowledge), host=host, port=port, title="explainer").serve()
    return EXIT_OK


def run_served_app(argv: Sequence[str]) -> int:
    """One browser session: the app (never line mode, never a kiosk) on textual's web driver."""
    parser = argparse.ArgumentParser(prog="explainer serve (one session)")
    parser.add_argument("--knowledge", action="append", default=[])
    parser.add_argument("--lang", default=None)
    args = parser.parse_args(argv)
    from pathlib import Path

    from explainer.core.messages import use_language
    from explainer.settings import load_settings
    from explainer.ui.launch import run_app

    settings = load_settings([Path(folder) for folder in args.knowledge], args.lang)
    settings.kiosk = False  # a kiosk is a local terminal; `run_serve` refuses one
    use_language(settings.lang)
    return run_app(settings)


if __name__ == "__main__":
    raise SystemExit(run_served_app(sys.argv[1:]))
