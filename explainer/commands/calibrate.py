"""`explainer calibrate FILE...`: fit the answer decision and write its numbers as JSON."""

from __future__ import annotations

import sys
from pathlib import Path

from explainer.cli import EXIT_BROKEN, EXIT_OK, print_line
from explainer.commands.loading import load_engine
from explainer.core.evaluation import QuestionFileError
from explainer.settings import Settings

SHIPPED = Path(__file__).resolve().parent.parent / "core" / "decision_model.json"


def run_calibrate(settings: Settings, files: list[Path], *, target: float,
                  out: Path | None) -> int:
    try:
        from explainer.core.fitting import fit
    except ImportError as error:  # scikit-learn comes with the dev extra only
        print(f"explainer: calibrate needs scikit-learn (pip install 'explainer[dev]'): "
              f"{error}", file=sys.stderr)
        return EXIT_BROKEN
    explainer = load_engine(settings)
    if explainer is None:
        return EXIT_BROKEN
    try:
        model = fit(explainer, files, target)
    except (OSError, QuestionFileError) as error:
        print(f"explainer: {error}", file=sys.stderr)
        return EXIT_BROKEN
    target_file = out or SHIPPED
    target_file.write_text(model.model_dump_json(indent=2) + "\n", encoding="utf-8")
    print_line(f"Wrote {target_file}: operating point {model.threshold:.4f} for a "
               f"false-refusal target of {target:.3f}.")
    for name, value in model.fit_report.items():
        print_line(f"  fitted questions, {name}: {value:.3f}")
    return EXIT_OK
