"""What kind of question this is, from its wording alone (no model needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from explainer.core.text import normalize, tokens

_GREETING_WORDS = frozenset(
    """
    hi hello hey hiya howdy there thanks thank you so much very good morning afternoon evening
    night how are doing bye goodbye ok okay cool great yo sup hola gracias buenos buenas dias
    tardes noches adios que tal como estas muchas see later thx ty bye-bye chao ciao hasta
    luego vemos nos cya
    """.split()
)
# Small talk is answered in kind: a goodbye with a goodbye, thanks with "you're welcome".
_GOODBYE_WORDS = frozenset("bye goodbye adios later chao ciao luego vemos cya".split())
_THANKS_WORDS = frozenset("thanks thank thx ty gracias".split())
# Questions about this program's privacy get the fixed privacy answer, before any search.
_PRIVACY = re.compile(
    r"\b(is|are|will|would) (my|our) (information|info|data|questions?|answers?|privacy"
    r"|search(es)?|history)( be)? (safe|secure|private|saved|stored|kept|recorded|shared|tracked"
    r"|logged|sent)( here| with you| in this \w+| on this \w+)?\W*$"
    r"|\b(do|does|will|can) (you|this|it|the app|this app|the explainer|explainer|this computer)"
    r" (save|store|keep|record|track|share|log|send|see|read|remember) (my|our|what i|what we"
    r"|the questions)"
    r"|\b(can|will|could) (anyone|ice|the government|the police|someone) (see|read|know"
    r"|find out) what (i|we) (type|ask|write|typed|asked|wrote)"
    r"|\bis (this|it|the explainer|this app|this computer) (private|safe to use|anonymous"
    r"|confidential|secure)"
    r"|\b(mi|mis|nuestra|nuestros) (informacion|datos|preguntas)( esta| estan)?"
    r" (segur[oa]s?|guardad[oa]s?|privad[oa]s?)"
    r"|\b(guarda|graba|comparte|envia|registra)(n)? (mis|mi|lo que) (datos|informacion|preguntas"
    r"|escribo|pregunto)"
    r"|\bes (esto )?(seguro|privado|confidencial) (usar|usarlo|preguntar)\b"
)
_ADVICE = re.compile(
    r"\b(should|can|could|will|would|am|must|may|do) (i|we)\b(?<!how do i)(?<!how do we)"
    r"|\b(me|my|mine|myself|our|us)\b"
    r"|\bi( am|'m| was| got| have|'ve| need| want| live| work)\b|\bim\b"
    r"|\b(debo|puedo|tengo|estoy|necesito|mi|mis|me)\b"
)
_URGENT = re.compile(
    r"\b(at (my|the|our) (door|house|home)|outside (my|our) (house|home|door|apartment)"
    r"|(knocking|banging|pounding) (on|at)|happening now|(is|are) here now"
    r"|(ice|police|agents?|officers?) (is|are) here"
    r"|(just )?(got|was|were|been|being) (detained|picked up|taken)( by (ice|la migra))?"
    r"|(got|was|were|been) arrested by (ice|immigration)"
    r"|just (arrested|detained|picked up|taken)|emergency"
    r"|(ice|la migra|immigration|agents?|officers?) (just )?"
    r"(took|picked up|detained|arrested|grabbed) (my|our)"
    r"|esta aqui|estan aqui|en (la|mi|nuestra) puerta|(lo|la|me|nos) detuvieron"
    r"|(detuvieron|arrestaron|se llevaron|agarraron) a (mi|mis|nuestro|nuestra|nuestros)"
    r"|(fue|fueron) (detenid[oa]s?|arrestad[oa]s?)"
    r"|lo arrestaron|la arrestaron|se (lo|la) llevaron|emergencia)\b"
)
# Urgent by structure, not by phrase: someone was just taken ("they took my dad", "se llevaron a
# mi tío"), or agents are at a place of ours ("la migra está en mi casa", "ICE is at my work").
_PERSON = (
    r"(dad|father|papa|mom|mother|mama|mum|parents?|husband|wife|spouse|partner|boyfriend"
    r"|girlfriend|son|daughter|kids?|children|child|baby|brother|sister|uncle|aunt|cousin"
    r"|grandma|grandpa|grandmother|grandfather|nephew|niece|friend|neighbou?r|roommate|family"
    r"|coworker|boss|papi|mami|esposo|esposa|hijo|hija|hijos|hermano|hermana|tio|tia|primo"
    r"|prima|abuelo|abuela|amigo|amiga|vecino|vecina|novio|novia|familia)"
)
_TAKEN = re.compile(
    r"\b(took|taken|grabbed|picked up|detained|arrested|deported|got|came for|se llevaron"
    r"|agarraron|detuvieron|arrestaron|deportaron|levantaron) (a )?(my|our|mi|mis|nuestro|nuestra"
    r"|nuestros|nuestras) (\w+ )?" + _PERSON + r"\b"
)
_AGENT = (r"(ice|(la )?migra|immigration|inmigracion|agents?|agentes|officers?|oficiales|police"
          r"|policia)")
_AT_OUR_PLACE = re.compile(
    r"\b" + _AGENT + r" (is|are|'s|esta|estan|anda|andan) (now |ahora |right now )?"
    r"(at|in|outside|inside|around|en|afuera de|fuera de|frente a|dentro de) "
    r"(my|our|the|mi|nuestra|nuestro|la|el) (\w+ )?(door|house|home|apartment|building|work|job"
    r"|school|car|church|store|puerta|casa|apartamento|edificio|trabajo|escuela|carro|iglesia"
    r"|tienda)\b"
)
# Requests to do something else: write, translate, compute, role-play, change the rules, or
# give an opinion (we only quote what we hold, and hold no opinions).
_TASK = re.compile(
    r"^(please |can you |could you )?(write|draft|compose|translate|calculate|summarize"
    r"|generate|create|code)\b"
    r"|\b(ignore|forget|disregard|bypass|override)\b(\W+\w+){0,3}?\W+(instructions|rules"
    r"|prompt|knowledge|sources|guidelines|restrictions|limits|programming|training)\b"
    r"|\b(pretend|act as|role ?play|you are now|developer mode|system prompt)\b"
    r"|\b(your|ur) (own |personal |honest )?(opinion|view)\b"
    r"|\bwhat do you (personally |honestly )?(think|believe|feel)\b"
    r"|^(escribe|escribeme|escribenos|redacta|traduce|traduceme|calcula)\b"
    r"|\b(olvida|olvidate de|ignora)\b(\W+\w+){0,3}?\W+(instrucciones|reglas|fuentes"
    r"|limites|datos)\b"
    r"|\b(tu|su) opinion\b|\bque (opinas|piensas|crees)\b"
)
_DEFINITIONAL = re.compile(
    r"^(so )?(what|whats|what's|wat|wut|wht)\b.*\b(is|are|s|does|do)\b"
    r"|\bwhat (is|does) (that|this|it)( mean)?\W*$"
    r"|\bmean(s|ing)?\b|\bdefin|\bstand for\b|\bexplain\b|\bwho (is|are)\b"
    r"|\bque (es|son|significa|quiere decir)\b"
)

# "What do you call it when ...": asks for a term, so a term it mentions is not what it asks about.
_ASKS_FOR_NAME = re.compile(
    r"\bwhat (do|would|does) (you|they|we|people|one|the law) call\b"
    r"|\bwhat(s|'s| is| are)? (it|this|that|they) called\b"
    r"|\b(name|word|term) (for|of) (it|this|that|when|the thing)\b"
    r"|\bwhat('s|s| is| are)? (the|this|that) (\w+ ){1,3}called\b|\bcalled\W*$"
    r"|\b(official|legal|right|proper) (word|term|name) for\b"
    r"|\bcomo se llama\b"
)

# A specific detail we do not keep: contact details, prices, shares, forecasts, how long a
# process takes, deadlines and appeals.
# Such a question is often worded like one we answer, so it leans towards "not covered".
_DETAIL = re.compile(
    r"\b(phone|hotline|e-?mail|street address|mailing address|home address(es)?|zip code"
    r"|website|case number|fax|opening hours|what time does|hours (is|are) .* open"
    r"|costs?|fees?|prices?|how much (does|do|is|are|would|will) .* (charge|pay)"
    r"|percent|percentage|what share|statistics|population"
    r"|will .* (win|lose|rule|pass)|when will|going to (win|lose|rule|pass)|predict"
    r"|how long (does|do|will) it take|deadline|appeals?"
    r"|telefono|correo|direccion|pagina web|horario|precio|porcentaje"
    r"|cuanto (cuesta|cobra|cobran|tarda|tardan|tiempo tarda)|va a ganar|van a ganar"
    r"|apelar|apelacion)\b"
)
# "Free" help is something we list; "at no cost" asks for it, not for a price.
_NO_COST = re.compile(r"\b(no cost|free|doesn'?t cost|does not cost|sin costo|gratis)\b")

# "Right now" is urgent only beside a place: "agents outside right now", not "visa wait right now".
_NOW = re.compile(r"\b(right now|ahorita|ahora mismo)\b")
_PRESENCE = re.compile(
    r"\b(door|house|home|outside|hallway|apartment|building|here|car|street"
    r"|puerta|casa|afuera|aqui)\b"
)


SmallTalk = Literal["greeting", "thanks", "goodbye"]


def small_talk(question: str) -> SmallTalk:
    """Which kind of small talk a greeting-only question is: goodbye wins over thanks."""
    words = set(tokens(question))
    if words & _GOODBYE_WORDS:
        return "goodbye"
    return "thanks" if words & _THANKS_WORDS else "greeting"


def asks_about_privacy(question: str) -> bool:
    """"Is my information safe here?": asks what this program keeps, not about the law."""
    return bool(_PRIVACY.search(normalize(question)))


@dataclass(frozen=True)
class Intent:
    greeting: bool
    seeks_advice: bool
    urgent: bool
    definitional: bool
    task: bool  # asks us to do something other than explain (we only quote what we hold)
    asks_for_detail: bool  # a phone number, price, share or forecast (we keep none)


def read_intent(question: str) -> Intent:
    text = normalize(question)
    words = tokens(question)
    return Intent(
        greeting=bool(words) and all(word in _GREETING_WORDS for word in words),
        seeks_advice=bool(_ADVICE.search(text)),
        urgent=bool(_URGENT.search(text) or _TAKEN.search(text) or _AT_OUR_PLACE.search(text)
                    or (_NOW.search(text) and _PRESENCE.search(text))),
        definitional=bool(_DEFINITIONAL.search(text)) and not _ASKS_FOR_NAME.search(text),
        task=bool(_TASK.search(text)),
        asks_for_detail=bool(_DETAIL.search(text)) and not _NO_COST.search(text),
    )
