"""`explainer index build`: check the knowledge and build a fresh index, with progress."""

from __future__ import annotations

import sys

from explainer.commands.output import EXIT_BROKEN, EXIT_OK
from explainer.commands.progress import StderrProgress
from explainer.core.explainer import Explainer, ExplainerError
from explainer.core.index import IndexProblem
from explainer.core.knowledge import KnowledgeError
from explainer.settings import Settings


def run_build(settings: Settings, *, only_if_changed: bool = False) -> int:
    with StderrProgress() as progress:
        explainer = Explainer(settings, progress=progress)
        try:
            if only_if_changed:
                explainer.load()
                for warning in explainer.warnings:
                    print(f"explainer: {warning}", file=sys.stderr)
                return EXIT_OK
            manifest = explainer.build_index()
        except KnowledgeError as error:
            print("explainer: the index was not rebuilt; the knowledge has errors:",
                  file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_BROKEN
        except (IndexProblem, ExplainerError) as error:
            print(f"explainer: {error}", file=sys.stderr)
            return EXIT_BROKEN
    print(f"Index built: {manifest.unit_count} passages and definitions, "
          f"{manifest.sentence_count} sentences, in {settings.index_folder()}", file=sys.stderr)
    if explainer.store.last_summary is not None:
        print(f"Changes: {explainer.store.last_summary}.", file=sys.stderr)
    return EXIT_OK
