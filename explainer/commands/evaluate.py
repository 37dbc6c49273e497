"""`explainer eval FILE`: hit@1, hit@3, refusal and false-refusal rates on a question set."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from explainer.commands.loading import load_engine
from explainer.commands.output import EXIT_BROKEN, EXIT_OK, print_line
from explainer.core.evaluation import (
    EvalQuestion,
    Outcome,
    QuestionFileError,
    format_misses,
    format_reliability,
    format_table,
    load_questions,
    score,
)
from explainer.core.explainer import Explainer
from explainer.core.leaks import meaning_leaks
from explainer.core.text import clean_line
from explainer.settings import Settings


def outcomes_for(explainer: Explainer, questions: list[EvalQuestion],
                 method: str = "fused") -> list[Outcome]:
    results = []
    for question in questions:
        if method == "fused":
            answer, why = explainer.ask_explained(question.question)
            # A translation quoted in its original's slot answers as that entry.
            ids = [explainer.entry_of(excerpt.id) for excerpt in answer.excerpts]
            probability = why.probability if why and why.rule is None else None
            results.append(Outcome(question, ids, answer.status == "no_answer", probability))
        else:
            results.append(Outcome(question, explainer.baseline_ids(question.question, method),
                                   False))
    return results


def run_eval(settings: Settings, path: Path, *, split: str, method: str, as_json: bool,
             misses: bool = False, fitted: Sequence[Path] = ()) -> int:
    try:
        every = load_questions(path)
        tune = [q for file in [path, *fitted] for q in (every if file == path
                                                         else load_questions(file))
                if not q.held_out]
    except (OSError, QuestionFileError) as error:
        print(f"explainer: {error}", file=sys.stderr)
        return EXIT_BROKEN
    questions = [q for q in every
                 if split == "all" or (q.held_out if split == "holdout" else not q.held_out)]
    explainer = load_engine(settings)
    if explainer is None:
        return EXIT_BROKEN
    if split == "holdout":
        # A holdout question that means the same as one we hold or tuned on is left out.
        leaks = meaning_leaks(explainer, questions, tune)
        left_out = {id(leak.question) for leak in leaks}
        questions = [q for q in questions if id(q) not in left_out]
        for leak in leaks:
            print(f"left out (cosine {leak.cosine:.3f} to {clean_line(leak.neighbour)!r}): "
                  f"{clean_line(leak.question.question)!r}", file=sys.stderr)
    outcomes = outcomes_for(explainer, questions, method)
    table = score(outcomes)
    if as_json:
        print_line(json.dumps({name: rates.as_dict() for name, rates in table.items()}))
    else:
        title = f"{path.name}: {len(questions)} questions, split={split}, ranking={method}"
        if method != "fused":
            title += " (ranking only, never refuses)"
        print_line(format_table(title, table))
        if method == "fused":
            print_line("\n" + format_reliability("Reliability (questions the model decided):",
                                                  outcomes))
        if misses:
            print_line(format_misses(outcomes))
    return EXIT_OK
