"""Holdout questions that mean the same as a question the engine already holds or was fitted on.

A holdout question within cosine 0.85 of an ask, a not-covered question or a tune question is
measured partly on itself, so it is reported and left out of the holdout's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explainer.core.constants import LEAK_COSINE
from explainer.core.evaluation import EvalQuestion
from explainer.core.explainer import Explainer


@dataclass(frozen=True)
class Leak:
    question: EvalQuestion
    neighbour: str
    cosine: float


def meaning_leaks(explainer: Explainer, holdout: Sequence[EvalQuestion],
                  tune: Sequence[EvalQuestion], threshold: float = LEAK_COSINE) -> list[Leak]:
    if not holdout:
        return []
    texts, vectors = explainer.known_questions()
    texts = texts + [q.question for q in tune]
    if tune:
        vectors = np.vstack([vectors, explainer.encode([q.question for q in tune])])
    if not len(texts):
        return []
    scores = explainer.encode([q.question for q in holdout]) @ vectors.T
    best = scores.argmax(axis=1)
    return [Leak(question, texts[int(column)], float(scores[row, column]))
            for row, (question, column) in enumerate(zip(holdout, best, strict=True))
            if scores[row, column] >= threshold]
