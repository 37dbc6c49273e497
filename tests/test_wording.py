"""Wording a new user tripped over: urgent stories, pasted stories, small talk, privacy,
`--help` and `--lang`."""

from __future__ import annotations

import pytest

from explainer.cli import LANGUAGES, main
from explainer.core.explainer import Explainer
from explainer.core.intent import asks_about_privacy, read_intent, small_talk
from explainer.core.messages import offered_languages, use_language
from explainer.plain_text import answer_text
from explainer.settings import Settings

URGENT_ID = "if-this-is-happening-now"


@pytest.mark.parametrize("question", [
    "they took my dad at work this morning",
    "la migra está en mi casa",
    # The same structures, worded differently: someone of ours taken; agents at a place of ours.
    "immigration picked up my older brother last night",
    "se llevaron a mi tío en el trabajo",
    "ICE is at my work",
    "la policía está afuera de mi casa",
    "agents are outside our apartment",
])
def test_urgent_wording_is_urgent(question: str) -> None:
    assert read_intent(question).urgent


@pytest.mark.parametrize("question", [
    "they took my car",  # a thing, not a person
    "can ICE come to my house",  # asks what may happen
    "what does ICE do at my school",
    "what is a detainer",
])
def test_calm_questions_are_not_urgent(question: str) -> None:
    assert not read_intent(question).urgent


@pytest.mark.parametrize("question", ["they took my dad at work this morning",
                                      "la migra está en mi casa"])
def test_urgent_wording_gets_the_urgent_card_first(explainer: Explainer, question: str) -> None:
    answer = explainer.ask(question)
    assert answer.status == "answered"
    assert answer.excerpts[0].id == URGENT_ID
    assert answer.see[0] == URGENT_ID


STORY = ("My name is Ana and I have lived here for twelve years with my two children. "
         "Last week my neighbour told me that the sheriff signed something with ICE and now "
         "I am scared to drive to work or take the kids to school. ") * 3


def test_a_pasted_story_says_what_to_do_and_offers_help(explainer: Explainer) -> None:
    assert len(STORY) > 500
    answer = explainer.ask(STORY)
    assert answer.reason == "too_long"
    assert answer.question == STORY.strip()[:500]  # the text is kept, not erased
    assert "Please make it shorter" in answer.message
    assert answer.see == ["legal-help"]
    text = answer_text(answer, {"legal-help": "Free legal help in Minnesota"}, width=None,
                       show_ids=False)
    assert "See also: Free legal help in Minnesota." in text


def test_an_urgent_pasted_story_offers_the_urgent_card_first(explainer: Explainer) -> None:
    answer = explainer.ask("ICE is at my door right now. " + STORY)
    assert answer.reason == "too_long"
    assert answer.see == [URGENT_ID, "legal-help"]


@pytest.mark.parametrize(("question", "kind", "reply"), [
    ("bye", "goodbye", "Goodbye."),
    ("thank you", "thanks", "You're welcome."),
    ("thanks, bye!", "goodbye", "Goodbye."),
    ("hello", "greeting", "Hello."),
])
def test_small_talk_is_answered_in_kind(explainer: Explainer, question: str, kind: str,
                                        reply: str) -> None:
    assert small_talk(question) == kind
    answer = explainer.ask(question)
    assert answer.reason == "greeting"  # the JSON contract's reasons are unchanged
    assert answer.message.startswith(reply)


def test_spanish_small_talk_is_answered_in_spanish(explainer: Explainer) -> None:
    use_language("es")
    explainer.settings.lang = "es"
    assert explainer.ask("gracias").message.startswith("De nada.")
    assert explainer.ask("adiós").message.startswith("Adiós.")


@pytest.mark.parametrize("question", ["is my information safe here", "Do you save my questions?",
                                      "¿Mi información está segura?"])
def test_privacy_questions_get_the_privacy_answer(explainer: Explainer, question: str) -> None:
    answer = explainer.ask(question)
    assert answer.status == "no_answer" and answer.excerpts == []
    assert answer.message.startswith("Nothing you type here is saved or sent anywhere.")


@pytest.mark.parametrize("question", ["can ice track my phone location",
                                      "is my information safe if I call a lawyer",
                                      "do police share my information with ICE"])
def test_questions_about_the_law_are_not_privacy_questions(question: str) -> None:
    assert not asks_about_privacy(question)


def test_help_says_plain_explainer_opens_the_app_and_lists_the_languages(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Type `explainer` with no command to open the app" in text
    assert "--lang {en,es}" in text and "en (English), es (Spanish, español)" in text
    assert list(LANGUAGES) == offered_languages()


def test_lang_after_ask_works(monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[str] = []

    def fake_run_ask(settings: Settings, question: str | None, **options: bool) -> int:
        seen.append(settings.lang)
        return 0

    monkeypatch.setattr("explainer.commands.ask.run_ask", fake_run_ask)
    assert main(["ask", "--lang", "es", "hola"]) == 0
    assert main(["--lang", "es", "ask", "hola"]) == 0
    assert main(["ask", "hola"]) == 0
    assert seen == ["es", "es", "en"]


def test_an_unknown_lang_after_ask_names_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--lang", "fr", "hola"]) == 2
    assert "the language 'fr' is not offered; choose one of: en, es." in capsys.readouterr().err
