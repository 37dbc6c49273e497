"""Fit the answer decision from labelled question files (`explainer calibrate`).

Stage 1, relevance: a logistic regression (scikit-learn) over `features.FEATURES`, one row per
candidate unit of each question, labelled 1 when the unit is one the question file expects.
Stage 2, scope: a logistic regression over the best candidate's features and its stage-1 logit,
one row per question, labelled 1 when the question has expected units (it is answerable).
The operating point is the highest P threshold whose false-refusal rate on the fitted questions
stays within the target. Every question is seen three ways: with the knowledge as it is,
without its asks, and without asks or a not-covered list, because a workshop's pack has neither.
In each, the asks and not-covered questions within LEAK_COSINE of the question are left out:
many fitted questions have a near twin among them (the lists were written beside the question
files), while a held-out question never does (it is left out of the figures), so fitting on the
twins taught the model to trust them more than an unseen question can. Each question file
counts the same, however many questions it holds. Held-out questions (the holdout splits) are
never used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explainer.core.constants import KEEP_PRECISION, REGULARIZATION
from explainer.core.decision import DecisionModel
from explainer.core.evaluation import EvalQuestion, load_questions
from explainer.core.explainer import Explainer
from explainer.core.features import FEATURES
from explainer.core.retrieve import View

# Every view is unseen: asks and not-covered questions that mean the same as the fitted
# question are left out, as the holdouts leave out such questions (leaks.py).
VIEWS = {"as is": View(unseen=True), "no asks": View(asks=False, unseen=True),
         "no asks, no not-covered": View(asks=False, not_covered=False, unseen=True)}


@dataclass(frozen=True)
class QuestionRows:
    """One question seen in one view: its candidates' features and which are expected."""

    file: str
    weight: float  # 1 / the file's question count: each file counts the same, however large
    view: str
    answerable: bool
    values: np.ndarray  # one row per candidate, in FEATURES order
    relevant: np.ndarray  # 1 where the candidate is an expected unit


def gather(explainer: Explainer, questions: Sequence[EvalQuestion],
           file: str) -> list[list[QuestionRows]]:
    """For each question, its rows in every view (none where a rule decides it)."""
    gathered = []
    weight = 1.0 / max(len(questions), 1)
    for question in questions:
        seen = []
        for name, view in VIEWS.items():
            intent, found = explainer.candidates(question.question, view)
            if intent.task or intent.greeting or not found:
                continue  # a rule decides these
            seen.append(QuestionRows(
                file, weight, name, bool(question.expected), np.vstack([c.values for c in found]),
                np.asarray([c.unit.id in question.expected for c in found], dtype=np.int64)))
        gathered.append(seen)
    return gathered


@dataclass(frozen=True)
class QuestionSet:
    """A question file, and the engine whose knowledge it is about (the bundled knowledge, or
    the bundled knowledge with a workshop's pack)."""

    path: Path
    engine: Explainer


def _gather_sets(sets: Sequence[QuestionSet]) -> list[list[QuestionRows]]:
    """Each set's rows: its fitted (tune) questions in every view."""
    gathered = []
    for question_set in sets:
        group = [q for q in load_questions(question_set.path) if not q.held_out]
        gathered.append([row for seen in gather(question_set.engine, group,
                                                question_set.path.name) for row in seen])
    return gathered


def fit(sets: Sequence[QuestionSet], false_refusal_target: float,
        regularization: float = REGULARIZATION) -> DecisionModel:
    rows = [row for part in _gather_sets(sets) for row in part]
    return fit_rows(rows, false_refusal_target, [s.path.name for s in sets], regularization)


def leave_one_out(sets: Sequence[QuestionSet], false_refusal_target: float,
                  regularization: float = REGULARIZATION,
                  ) -> Iterator[tuple[QuestionSet, DecisionModel]]:
    """Each set, with a model fitted on all the other sets: how the fit holds on questions
    written elsewhere (`explainer calibrate --cross-validate`)."""
    gathered = _gather_sets(sets)
    for number, left_out in enumerate(sets):
        rows = [row for other, part in enumerate(gathered) if other != number for row in part]
        names = [s.path.name for other, s in enumerate(sets) if other != number]
        yield left_out, fit_rows(rows, false_refusal_target, names, regularization)


def fit_rows(rows: Sequence[QuestionRows], false_refusal_target: float, fitted_on: list[str],
             regularization: float = REGULARIZATION) -> DecisionModel:
    """Fit both regressions and the operating point on gathered rows (also used to measure a
    fit on some files against the others)."""
    from sklearn.linear_model import LogisticRegression

    weights = np.asarray([r.weight for r in rows])
    weights /= np.mean(weights)
    values = np.vstack([r.values for r in rows])
    owners = np.repeat(np.arange(len(rows)), [len(r.values) for r in rows])
    relevant = np.concatenate([r.relevant for r in rows])
    answerable = np.asarray([int(r.answerable) for r in rows])
    mean, scale = values.mean(axis=0), values.std(axis=0)
    scale[scale == 0] = 1.0
    relevance = LogisticRegression(C=regularization, max_iter=2000)
    relevance.fit((values - mean) / scale, relevant, sample_weight=weights[owners])
    logits = relevance.decision_function((values - mean) / scale)
    best = np.full(len(rows), -np.inf)
    np.maximum.at(best, owners, logits)
    leader = np.zeros(len(rows), dtype=np.int64)
    for row, (owner, logit) in enumerate(zip(owners, logits, strict=True)):
        if logit == best[owner]:
            leader[owner] = row
    scope_values = np.column_stack([values[leader], best])
    scope_mean, scope_scale = scope_values.mean(axis=0), scope_values.std(axis=0)
    scope_scale[scope_scale == 0] = 1.0
    scope = LogisticRegression(C=regularization, max_iter=2000)
    scaled_scope = (scope_values - scope_mean) / scope_scale
    scope.fit(scaled_scope, answerable, sample_weight=weights)
    probability = scope.predict_proba(scaled_scope)[:, 1]
    threshold = _operating_point(probability, answerable, weights, false_refusal_target)
    keep = _keep_point(logits, relevant, owners, best, answerable)
    report = _report(probability, answerable, np.asarray([r.view for r in rows]), threshold)
    return DecisionModel(
        features=list(FEATURES), mean=mean.tolist(), scale=scale.tolist(),
        weights=relevance.coef_[0].tolist(), bias=float(relevance.intercept_[0]),
        scope_mean=scope_mean.tolist(), scope_scale=scope_scale.tolist(),
        scope_weights=scope.coef_[0].tolist(), scope_bias=float(scope.intercept_[0]),
        threshold=threshold, keep=keep,
        false_refusal_target=false_refusal_target,
        fitted_on=fitted_on, fitted_at=dt.date.today().isoformat(),
        fit_report=report,
    )


def _operating_point(probability: np.ndarray, answerable: np.ndarray, weights: np.ndarray,
                     target: float) -> float:
    """The highest threshold that refuses at most `target` (by weight) of the answerable."""
    wanted = answerable == 1
    order = np.argsort(probability[wanted])
    scores, shares = probability[wanted][order], weights[wanted][order]
    refused = np.cumsum(shares) / shares.sum() if len(shares) else np.zeros(0)
    allowed = int(np.searchsorted(refused, target, side="right"))
    return float(round(scores[min(allowed, len(scores) - 1)] - 1e-6, 6)) if len(scores) else 0.5


def _keep_point(logits: np.ndarray, relevant: np.ndarray, owners: np.ndarray,
                best: np.ndarray, answerable: np.ndarray) -> float:
    """The lowest unit probability at which further excerpts are still answers often enough."""
    further = (logits < best[owners]) & (answerable[owners] == 1)
    probability = 1.0 / (1.0 + np.exp(-logits[further]))
    labels = relevant[further]
    order = np.argsort(-probability)
    precision = np.cumsum(labels[order]) / (1 + np.arange(len(order)))
    good = np.flatnonzero(precision >= KEEP_PRECISION)
    return float(round(probability[order][good[-1]], 4)) if len(good) else 0.5


def _report(probability: np.ndarray, answerable: np.ndarray, views: np.ndarray,
            threshold: float) -> dict[str, float]:
    report: dict[str, float] = {}
    for name in VIEWS:
        mine = views == name
        answered = probability[mine] >= threshold
        wanted = answerable[mine] == 1
        report[f"{name}: false refusals"] = round(float(np.mean(~answered[wanted])), 4)
        report[f"{name}: refusals"] = round(float(np.mean(~answered[~wanted])), 4)
    return report
