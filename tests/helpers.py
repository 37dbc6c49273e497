"""Small knowledge folders for tests, written from Python so each test can break one thing."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from explainer.core.encoder import HashingBackend
from explainer.core.explainer import Explainer
from explainer.settings import Settings

DEFINITIONS: dict[str, str] = {
    "287g-agreement": """
        term: 287(g) agreement
        aliases: ["287g", "287(g) program", "acuerdo 287(g)"]
        definition: >-
          A 287(g) agreement is a signed deal between ICE and a local agency. It lets
          trained local officers do some immigration tasks.
        sources:
          - title: Immigration and Nationality Act, section 287(g)
            citation: 8 U.S.C. §1357(g)
        as_of: 2026-11-28
        status: vetted
        reviewed_by: test maintainers
        reviewed_on: 2026-11-28
        related: [detainer]
        language: en
    """,
    "detainer": """
        term: detainer
        aliases: ["ICE hold", "immigration hold", "I-247A"]
        definition: >-
          A detainer is a written request from ICE. It asks a jail to keep a person
          for up to 48 hours after release.
        sources:
          - title: Form I-247A guidance
            citation: 8 C.F.R. §287.7(a)
        as_of: 2026-11-28
        status: vetted
        reviewed_by: test maintainers
        reviewed_on: 2026-11-28
        related: [287g-agreement]
        note: Whether weekends count is not clear.
        language: en
    """,
    "ice": """
        term: ICE
        aliases: ["U.S. Immigration and Customs Enforcement", "la migra"]
        definition: >-
          ICE is the federal agency that enforces immigration law inside the country.
        sources:
          - title: ICE 287(g) page
            url: https://ice.gov/287g
        as_of: 2026-11-28
        status: vetted
        reviewed_by: test maintainers
        reviewed_on: 2026-11-28
        language: en
    """,
    "legal-help": """
        term: Free legal help in Minnesota
        category: help
        aliases: ["free lawyer", "legal aid"]
        definition: |-
          Groups that offer free legal help include:
          - the Immigrant Law Center of Minnesota
          - The Advocates for Human Rights
        sources:
          - title: Immigrant Law Center of Minnesota
            citation: ILCM know-your-rights material
        as_of: 2026-11-28
        status: vetted
        reviewed_by: test maintainers
        reviewed_on: 2026-11-28
        language: en
    """,
    "if-this-is-happening-now": """
        term: If this is happening now
        category: help
        aliases: ["ice at my door"]
        definition: >-
          If officers are at your door, you do not have to open it unless they show a
          warrant signed by a judge.
        sources:
          - title: Know your rights
            citation: ILCM know-your-rights material
        as_of: 2026-11-28
        status: vetted
        reviewed_by: test maintainers
        reviewed_on: 2026-11-28
        language: en
    """,
    "secret-draft": """
        term: zebra crossing rule
        aliases: ["zebra rule"]
        definition: A draft about zebra crossings that must never be answered from.
        sources:
          - title: Nothing yet
            citation: none
        as_of: 2026-11-28
        status: draft
        language: en
    """,
}

ARTICLE = """\
---
id: test-article
title: "Sheriffs sign agreements (test article)"
publisher: unknown
reports_from: Sahan Journal
date: "2025-04"
date_is_approximate: true
language: en
notes_by_paragraph:
  2:
    as_of: 2026-11-28
    text: The count of seven mixed in jail-bed contracts.
---

Five sheriffs in Minnesota signed 287g agreements with ICE. The agreements let deputies do
some immigration work.

The total number of counties with agreements is now seven. Two counties had jail contracts.

Critics say many people held on a detainer faced only traffic charges. Supporters disagree.
"""


def translation(original: str, term: str, aliases: list[str], definition: str,
                language: str = "es") -> str:
    """A translation of DEFINITIONS[original]: its own term, aliases and definition, and the
    original's category, sources, dates, review and links (a translation must keep them)."""
    lines = textwrap.dedent(DEFINITIONS[original]).strip().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("definition:"))
    end = next(n for n, line in enumerate(lines) if line.startswith("sources:"))
    own = [f"term: {term}", *(line for line in lines[:start] if line.startswith("category:")),
           f"aliases: {json.dumps(aliases, ensure_ascii=False)}", "definition: |-",
           *textwrap.indent(definition, "  ").splitlines()]
    kept = [f"language: {language}" if line.startswith("language:") else line
            for line in lines[end:] if not line.startswith("note:")]  # the note is English
    return "\n".join([*own, *kept, f"translation_of: {original}"]) + "\n"


def write_knowledge(folder: Path, definitions: dict[str, str] | None = None,
                    article: str | None = ARTICLE) -> Path:
    (folder / "definitions").mkdir(parents=True, exist_ok=True)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    for name, text in (DEFINITIONS if definitions is None else definitions).items():
        (folder / "definitions" / f"{name}.yaml").write_text(textwrap.dedent(text).lstrip(),
                                                              encoding="utf-8")
    if article is not None:
        (folder / "articles" / "test-article.md").write_text(article, encoding="utf-8")
    return folder


def settings_for(knowledge: Path, cache: Path, *extra: Path) -> Settings:
    return Settings(cache_dir=cache, include_bundled=False, knowledge="",
                    extra_knowledge=[knowledge, *extra])


def fake_explainer(knowledge: Path, cache: Path, *extra: Path,
                   backend: HashingBackend | None = None) -> Explainer:
    return Explainer(settings_for(knowledge, cache, *extra), backend or HashingBackend())
