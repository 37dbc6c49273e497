"""`explainer` as a separate process: on a pseudo-terminal, typed at as a person would."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pexpect

# The fake encoder keeps these tests quick; everything else is the real command line.
SCRIPT = (
    "from explainer.core import explainer as e\n"
    "from explainer.core.encoder import HashingBackend\n"
    "e.MiniLMBackend = HashingBackend\n"
    "{setup}"
    "from explainer.cli import main\n"
    "raise SystemExit(main({argv!r}))\n"
)
LEFT, UP = "\x1b[D", "\x1b[A"


def explainer_script(argv: list[str], setup: str = "") -> str:
    """Python code that runs `explainer ARGV` with the fake encoder, after `setup`."""
    return SCRIPT.format(setup=setup, argv=argv)


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean environment: its own cache and home, no settings file, a plain terminal."""
    return {"EXPLAINER_CACHE_DIR": str(tmp_path / "cache"), "EXPLAINER_INCLUDE_BUNDLED": "false",
            "EXPLAINER_CONFIG": "/dev/null", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
            "TERM": "dumb", **extra}


class Terminal:
    """A running `explainer` whose input and output are a pseudo-terminal."""

    def __init__(self, argv: list[str], env: dict[str, str], setup: str = "",
                 cwd: Path | None = None) -> None:
        self._shown = io.StringIO()
        self.child = pexpect.spawn(sys.executable, ["-c", explainer_script(argv, setup)],
                                   env=env, cwd=str(cwd) if cwd else None, encoding="utf-8",
                                   codec_errors="replace", timeout=120, dimensions=(24, 100))
        self.child.logfile_read = self._shown

    @property
    def output(self) -> str:
        """Everything the program has shown so far."""
        return self._shown.getvalue()

    def wait_for(self, text: str) -> None:
        """Read on until `text` is shown (after whatever the last wait found)."""
        self.child.expect_exact(text)

    def quiet_for(self, seconds: float) -> str:
        """What the program shows in the next `seconds`, while no one types."""
        self.child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=seconds)
        return str(self.child.before)

    def type(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> str:
        """Wait for the program to end by itself (it was told to quit); all it showed."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.output

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.child.close(force=True)
