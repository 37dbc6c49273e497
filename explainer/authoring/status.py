"""`explainer knowledge status [DIR]`: each entry of a pack, and whether it is answered.

One line per definition or article: vetted or draft, by whom and when, the date of its facts,
and, when it is not answered, why (a draft, errors in the file, replaced or hidden by a later
folder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from explainer.authoring.check import inside
from explainer.core.knowledge import (
    NOT_COVERED_FILE,
    PACK_FILE,
    fingerprint,
    knowledge_files,
    read_knowledge,
)
from explainer.core.models import ArticleUnit, DefinitionUnit


@dataclass(frozen=True)
class EntryStatus:
    id: str
    kind: str  # "definition" or "article"
    file: Path
    status: str  # "vetted", "draft" or "unreadable"
    answered: bool
    as_of: str | None
    reviewed: str | None  # "A. Facilitator on 2026-12-03"
    why_not: str | None

    def line(self) -> str:
        head = f"{self.id} ({self.kind}, {self.file}): {self.status}"
        if self.reviewed:
            head += f" by {self.reviewed}"
        dated = f" Facts as of {self.as_of}." if self.as_of else ""
        if self.answered:
            return f"{head}. Answered.{dated}"
        return f"{head}. Not answered: {self.why_not}.{dated}"


def pack_status(folders: Sequence[Path], only: Sequence[Path] | None = None
                ) -> list[EntryStatus]:
    """Every entry file of `folders` (or of the `only` folders), in load order."""
    knowledge, problems = read_knowledge(folders)
    first: dict[str, DefinitionUnit | ArticleUnit] = {}
    for unit in knowledge.units:
        first.setdefault(unit.article_id if isinstance(unit, ArticleUnit) else unit.id, unit)
    broken = {Path(problem.file) for problem in problems}
    notes = knowledge.replaced + knowledge.hidden
    found: list[EntryStatus] = []
    for path in knowledge_files(folders):
        if path.name in (PACK_FILE, NOT_COVERED_FILE):
            continue
        if only is not None and not any(inside(path, mine) for mine in only):
            continue
        kind = "definition" if path.suffix == ".yaml" else "article"
        in_use = first.get(path.stem)
        if knowledge.files.get(path.stem) != path or in_use is None:
            found.append(_not_in_use(path, kind, path in broken, notes))
        else:
            found.append(_in_use(in_use, path, kind, path in broken))
    return found


def _in_use(unit: DefinitionUnit | ArticleUnit, path: Path, kind: str,
            broken: bool) -> EntryStatus:
    reviewed = (f"{unit.reviewed_by} on {unit.reviewed_on}"
                if unit.status == "vetted" and isinstance(unit, DefinitionUnit) else None)
    why = None
    if unit.status != "vetted":
        why = "it is a draft; it is answered only after someone checks it and vets it"
    elif broken:
        why = "another entry conflicts with it (see knowledge check)"
    return EntryStatus(id=path.stem, kind=kind, file=path, status=unit.status,
                       answered=why is None, as_of=unit.as_of, reviewed=reviewed, why_not=why)


def _not_in_use(path: Path, kind: str, broken: bool, notes: Sequence[str]) -> EntryStatus:
    why = "the file has errors (see knowledge check)"
    for note in notes:
        if note.startswith(f"{path.stem}: {path} is "):
            why = note.split(f"{path} is ", 1)[1]  # "replaced by ..." or "hidden by ..."
    if not broken and why.startswith("the file"):
        why = "it is not in use"
    return EntryStatus(id=path.stem, kind=kind, file=path, status="unreadable" if broken
                       else "not in use", answered=False, as_of=None, reviewed=None,
                       why_not=why)


def index_is_current(folders: Sequence[Path], index_folder: Path) -> bool:
    """Whether the index was built from the knowledge exactly as it is now."""
    from explainer.core.index import IndexStore

    try:
        manifest = IndexStore(index_folder).current_manifest()
        return manifest is not None and manifest.knowledge_sha256 == fingerprint(folders)
    except OSError:
        return False
