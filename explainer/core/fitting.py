"""Fit the answer decision from labelled question files (`explainer calibrate`).

Stage 1, relevance: a logistic regression (scikit-learn) over `features.FEATURES`, one row per
candidate unit of each question, labelled 1 when the unit is one the question file expects.
Stage 2, scope: a logistic regression over the best candidate's features and its stage-1 logit,
one row per question, labelled 1 when the question has expected units (it is answerable).
The operating point is the highest P threshold whose false-refusal rate on the fitted questions
stays within the target. Every question is seen three ways: with the knowledge as it is,
without its asks, and without asks or a not-covered list, because a workshop's pack has neither.
Questions of the holdout split are never used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explainer.core.decision import DecisionModel
from explainer.core.evaluation import EvalQuestion, load_questions
from explainer.core.explainer import Explainer
from explainer.core.features import FEATURES
from explainer.core.retrieve import View

VIEWS = {"as is": View(), "no asks": View(asks=False),
         "no asks, no not-covered": View(asks=False, not_covered=False)}
# A further excerpt is shown when, among fitted questions, at least this share of the further
# excerpts shown at its probability or above are labelled answers.
KEEP_PRECISION = 0.3
REGULARIZATION = 1.0  # scikit-learn's C: the inverse strength of the L2 penalty


@dataclass
class _Rows:
    values: list[np.ndarray]
    relevant: list[int]
    question: list[int]  # index into `answerable`, one per (question, view)
    answerable: list[int]
    view: list[str]


def _gather(explainer: Explainer, questions: Sequence[EvalQuestion]) -> _Rows:
    rows = _Rows([], [], [], [], [])
    for name, view in VIEWS.items():
        for question in questions:
            intent, found = explainer.candidates(question.question, view)
            if intent.task or intent.greeting or not found:
                continue  # a rule decides these
            number = len(rows.answerable)
            rows.answerable.append(int(bool(question.expected)))
            rows.view.append(name)
            for candidate in found:
                rows.values.append(candidate.values)
                rows.relevant.append(int(candidate.unit.id in question.expected))
                rows.question.append(number)
    return rows


def fit(explainer: Explainer, files: Sequence[Path], false_refusal_target: float,
        regularization: float = REGULARIZATION) -> DecisionModel:
    from sklearn.linear_model import LogisticRegression

    questions = [q for path in files for q in load_questions(path) if q.split != "holdout"]
    rows = _gather(explainer, questions)
    values = np.vstack(rows.values)
    mean, scale = values.mean(axis=0), values.std(axis=0)
    scale[scale == 0] = 1.0
    relevance = LogisticRegression(C=regularization, max_iter=2000)
    relevance.fit((values - mean) / scale, np.asarray(rows.relevant))
    logits = relevance.decision_function((values - mean) / scale)
    owners = np.asarray(rows.question)
    best = np.full(len(rows.answerable), -np.inf)
    np.maximum.at(best, owners, logits)
    leader = np.zeros(len(rows.answerable), dtype=np.int64)
    for row, (owner, logit) in enumerate(zip(owners, logits, strict=True)):
        if logit == best[owner]:
            leader[owner] = row
    scope_values = np.column_stack([values[leader], best])
    scope_mean, scope_scale = scope_values.mean(axis=0), scope_values.std(axis=0)
    scope_scale[scope_scale == 0] = 1.0
    answerable = np.asarray(rows.answerable)
    scope = LogisticRegression(C=regularization, max_iter=2000)
    scaled_scope = (scope_values - scope_mean) / scope_scale
    scope.fit(scaled_scope, answerable)
    probability = scope.predict_proba(scaled_scope)[:, 1]
    threshold = _operating_point(probability, answerable, false_refusal_target)
    keep = _keep_point(logits, np.asarray(rows.relevant), owners, best, answerable)
    report = _report(probability, answerable, np.asarray(rows.view), threshold)
    return DecisionModel(
        features=list(FEATURES), mean=mean.tolist(), scale=scale.tolist(),
        weights=relevance.coef_[0].tolist(), bias=float(relevance.intercept_[0]),
        scope_mean=scope_mean.tolist(), scope_scale=scope_scale.tolist(),
        scope_weights=scope.coef_[0].tolist(), scope_bias=float(scope.intercept_[0]),
        threshold=threshold, keep=keep,
        false_refusal_target=false_refusal_target,
        fitted_on=[path.name for path in files], fitted_at=dt.date.today().isoformat(),
        fit_report=report,
    )


def _operating_point(probability: np.ndarray, answerable: np.ndarray, target: float) -> float:
    """The highest threshold that refuses at most `target` of the answerable questions."""
    scores = np.sort(probability[answerable == 1])
    allowed = int(np.floor(target * len(scores)))
    return float(round(scores[allowed] - 1e-6, 6)) if len(scores) else 0.5


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
