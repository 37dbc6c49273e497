"""`explainer calibrate FILE[=PACK]...`: fit the answer decision and write it as JSON.

A file may name the workshop pack it is about (`questions.jsonl=path/to/pack`): its questions
are then asked of the bundled knowledge with that pack added. With `--cross-validate`, nothing is
written: each file's questions are answered by a model fitted on the other files, and its rates
and reliability table are printed (leave one file out).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.commands.evaluate import outcomes_for
from explainer.commands.loading import load_engine
from explainer.commands.output import EXIT_BROKEN, EXIT_OK, print_line
from explainer.core.constants import FALSE_REFUSAL_TARGET
from explainer.core.decision import DecisionModel
from explainer.core.evaluation import (
    QuestionFileError,
    format_reliability,
    format_table,
    load_questions,
    score,
)
from explainer.core.explainer import Explainer
from explainer.settings import Settings

if TYPE_CHECKING:
    from explainer.core.fitting import QuestionSet

SHIPPED = Path(__file__).resolve().parent.parent / "core" / "decision_model.json"


def run_calibrate(settings: Settings, specs: list[str], *, target: float | None,
                  out: Path | None, cross_validate: bool = False) -> int:
    target = FALSE_REFUSAL_TARGET if target is None else target
    started = time.monotonic()
    try:
        from explainer.core.fitting import QuestionSet, fit, leave_one_out
    except ImportError as error:  # scikit-learn comes with the dev extra only
        print(f"explainer: calibrate needs scikit-learn (pip install 'explainer[dev]'): "
              f"{error}", file=sys.stderr)
        return EXIT_BROKEN
    engines: dict[tuple[Path, ...], Explainer] = {}
    sets = []
    for spec in specs:
        file, _, pack = spec.partition("=")
        folders = (*settings.extra_knowledge, *([Path(pack)] if pack else []))
        if folders not in engines:
            engine = load_engine(settings.model_copy(update={"extra_knowledge": list(folders)}))
            if engine is None:
                return EXIT_BROKEN
            engines[folders] = engine
        sets.append(QuestionSet(Path(file), engines[folders]))
    try:
        if cross_validate:
            _cross_validate(leave_one_out(sets, target))
            return EXIT_OK
        model = fit(sets, target)
    except (OSError, QuestionFileError) as error:
        print(f"explainer: {error}", file=sys.stderr)
        return EXIT_BROKEN
    finally:
        # The packs were built in the same index folder: leave it built for what is in use.
        load_engine(settings)
    target_file = out or SHIPPED
    target_file.write_text(model.model_dump_json(indent=2) + "\n", encoding="utf-8")
    print_line(f"Wrote {target_file}: operating point {model.threshold:.4f} for a "
               f"false-refusal target of {target:.3f}, in {time.monotonic() - started:.0f} s.")
    for name, value in model.fit_report.items():
        print_line(f"  fitted questions, {name}: {value:.3f}")
    return EXIT_OK


def _cross_validate(folds: Iterable[tuple[QuestionSet, DecisionModel]]) -> None:
    """Each file answered by the model fitted on the others: rates and reliability."""
    for question_set, model in folds:
        shipped = question_set.engine.model
        question_set.engine.use_model(model)
        questions = [q for q in load_questions(question_set.path) if not q.held_out]
        try:
            outcomes = outcomes_for(question_set.engine, questions)
        finally:
            question_set.engine.use_model(shipped)
        title = (f"{question_set.path.name}: {len(questions)} questions, answered by a model "
                 f"fitted on {', '.join(model.fitted_on)} (operating point "
                 f"{model.threshold:.4f})")
        print_line(format_table(title, score(outcomes)))
        print_line(format_reliability("Reliability (questions the model decided):", outcomes))
        print_line("")
