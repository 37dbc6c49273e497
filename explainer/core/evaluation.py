"""Answer quality on a question set: hit@1, hit@3, refusals and false refusals, per category."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from explainer.core.text import clean_line

OVERALL = "overall"


class EvalQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str
    expected: list[str]  # ids that count as a right answer; empty: must be refused
    category: str
    # holdout2, holdout3, workshop2_holdout: later holdouts, each collected after the ones before
    # it were spent (each measured once as well).
    split: Literal["tune", "holdout", "holdout2", "holdout3", "workshop2_holdout"] = "tune"
    origin: str | None = None  # who wrote it, e.g. a blind set written without seeing the engine
    source: str | None = None  # where a real question was asked in public (its address)

    # The table and the list of misses print these: no escape codes from a question file.
    @field_validator("category")
    @classmethod
    def _inert_category(cls, value: str) -> str:
        return clean_line(value)

    @field_validator("expected")
    @classmethod
    def _inert_ids(cls, value: list[str]) -> list[str]:
        return [clean_line(unit_id) for unit_id in value]


    @property
    def held_out(self) -> bool:
        """Never fitted on: every split but `tune`."""
        return self.split != "tune"


class QuestionFileError(Exception):
    pass


def load_questions(path: Path) -> list[EvalQuestion]:
    """One JSON object per line; blank lines are skipped; errors name the line."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(EvalQuestion.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as error:
            raise QuestionFileError(f"{path}:{number}: not a valid question line ({error})") \
                from None
    return questions


@dataclass(frozen=True)
class Outcome:
    question: EvalQuestion
    ids: Sequence[str]  # excerpt ids in order; empty when refused
    refused: bool
    probability: float | None = None  # the decision's P(answerable), when the model decided


@dataclass
class Rates:
    answerable: int = 0
    hit_at_1: int = 0
    hit_at_3: int = 0
    false_refusals: int = 0
    must_refuse: int = 0
    refused: int = 0

    def add(self, outcome: Outcome) -> None:
        expected = set(outcome.question.expected)
        if not expected:
            self.must_refuse += 1
            self.refused += outcome.refused
            return
        self.answerable += 1
        self.false_refusals += outcome.refused
        self.hit_at_1 += bool(expected & set(outcome.ids[:1]))
        self.hit_at_3 += bool(expected & set(outcome.ids[:3]))

    def as_dict(self) -> dict[str, float | int | None]:
        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 4) if whole else None

        return {
            "answerable": self.answerable,
            "hit@1": share(self.hit_at_1, self.answerable),
            "hit@3": share(self.hit_at_3, self.answerable),
            "false_refusal": share(self.false_refusals, self.answerable),
            "must_refuse": self.must_refuse,
            "refusal": share(self.refused, self.must_refuse),
        }


def score(outcomes: Iterable[Outcome]) -> dict[str, Rates]:
    """Rates per category, plus `overall`."""
    table: dict[str, Rates] = {OVERALL: Rates()}
    for outcome in outcomes:
        table.setdefault(outcome.question.category, Rates()).add(outcome)
        table[OVERALL].add(outcome)
    return table


def format_table(title: str, table: dict[str, Rates]) -> str:
    def cell(value: float | int | None) -> str:
        return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)

    columns = ["answerable", "hit@1", "hit@3", "false_refusal", "must_refuse", "refusal"]
    lines = [title, f"{'category':<14}" + "".join(f"{c:>14}" for c in columns)]
    order = [*sorted(name for name in table if name != OVERALL), OVERALL]
    for name in order:
        values = table[name].as_dict()
        lines.append(f"{name:<14}" + "".join(f"{cell(values[c]):>14}" for c in columns))
    return "\n".join(lines)


def is_miss(outcome: Outcome) -> bool:
    """A refusal that should have answered, an answer that should have refused, or no hit@3."""
    expected = set(outcome.question.expected)
    if not expected:
        return not outcome.refused
    return outcome.refused or not expected & set(outcome.ids[:3])


def format_misses(outcomes: Iterable[Outcome]) -> str:
    """One line per miss: category, question, what it got and what would have counted."""
    lines = ["misses:"]
    for outcome in outcomes:
        if not is_miss(outcome):
            continue
        got = "REFUSED" if outcome.refused else ", ".join(outcome.ids) or "-"
        wanted = ", ".join(outcome.question.expected) or "refusal"
        lines.append(f"  [{outcome.question.category}] {outcome.question.question!r}\n"
                     f"      got: {got}\n      want: {wanted}")
    return "\n".join(lines) if len(lines) > 1 else "misses: none"


RELIABILITY_BINS = 5


def format_reliability(title: str, outcomes: Iterable[Outcome]) -> str:
    """Predicted P(answerable) against the share of questions that were answerable, in bins."""
    bins: list[list[Outcome]] = [[] for _ in range(RELIABILITY_BINS)]
    for outcome in outcomes:
        if outcome.probability is not None:
            place = min(int(outcome.probability * RELIABILITY_BINS), RELIABILITY_BINS - 1)
            bins[place].append(outcome)
    lines = [title, f"{'predicted':<14}{'questions':>10}{'mean predicted':>16}"
                    f"{'answerable':>12}"]
    for number, members in enumerate(bins):
        low, high = number / RELIABILITY_BINS, (number + 1) / RELIABILITY_BINS
        if not members:
            lines.append(f"{low:.1f}-{high:.1f}{'':<7}{0:>10}{'-':>16}{'-':>12}")
            continue
        predicted = sum(o.probability or 0.0 for o in members) / len(members)
        observed = sum(bool(o.question.expected) for o in members) / len(members)
        lines.append(f"{low:.1f}-{high:.1f}{'':<7}{len(members):>10}{predicted:>16.3f}"
                     f"{observed:>12.3f}")
    return "\n".join(lines)
