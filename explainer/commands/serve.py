"""`explainer serve`: the app in a browser through textual-serve. It has no login."""

from __future__ import annotations

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
    parts = [sys.executable, "-m", "explainer"]
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
