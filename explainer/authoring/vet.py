"""`explainer knowledge vet ID --by NAME`: mark a checked draft as vetted, keeping comments."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from explainer.authoring.check import check
from explainer.core.knowledge import load_knowledge


class VetError(Exception):
    pass


def _set_field(text: str, name: str, value: str) -> str:
    pattern = re.compile(rf"^{name}:.*$", re.MULTILINE)
    line = f"{name}: {value}"
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    return text.rstrip("\n") + f"\n{line}\n"


def vet(entry_id: str, reviewer: str, folders: Sequence[Path],
        today: dt.date | None = None) -> Path:
    reviewer = " ".join(reviewer.split())
    if not reviewer:
        raise VetError("say who checked it: --by NAME")
    report = check(folders)
    if report.errors:
        raise VetError("the knowledge has errors; fix them first (explainer knowledge check)")
    knowledge = load_knowledge(folders)
    path = knowledge.files.get(entry_id)
    if path is None or path.suffix != ".yaml":
        raise VetError(f'no definition has the id "{entry_id}"')
    problems = [w for w in report.warnings if Path(w.file) == path and "draft" not in w.message]
    if problems:
        raise VetError("fix these first:\n" + "\n".join(str(p) for p in problems))
    text = path.read_text(encoding="utf-8")
    text = _set_field(text, "status", "vetted")
    text = _set_field(text, "reviewed_by", '"' + reviewer.replace('"', "'") + '"')
    text = _set_field(text, "reviewed_on", (today or dt.date.today()).isoformat())
    path.write_text(text, encoding="utf-8")
    load_knowledge(folders)  # still valid after the edit
    return path
