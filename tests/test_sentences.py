"""One sentence splitter: the index, questions and the writing checks cut text the same way."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explainer.authoring.check import check
from explainer.core.knowledge import load_knowledge
from explainer.core.models import DefinitionUnit
from explainer.core.sentences import sentence_spans, sentences
from tests.helpers import DEFINITIONS, write_knowledge

# One sentence over 25 words; "St." and "U.S." inside it do not end it.
LONG = ("The ICE office for Minnesota is in St. Paul, and people who get a letter from the "
        "U.S. government can call a lawyer there to ask what the letter means for them and "
        "their family.")


def test_the_writing_check_counts_the_sentences_the_index_stores(tmp_path: Path) -> None:
    text = DEFINITIONS["ice"].replace(
        "ICE is the federal agency that enforces immigration law inside the country.",
        f"ICE is the federal agency that enforces immigration law. {LONG}")
    folder = write_knowledge(tmp_path / "k", dict(DEFINITIONS, ice=text))
    unit = next(u for u in load_knowledge([folder]).units if u.id == "ice")
    assert isinstance(unit, DefinitionUnit)
    stored = [unit.text[span.start : span.end] for span in unit.sentences]
    assert stored == sentences(unit.text) == [
        "ICE is the federal agency that enforces immigration law.", LONG]
    warnings = [str(p) for p in check([folder], today=dt.date(2026, 11, 28)).warnings]
    words = len(LONG.split())
    assert any(f'a sentence has {words} words ("The ICE office for Minnesota is ...")' in warning
               for warning in warnings), warnings


def test_a_line_break_always_ends_a_sentence() -> None:
    text = "If ICE comes to your door:\n- Do not open it\n- Ask to see a warrant. Stay calm."
    assert sentences(text) == ["If ICE comes to your door:", "- Do not open it",
                               "- Ask to see a warrant.", "Stay calm."]


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\u2014-\"()")), max_size=60))
def test_spans_are_in_order_trimmed_and_hold_every_word(text: str) -> None:
    spans = sentence_spans(text)
    ends = [0] + [end for _, end in spans]
    for (start, end), previous_end in zip(spans, ends, strict=False):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    # Every word is in a sentence (the splitter may leave out a run of lone punctuation).
    quoted = " ".join(text[start:end] for start, end in spans)
    assert re.findall(r"\w+", quoted) == re.findall(r"\w+", text), (text, spans)
