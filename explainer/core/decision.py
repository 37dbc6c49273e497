"""Whether to answer, and which units are answers: read top to bottom.

1. Rules, where a rule is the right tool: a request to do something else (write, translate,
   "ignore your instructions") is refused; a question that sounds urgent is always answered,
   with the urgent card first; a question that asks only what a defined term means ("what
   does ICE hold mean") is a glossary look-up, answered with that definition first.
2. Otherwise one fitted model decides, in two small logistic regressions over
   `features.FEATURES`. Relevance: each candidate unit gets a probability that it answers the
   question, which ranks them. Scope: the best candidate's features and relevance score give
   the probability that the question is one we can answer at all. The question is answered
   when that probability reaches the operating point, chosen when fitting for a stated
   false-refusal target.
3. Excerpts: the best candidate, then others whose own probability reaches `keep`.

The numbers live in `decision_model.json`, written by `explainer calibrate` (see fitting.py);
nothing in this module is tuned by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from pydantic import BaseModel, ConfigDict, model_validator

from explainer.core.features import FEATURES, Candidate
from explainer.core.intent import Intent

MODEL_FILE = "decision_model.json"


class DecisionModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    # Scope: over the best candidate's features, then its relevance logit.
    scope_mean: list[float]
    scope_scale: list[float]
    scope_weights: list[float]
    scope_bias: float
    threshold: float  # the operating point on P(answerable)
    keep: float  # a further excerpt needs at least this unit probability
    false_refusal_target: float
    fitted_on: list[str]
    fitted_at: str
    fit_report: dict[str, float] = {}

    @model_validator(mode="after")
    def _same_features(self) -> DecisionModel:
        if tuple(self.features) != FEATURES:
            raise ValueError("the decision model was fitted on other features: run "
                             "`explainer calibrate` again")
        sizes = {len(self.mean), len(self.scale), len(self.weights), len(self.features),
                 len(self.scope_mean) - 1, len(self.scope_scale) - 1, len(self.scope_weights) - 1}
        if len(sizes) != 1:
            raise ValueError("the decision model's lists differ in length")
        return self

    def unit_logits(self, candidates: list[Candidate]) -> np.ndarray:
        if not candidates:
            return np.zeros(0)
        values = np.vstack([c.values for c in candidates])
        scaled = (values - np.asarray(self.mean)) / np.asarray(self.scale)
        return np.asarray(scaled @ np.asarray(self.weights) + self.bias)

    def answerable(self, best: Candidate, best_logit: float) -> float:
        values = np.append(best.values, best_logit)
        scaled = (values - np.asarray(self.scope_mean)) / np.asarray(self.scope_scale)
        return _sigmoid(float(scaled @ np.asarray(self.scope_weights)) + self.scope_bias)


def _sigmoid(value: float) -> float:
    return float(1.0 / (1.0 + np.exp(-value)))


@cache
def shipped_model() -> DecisionModel:
    """The fitted model that ships with explainer."""
    text = resources.files("explainer.core").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return DecisionModel.model_validate(json.loads(text))


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    probability: float  # that this unit answers the question


@dataclass(frozen=True)
class Decision:
    answer: bool
    rule: str | None  # "task", "urgent" or "term" when a rule decided, else None
    probability: float  # that the question is one we can answer (0 when none is ranked)
    threshold: float
    ranked: list[Scored]  # best first
    keep: float

    def excerpt_units(self) -> list[Scored]:
        """The best unit, then every other unit likely enough to be an answer too."""
        return [s for number, s in enumerate(self.ranked)
                if number == 0 or s.probability >= self.keep]


def decide(candidates: list[Candidate], intent: Intent, looked_up: str | None = None,
           model: DecisionModel | None = None) -> Decision:
    """`looked_up`: the id of the defined term the question asks about and nothing else."""
    model = model or shipped_model()
    logits = model.unit_logits(candidates)
    # A looked-up term's definition leads; the rest keep the model's order.
    lead = [c.unit.id == looked_up for c in candidates]
    order = np.lexsort((-logits, np.logical_not(lead)))
    ranked = [Scored(candidates[i], _sigmoid(float(logits[i]))) for i in order]
    probability = (model.answerable(candidates[order[0]], float(logits[order[0]]))
                   if len(order) else 0.0)

    def outcome(answer: bool, rule: str | None) -> Decision:
        return Decision(answer, rule, probability, model.threshold, ranked, model.keep)

    if intent.task:
        return outcome(False, "task")
    if intent.urgent:
        return outcome(True, "urgent")
    if looked_up is not None and any(lead):
        return outcome(True, "term")
    return outcome(bool(ranked) and probability >= model.threshold, None)
