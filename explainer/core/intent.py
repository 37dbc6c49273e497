"""What kind of question this is, from its wording alone (no model needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.core.text import normalize, tokens

_GREETING_WORDS = frozenset(
    """
    hi hello hey hiya howdy there thanks thank you so much very good morning afternoon evening
    night how are doing bye goodbye ok okay cool great yo sup hola gracias buenos buenas dias
    tardes noches adios que tal como estas muchas
    """.split()
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
        urgent=bool(_URGENT.search(text) or (_NOW.search(text) and _PRESENCE.search(text))),
        definitional=bool(_DEFINITIONAL.search(text)) and not _ASKS_FOR_NAME.search(text),
        task=bool(_TASK.search(text)),
        asks_for_detail=bool(_DETAIL.search(text)) and not _NO_COST.search(text),
    )
