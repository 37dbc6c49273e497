"""`explainer knowledge vet ID --by NAME`: mark a checked draft as vetted, keeping comments.

The file is edited with ruamel.yaml's round trip, so comments, quoting and layout stay as the
author left them; only status, reviewed_by and reviewed_on change. An article's front matter is
edited the same way and its text is left byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from explainer.authoring.check import check, inside
from explainer.core.models import ArticleMeta, Definition
from explainer.core.yamlfile import YamlProblem, load_located

_FRONT_MATTER = re.compile(r"\A(---[ \t]*\n)(.*?\n)(---[ \t]*\n)", re.DOTALL)


class VetError(Exception):
    pass


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of the template and bundled files
    return yaml


def reviewed(text: str, reviewer: str, day: dt.date) -> str:
    """YAML text with status vetted, who reviewed it and when; everything else as it was."""
    yaml = _round_trip()
    data = yaml.load(text)
    data["status"] = "vetted"
    data["reviewed_by"] = DoubleQuotedScalarString(reviewer)
    data["reviewed_on"] = day
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _vetted_file(text: str, suffix: str, reviewer: str, day: dt.date) -> str:
    if suffix == ".yaml":
        return reviewed(text, reviewer, day)
    match = _FRONT_MATTER.match(text)
    if match is None:  # the check already refused such a file
        raise VetError("the article has no front matter")
    head, meta, tail = match.groups()
    return head + reviewed(meta, reviewer, day) + tail + text[match.end():]


def vet(entry_id: str, reviewer: str, folders: Sequence[Path],
        today: dt.date | None = None, protected: Sequence[Path] = ()) -> Path:
    """Vet one definition or article; refuse while it has problems or sits in `protected`."""
    reviewer = " ".join(reviewer.split())
    if not reviewer:
        raise VetError("say who checked it: --by NAME")
    report = check(folders, today)
    path = report.files.get(entry_id)
    if path is None:
        raise VetError(f'no definition or article has the id "{entry_id}"')
    if any(inside(path, folder) for folder in protected):
        raise VetError(f"{path} comes with explainer and is not changed here; copy it into a "
                       "folder of your own first")
    problems = [p for p in report.errors + report.warnings
                if Path(p.file) == path and "draft" not in p.message]
    if problems:
        raise VetError("fix these first:\n" + "\n".join(str(p) for p in problems))
    text = path.read_text(encoding="utf-8")
    edited = _vetted_file(text, path.suffix, reviewer, today or dt.date.today())
    _still_valid(edited, path.suffix)
    path.write_text(edited, encoding="utf-8")
    return path


def _still_valid(text: str, suffix: str) -> None:
    """The edited file must read as before, with its new fields (never leave it worse)."""
    try:
        if suffix == ".yaml":
            Definition.model_validate(load_located(text).data)
        else:
            match = _FRONT_MATTER.match(text)
            ArticleMeta.model_validate(load_located(match.group(2) if match else "").data)
    except (YamlProblem, ValidationError) as error:
        raise VetError(f"the edit did not check out, so the file was left as it was: {error}"
                       ) from None
