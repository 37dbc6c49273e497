"""Load the engine for a command: progress on stderr, problems as plain messages."""

from __future__ import annotations

import sys

from explainer.commands.progress import StderrProgress
from explainer.core.explainer import Explainer, ExplainerError
from explainer.settings import Settings


def load_engine(settings: Settings) -> Explainer | None:
    """A loaded Explainer, or None after saying on stderr why nothing can be answered."""
    with StderrProgress() as progress:
        explainer = Explainer(settings, progress=progress)
        try:
            explainer.load()
        except ExplainerError as error:
            print(f"explainer: {error}", file=sys.stderr)
            return None
    for warning in explainer.warnings:
        print(f"explainer: {warning}", file=sys.stderr)
    return explainer
