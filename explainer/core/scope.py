"""Words that mark a question as being about immigration enforcement.

Similarity alone cannot tell "who is the governor of Minnesota?" (close to our Minnesota texts)
from a real question, so a question must also use a word of this field, or name a defined term,
or be very close to the knowledge. The list is short on purpose: words of immigration
enforcement itself, in English and Spanish, compared after normalization (no accents, casefold).
"""

from __future__ import annotations

from explainer.core.text import content_tokens, light_stem

DOMAIN_WORDS: frozenset[str] = frozenset(light_stem(word) for word in """
    immigration immigrant immigrants migrant noncitizen noncitizens citizen citizens citizenship
    deport deports deported deporting deportation deportations removal removed
    detain detained detaining detainer detainers detainor detention detainee
    287(g) 1357(g) i-247a i-200 i-205 warrant warrants warrent sanctuary undocumented illegal
    papers status visa asylum border migra raid raids feds agents arrest arrested
    rights lawyer lawyers attorney abogado abogados police policia officer officers oficial
    agreement agreements acuerdo acuerdos
    inmigracion inmigrante inmigrantes migrante deportar deportado deportada deportacion
    detenido detenida detener detencion retencion indocumentado indocumentada indocumentados
    papeles ciudadano ciudadania santuario orden redada derechos estatus asilo frontera
""".split())


def domain_words(question: str) -> set[str]:
    """The field's words this question uses."""
    return {light_stem(token) for token in content_tokens(question)} & DOMAIN_WORDS
