"""Words that mark a question as being about immigration enforcement, or about the news we hold.

Similarity alone cannot tell "who is the governor of Minnesota?" (close to our Minnesota texts)
from a real question, so a question must also use a word of this field, or name a defined term,
or be very close to the knowledge. Words are compared after normalization (no accents, casefold).

- Field words belong to immigration enforcement itself: a question using one is about our topic
  unless it is far from everything we hold.
- Setting words (jail, sheriff, court, the article) also turn up in everyday questions ("jail
  visiting hours", "sheriff election"), so a question with only these must be closer.
- The knowledge is about Minnesota: a question about another state's laws or sheriffs is one
  we cannot answer, however close its words are.
"""

from __future__ import annotations

import re

from explainer.core.text import content_tokens, light_stem, normalize, tokens


def _stems(words: str) -> frozenset[str]:
    return frozenset(light_stem(word) for word in words.split())


FIELD_WORDS = _stems("""
    immigration immigrant immigrants migrant noncitizen noncitizens citizen citizens citizenship
    deport deports deported deporting deportation deportations removal removed
    detain detained detaining detainer detainers detainor detention detainee
    287(g) 1357(g) i-247a i-200 i-205 warrant warrants warrent sanctuary undocumented illegal
    papers status visa asylum border migra raid raids feds agents arrest arrested
    rights lawyer lawyers attorney abogado abogados police policia officer officers oficial
    agreement agreements acuerdo acuerdos
    inmigracion inmigrante inmigrantes migrante deportar deportado deportada deportacion
    detenido detenida detener detencion retencion indocumentado indocumentada indocumentados
    detuvieron detuvo arrestaron arresto arrestado arrestada deportaron
    papeles ciudadano ciudadania santuario orden redada derechos estatus asilo frontera
    ero dhs eoir cbp nta igsa moa wso aclu
""")

SETTING_WORDS = _stems("""
    sheriff sheriffs sherrif sherif deputy deputies cop cops jail jails prison lockup inmate
    inmates custody court courts judge judges hearing county counties commissioner
    commissioners article news story report reported reporter journal ellison freeborn cass
    crow wing itasca jackson sherburne kandiyohi mille lacs traffic
    alguacil carcel prision condado condados juez corte audiencia noticia articulo
""")


# Phrases of the field whose words alone are everyday words.
_FIELD_PHRASES = re.compile(r"\b(green card|border patrol|work permit|tarjeta verde|residencia)\b")
# "the article", "this news story": in this app, that is the article we hold.
_THE_ARTICLE = re.compile(
    r"\b(the|this|that|your) (news )?(article|story|piece|report|reporting)\b"
    r"|\b(el|este|la|esta) (articulo|noticia|reportaje)\b"
)
# Other US states. Not "Washington" (the capital; also a Minnesota county), "Virginia" (a
# Minnesota city) or "Mississippi" (the river through Minnesota).
_OTHER_STATES = re.compile(
    r"\b(alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida"
    r"|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland"
    r"|massachusetts|michigan|missouri|montana|nebraska|nevada|new hampshire"
    r"|new jersey|new mexico|new york|nueva york|north carolina|north dakota|ohio|oklahoma"
    r"|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah"
    r"|vermont|west virginia|wisconsin|wyoming|carolina del norte|dakota del norte)\b"
)
_MINNESOTA = re.compile(r"\b(minnesota|mn|minn)\b")


# Common Spanish words that are not also English words.
_SPANISH_WORDS = frozenset("""
    que el los las del mi mis es un una por para con como cuanto cuantos cuantas cuando donde
    quien puedo puede pueden tengo tiene tienen esta estan estoy son hay lo le les su sus si y
    pero porque sin sobre hasta muy ya al nos te se ser hacer hago debo fue eso esto de cual
    cuales necesito significa gratis dan consigo encuentro abogado
""".split())


def looks_spanish(question: str) -> bool:
    """Written in Spanish: the English model puts such questions near every Spanish text."""
    return "¿" in question or sum(word in _SPANISH_WORDS for word in tokens(question)) >= 2


def about_another_state(question: str) -> bool:
    """Names another US state and not Minnesota: outside what the knowledge covers."""
    plain = normalize(question)
    return bool(_OTHER_STATES.search(plain)) and not _MINNESOTA.search(plain)


def field_words(question: str) -> set[str]:
    """The immigration-enforcement words this question uses (a mention of the article counts)."""
    found = {light_stem(token) for token in content_tokens(question)} & FIELD_WORDS
    plain = normalize(question)
    found.update(match.group(0) for match in _FIELD_PHRASES.finditer(plain))
    if _THE_ARTICLE.search(plain):
        found.add("the article")
    return found


def setting_words(question: str) -> set[str]:
    """The words of our setting (jails, sheriffs, courts, the news) this question uses."""
    return {light_stem(token) for token in content_tokens(question)} & SETTING_WORDS
