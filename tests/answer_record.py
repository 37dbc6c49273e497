"""What an answer is, for "answers are identical": ids, spans, status and reason, no scores.

`python -m tests.answer_record` re-records tests/data/answers/*.jsonl with the real model.
Re-record only after a change that is meant to change answers (scoring, knowledge, the
decision model), and say so in the commit; speed work must leave them as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from explainer.core.explainer import Explainer
from explainer.settings import Settings

DATA = Path(__file__).parent / "data"
RECORDED = DATA / "answers"
QUESTION_FILES = sorted(path.name for path in DATA.glob("*.jsonl"))


def questions(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def answer_record(explainer: Explainer, question: str) -> dict[str, Any]:
    answer = explainer.ask(question)
    return {"question": question, "status": answer.status, "reason": answer.reason,
            "see": answer.see,
            "excerpts": [[e.id, e.start, e.end] for e in answer.excerpts]}


def record_all(explainer: Explainer, folder: Path = RECORDED) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in QUESTION_FILES:
        lines = [json.dumps(answer_record(explainer, q), ensure_ascii=False)
                 for q in questions(name)]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    engine = Explainer(Settings(cache_dir=Path(sys.argv[1])) if len(sys.argv) > 1 else Settings())
    engine.load()
    record_all(engine)
