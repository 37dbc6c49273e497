"""Exit codes and output helpers shared by `explainer.cli` and every command module.

They live here, not in cli.py, so a command never imports the module that imports it.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

# 0: every question got an answer object; 1: knowledge or index errors prevent answering;
# 2: usage errors.
EXIT_OK, EXIT_BROKEN, EXIT_USAGE = 0, 1, 2
# The shell's code for a process ended by a closed pipe (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


def print_line(text: str, stream: TextIO | None = None) -> None:
    """Write one line and flush, so a reader at the other end of a pipe sees it at once.

    The text is cleaned here as well as at load: escape sequences and control characters go,
    so no caller can reach the terminal with them. It is written as it is, never read as
    markup.
    """
    from explainer.core.text import clean_text  # here: `explainer --help` need not load it

    out = stream or sys.stdout
    out.write(clean_text(text) + "\n")
    out.flush()


def print_json(payload: object) -> None:
    print_line(json.dumps(payload, ensure_ascii=False))
