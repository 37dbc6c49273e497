"""Knowledge folders -> validated units with stable ids, or problems that name file and line.

A knowledge folder holds `definitions/<id>.yaml` and `articles/<id>.md`, and may hold
`not-covered.yaml`: questions on topics it does not cover, so those are refused rather than
answered with something merely nearby. Folders are read in order; an entry in a later folder
with the same id replaces the earlier one. A folder's not-covered questions belong to it: a
later folder may hide a topic (`hide:` in pack.yaml), and an ask of a later folder that repeats
an earlier not-covered question takes it out, since that folder now covers it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from explainer.core.models import (
    ID_PATTERN,
    ArticleMeta,
    ArticleUnit,
    Ask,
    Definition,
    DefinitionUnit,
    NotCoveredQuestion,
    SentenceSpan,
    UnitBase,
)
from explainer.core.sentences import sentence_spans
from explainer.core.text import clean_line, clean_text, tokens
from explainer.core.yamlfile import LocatedYaml, YamlProblem, load_located

# Bump when the way files become units changes, so old indexes are rebuilt.
FORMAT_VERSION = "6"
MAX_FILE_BYTES = 2_000_000
PACK_FILE = "pack.yaml"
NOT_COVERED_FILE = "not-covered.yaml"
_ID = re.compile(ID_PATTERN)
# A definition said again in another language: `<original id>.<language>.yaml`.
_TRANSLATION_ID = re.compile(r"^(?P<original>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2})$")


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        # Field names and values in messages come from the file: no escape codes get through.
        return clean_line(f"{self.file}:{self.line}: {self.message}")


class KnowledgeError(Exception):
    """The knowledge has errors; `problems` says what and where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Knowledge:
    units: list[DefinitionUnit | ArticleUnit]
    replaced: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # entry id -> the file in use
    # Questions to refuse, as people ask them, each with the folder it came from.
    not_covered: list[NotCoveredQuestion] = field(default_factory=list)

    def vetted(self) -> list[DefinitionUnit | ArticleUnit]:
        return [unit for unit in self.units if unit.status == "vetted"]


def knowledge_files(folders: Sequence[Path]) -> list[Path]:
    """Every knowledge file, folder by folder, in a stable order."""
    files: list[Path] = []
    for folder in folders:
        for name in (PACK_FILE, NOT_COVERED_FILE):
            if (folder / name).is_file():
                files.append(folder / name)
        files += sorted((folder / "definitions").glob("*.yaml"))
        files += sorted((folder / "articles").glob("*.md"))
    return files


def fingerprint(folders: Sequence[Path]) -> str:
    """SHA-256 of the knowledge as loaded: folder order, file names and bytes."""
    digest = hashlib.sha256(f"explainer-knowledge-v{FORMAT_VERSION}\n".encode())
    for number, folder in enumerate(folders):
        for path in knowledge_files([folder]):
            digest.update(f"{number}:{path.relative_to(folder).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def load_knowledge(folders: Sequence[Path]) -> Knowledge:
    """Read and validate every file; raise KnowledgeError listing every problem found."""
    knowledge, problems = read_knowledge(folders)
    if problems:
        raise KnowledgeError(problems)
    return knowledge


def read_knowledge(folders: Sequence[Path]) -> tuple[Knowledge, list[Problem]]:
    """Every entry that reads cleanly, and the problems of the rest (so a check can go on)."""
    problems: list[Problem] = []
    entries: dict[str, list[DefinitionUnit | ArticleUnit]] = {}
    entry_files: dict[str, Path] = {}
    replaced: list[str] = []
    hidden: list[str] = []
    broken: set[str] = set()  # ids of files with errors: others may still refer to them
    not_covered: list[NotCoveredQuestion] = []
    for pack, folder in enumerate(folders):
        if not folder.is_dir():
            problems.append(Problem(folder, 0, "this knowledge folder does not exist"))
            continue
        seen_here: dict[str, Path] = {}
        try:
            for name in _read_pack(folder):
                topic = [q for q in not_covered if q.topic == name]
                if entries.pop(name, None) is not None:
                    hidden.append(f"{name}: {entry_files.pop(name)} is hidden by "
                                  f"{folder / PACK_FILE}")
                    broken.add(name)  # others may still name it in "related"
                    for translation in [t for t in entries if t.startswith(f"{name}.")]:
                        entries.pop(translation)  # a translation goes with its original
                        hidden.append(f"{translation}: {entry_files.pop(translation)} is "
                                      f"hidden with {name}")
                        broken.add(translation)
                elif topic:
                    not_covered = [q for q in not_covered if q.topic != name]
                    hidden.append(f"{name}: the not-covered topic ({len(topic)} questions) is "
                                  f"hidden by {folder / PACK_FILE}")
                else:
                    problems.append(Problem(folder / PACK_FILE, 1, f'"hide" names "{name}", but '
                                            "no earlier folder has that id or not-covered topic"))
        except _FileProblem as problem:
            problems += [Problem(folder / PACK_FILE, line, message)
                         for line, message in problem.found]
        try:
            not_covered += _read_not_covered(folder, pack)
        except _FileProblem as problem:
            problems += [Problem(folder / NOT_COVERED_FILE, line, message)
                         for line, message in problem.found]
        for path in knowledge_files([folder]):
            if path.name in (PACK_FILE, NOT_COVERED_FILE):
                continue
            try:
                entry_id, units = _read_entry(path)
            except _FileProblem as problem:
                problems += [Problem(path, line, message) for line, message in problem.found]
                broken.add(path.stem)
                continue
            if entry_id in seen_here:
                problems.append(
                    Problem(path, 1, f'the id "{entry_id}" is also used by {seen_here[entry_id]}')
                )
                continue
            seen_here[entry_id] = path
            if entry_id in entries:
                replaced.append(f"{entry_id}: {entry_files[entry_id]} is replaced by {path}")
            entries[entry_id] = [unit.model_copy(update={"pack": pack}) for unit in units]
            entry_files[entry_id] = path
    units = [unit for group in entries.values() for unit in group]
    not_covered = _covered_later(units, not_covered)
    problems += _cross_check(units, broken, not_covered, folders)
    unique = {question.text: question for question in reversed(not_covered)}
    return Knowledge(units=units, replaced=replaced, hidden=hidden,
                     files={entry_id: path for entry_id, path in entry_files.items()},
                     not_covered=list(reversed(unique.values()))), problems


def _covered_later(units: Sequence[DefinitionUnit | ArticleUnit],
                   not_covered: list[NotCoveredQuestion]) -> list[NotCoveredQuestion]:
    """Drop a not-covered question that a later folder's unit lists as an ask: it covers it."""
    asked_in: dict[tuple[str, ...], int] = {}
    for unit in units:
        for ask in unit.asks:
            key = tuple(tokens(ask))
            asked_in[key] = max(asked_in.get(key, -1), unit.pack)
    return [q for q in not_covered if asked_in.get(tuple(tokens(q.text)), -1) <= q.pack]


class _FileProblem(Exception):
    """One or more problems in one file, as (line, message) pairs."""

    def __init__(self, line: int, message: str, *more: tuple[int, str]) -> None:
        super().__init__(message)
        self.found = [(line, message), *more]


class PackFile(BaseModel):
    """A folder's pack.yaml: which earlier entries this folder hides."""

    model_config = ConfigDict(extra="forbid")
    hide: list[str] = []


def _read_pack(folder: Path) -> list[str]:
    path = folder / PACK_FILE
    if not path.is_file():
        return []
    located = _parse(path, _read_text(path), 0)
    try:
        return PackFile.model_validate(located.data).hide
    except ValidationError as error:
        raise _validation_problem(error, located, 0) from None


class NotCoveredFile(BaseModel):
    """A folder's not-covered.yaml: topics -> questions people ask that we cannot answer."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    topics: dict[str, list[Ask]] = {}


def _read_not_covered(folder: Path, pack: int) -> list[NotCoveredQuestion]:
    path = folder / NOT_COVERED_FILE
    if not path.is_file():
        return []
    located = _parse(path, _read_text(path), 0)
    try:
        topics = NotCoveredFile.model_validate(located.data).topics
    except ValidationError as error:
        raise _validation_problem(error, located, 0) from None
    return [NotCoveredQuestion(text=clean_line(ask), topic=topic, pack=pack)
            for topic, asks in topics.items() for ask in asks]


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise _FileProblem(1, f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _FileProblem(line, "the file is not valid UTF-8 text; save it as UTF-8") from None


def _read_entry(path: Path) -> tuple[str, list[DefinitionUnit | ArticleUnit]]:
    translated = _TRANSLATION_ID.match(path.stem) if path.suffix == ".yaml" else None
    if not _ID.match(path.stem) and translated is None:
        raise _FileProblem(
            1, "the file name must be an id: lowercase letters, digits and single hyphens"
        )
    text = _read_text(path)
    if path.suffix == ".yaml":
        return path.stem, [_definition_unit(path, text, translated)]
    return path.stem, _article_units(path, text)


def _parse(path: Path, text: str, line_offset: int) -> LocatedYaml:
    try:
        located = load_located(text)
    except YamlProblem as problem:
        raise _FileProblem(problem.line + line_offset, problem.message) from None
    if not isinstance(located.data, dict):
        raise _FileProblem(1 + line_offset, "expected a list of fields like `term: ...`")
    return located


def _validation_problem(error: ValidationError, located: LocatedYaml, offset: int) -> _FileProblem:
    found = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        name = ".".join(str(part) for part in loc) or "file"
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "this field is not allowed (check the spelling)"
        elif detail["type"] == "missing":
            message = "this field is missing"
        found.append((located.line_of(loc) + offset, f'field "{name}": {message}'))
    found.sort()
    return _FileProblem(*found[0], *found[1:])


def _definition_unit(path: Path, text: str, translated: re.Match[str] | None) -> DefinitionUnit:
    located = _parse(path, text, 0)
    try:
        entry = Definition.model_validate(located.data)
    except ValidationError as error:
        raise _validation_problem(error, located, 0) from None
    _check_translation_name(entry, located, translated)
    body = clean_text(entry.definition)
    return DefinitionUnit(
        id=path.stem,
        title=clean_text(entry.term),
        text=body,
        status=entry.status,
        file=str(path),
        line=located.line_of(("definition",)),
        language=entry.language,
        source="; ".join(clean_text(source.one_line()) for source in entry.sources),
        location=None,
        as_of=entry.as_of.isoformat(),
        note=clean_text(entry.note) if entry.note else None,
        term=clean_text(entry.term),
        category=entry.category,
        aliases=[clean_text(alias) for alias in entry.aliases],
        sources=entry.sources,
        related=entry.related,
        reviewed_by=entry.reviewed_by,
        reviewed_on=entry.reviewed_on.isoformat() if entry.reviewed_on else None,
        sentences=_spans(body),
        asks=[clean_line(ask) for ask in entry.asks],
        translation_of=entry.translation_of,
    )


def _check_translation_name(entry: Definition, located: LocatedYaml,
                            translated: re.Match[str] | None) -> None:
    """A translation's file name says what it translates and into which language, so its id
    can never clash with the original's and a reader of the folder sees the pair."""
    if translated is None:
        if entry.translation_of is not None:
            raise _FileProblem(located.line_of(("translation_of",)), "a translation's file must "
                               f"be named {entry.translation_of}.{entry.language}.yaml")
        return
    for name, wanted in (("translation_of", translated["original"]),
                         ("language", translated["language"])):
        if getattr(entry, name) != wanted:
            raise _FileProblem(located.line_of((name,)), f'the file name says "{name}: {wanted}"; '
                               "this field must say so too")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


def _article_units(path: Path, text: str) -> list[DefinitionUnit | ArticleUnit]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise _FileProblem(1, "an article must start with front matter between two `---` lines")
    located = _parse(path, match.group(1), 1)
    try:
        meta = ArticleMeta.model_validate(located.data)
    except ValidationError as error:
        raise _validation_problem(error, located, 1) from None
    if meta.id != path.stem:
        raise _FileProblem(located.line_of(("id",)) + 1, "the id must equal the file name")
    body_line = text[: match.end()].count("\n") + 1
    paragraphs = list(_paragraphs(text[match.end() :], body_line))
    if not paragraphs:
        raise _FileProblem(body_line, "the article has no text after its front matter")
    for field_name, what in (("notes_by_paragraph", "is a note"),
                             ("asks_by_paragraph", "are asks")):
        for number in getattr(meta, field_name):
            if not 1 <= number <= len(paragraphs):
                line = located.line_of((field_name, number)) + 1
                raise _FileProblem(line, f"there {what} for paragraph {number}, "
                                   f"but the article has {len(paragraphs)} paragraphs")
    return [_paragraph_unit(path, meta, number, line, body)
            for number, (line, body) in enumerate(paragraphs, start=1)]


def _paragraphs(body: str, first_line: int) -> Iterable[tuple[int, str]]:
    """Blank-line separated paragraphs with the line each starts on; inner line breaks join."""
    lines: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            yield start, " ".join(lines)
            lines = []
    if lines:
        yield start, " ".join(lines)


def _paragraph_unit(
    path: Path, meta: ArticleMeta, number: int, line: int, body: str
) -> ArticleUnit:
    text = clean_text(body)
    note = meta.notes_by_paragraph.get(number)
    return ArticleUnit(
        id=f"{meta.id}#p{number}",
        title=clean_text(meta.title),
        text=text,
        status=meta.status,
        file=str(path),
        line=line,
        language=meta.language,
        source=clean_text(_article_citation(meta)),
        location=f"paragraph {number}",
        as_of=meta.date,
        note=clean_text(f"As of {note.as_of.isoformat()}: {note.text}") if note else None,
        article_id=meta.id,
        paragraph=number,
        publisher=clean_text(meta.publisher),
        reports_from=clean_text(meta.reports_from) if meta.reports_from else None,
        date=meta.date,
        url=meta.url,
        sentences=_spans(text),
        asks=[clean_line(ask) for ask in meta.asks_by_paragraph.get(number, [])],
    )


def _spans(text: str) -> list[SentenceSpan]:
    return [SentenceSpan(start=start, end=end) for start, end in sentence_spans(text)]


def _article_citation(meta: ArticleMeta) -> str:
    parts = [meta.title, f"publisher: {meta.publisher}"]
    if meta.reports_from:
        parts.append(f"reporting from {meta.reports_from}")
    parts.append(meta.date + (" (approximate date)" if meta.date_is_approximate else ""))
    if meta.url:
        parts.append(meta.url)
    return "; ".join(parts)


def _cross_check(units: list[DefinitionUnit | ArticleUnit], broken: set[str],
                 not_covered: Sequence[NotCoveredQuestion] = (),
                 folders: Sequence[Path] = ()) -> list[Problem]:
    """Problems between entries: unknown related ids, an alias claimed by two terms, and an ask
    given to two definitions or also listed as not covered (it would pull both ways)."""
    problems: list[Problem] = []
    definitions = [u for u in units if isinstance(u, DefinitionUnit)]
    known = {u.id for u in definitions} | broken
    problems += _translation_problems(definitions, broken)
    owner: dict[tuple[str, ...], tuple[DefinitionUnit, tuple[int | str, ...]]] = {}
    for unit in definitions:
        for number, related in enumerate(unit.related):
            if related not in known:
                problems.append(Problem(
                    Path(unit.file), _field_line(unit, ("related", number)),
                    f'"related" names "{related}", but no definition has that id'))
        names: list[tuple[tuple[int | str, ...], str]] = [(("term",), unit.term)]
        names += [(("aliases", number), alias) for number, alias in enumerate(unit.aliases)]
        for where, alias in names:
            key = tuple(tokens(alias))
            other, other_where = owner.setdefault(key, (unit, where)) if key else (unit, where)
            if other.entry != unit.entry:
                problems.append(Problem(
                    Path(unit.file), _field_line(unit, where),
                    f'the alias "{alias}" is also claimed by "{other.id}" '
                    f"({other.file}:{_field_line(other, other_where)})"))
    problems += _ask_conflicts(definitions, not_covered, folders)
    return problems


def _translation_problems(definitions: list[DefinitionUnit], broken: set[str]) -> list[Problem]:
    """A translation needs its original, in another language, with the same sources: it says
    the same facts, so a reader can check it against the same places."""
    problems: list[Problem] = []
    by_id = {unit.id: unit for unit in definitions}
    for unit in definitions:
        if unit.translation_of is None:
            continue
        original = by_id.get(unit.translation_of)
        line = _field_line(unit, ("translation_of",))
        if original is None or original.translation_of is not None:
            if unit.translation_of not in broken:
                problems.append(Problem(Path(unit.file), line, f'"translation_of" names '
                                        f'"{unit.translation_of}", but no original definition '
                                        "has that id"))
        elif original.language == unit.language:
            problems.append(Problem(Path(unit.file), _field_line(unit, ("language",)),
                                    f'the language is "{unit.language}", the same as the '
                                    f"original's ({original.file})"))
        elif _source_keys(original) != _source_keys(unit):
            problems.append(Problem(Path(unit.file), _field_line(unit, ("sources",)),
                                    "the sources differ from the original's "
                                    f"({original.file}): a translation keeps the same sources"))
    return problems


def _source_keys(unit: DefinitionUnit) -> list[str]:
    return sorted(source.model_dump_json() for source in unit.sources)


def _ask_conflicts(definitions: list[DefinitionUnit],
                   not_covered: Sequence[NotCoveredQuestion],
                   folders: Sequence[Path] = ()) -> list[Problem]:
    problems: list[Problem] = []
    # Only a conflict inside one folder is left here: a later folder's ask replaces the question.
    refused = {tuple(tokens(q.text)): q for q in not_covered}
    asked_by: dict[tuple[str, ...], tuple[DefinitionUnit, int]] = {}
    for unit in definitions:
        for number, ask in enumerate(unit.asks):
            key = tuple(tokens(ask))
            other, other_number = asked_by.setdefault(key, (unit, number))
            if other.entry != unit.entry:
                reason = (f'the ask "{ask}" is also given to "{other.id}" '
                          f"({other.file}:{_field_line(other, ('asks', other_number))})")
            elif key in refused:
                reason = (f'the ask "{ask}" is also listed as a topic we do not cover '
                          f"({_not_covered_place(refused[key], folders)})")
            else:
                continue
            # Finding the line re-reads the file: only worth it for a problem.
            problems.append(Problem(Path(unit.file), _field_line(unit, ("asks", number)), reason))
    return problems


def _field_line(unit: UnitBase, where: tuple[int | str, ...]) -> int:
    """The line of a field in the unit's own file, for problems found across entries."""
    try:
        return load_located(Path(unit.file).read_text(encoding="utf-8")).line_of(where)
    except (OSError, YamlProblem):
        return 1


def _not_covered_place(question: NotCoveredQuestion, folders: Sequence[Path]) -> str:
    """file:line of a not-covered question, so a conflict names both files."""
    if not 0 <= question.pack < len(folders):
        return NOT_COVERED_FILE
    path = folders[question.pack] / NOT_COVERED_FILE
    try:
        located = load_located(path.read_text(encoding="utf-8"))
        asks = located.data["topics"][question.topic]
        number = next(n for n, ask in enumerate(asks) if clean_line(str(ask)) == question.text)
        return f"{path}:{located.line_of(('topics', question.topic, number))}"
    except (OSError, YamlProblem, KeyError, TypeError, StopIteration):
        return str(path)
