"""Every fixed text a front end shows (labels, headings, screens, line mode), in English and
Spanish. The core's own texts (an Answer's `message`) stay in `explainer.core.messages`.

Why a typed Python table and not gettext catalogs (Babel): the strings are few (about a hundred),
mypy checks every use, a test checks that each language has every key with the same fields, and
nothing needs compiling (.mo files) or a new dependency. Knowledge is never translated here.
"""

from __future__ import annotations

from typing import Any

from explainer.core.messages import CATALOG as CORE
from explainer.core.messages import current_language

EN: dict[str, str] = {
    "question_label": "Question: ",
    "you": "You",
    "explainer": "Explainer",
    "definition_head": "Definition: {term}.",
    "from": "From: ",
    "source": "Source: ",
    "as_of": "Facts as of ",
    "note": "Note: ",
    "maintainers_note": "Note from the explainer's maintainers: ",
    "uncertain": "What is uncertain: ",
    "see_also": "See also: ",
    "see": "See: ",
    "related": "Related terms: ",
    "sources": "Sources:",
    "checked_by": "Checked by: ",
    "language_label": "Language: {name}",
    # App
    "subtitle": "287(g) and ICE in plain words. Information, not legal advice.",
    "welcome": ("Ask a question about 287(g) agreements, ICE, or your rights. "
                "Nothing you type is saved or sent anywhere."),
    "placeholder": "Type your question and press Enter",
    "try_asking": "Try asking",
    "getting_ready": "Getting ready... Your question will be answered in a moment.",
    "load_failed": "The explainer could not start. Please ask the person who set it up for help.",
    "ask_failed": "Something went wrong while answering. Please try again.",
    "open_source": "Open source",
    "look_up": "Look up: ",
    "cited_paragraph": "Cited paragraph {number}",
    "paragraph": "Paragraph {number}",
    "glossary_heading": "Glossary: every checked term. Type to filter. Press Enter to open.",
    "filter": "Filter terms",
    "key_help": "Help",
    "key_glossary": "Glossary",
    "key_happening_now": "Happening now",
    "key_read_aloud": "Read aloud",
    "key_handout": "Save handout",
    "key_start_over": "Start over",
    "key_colours": "Colours",
    "key_projector": "Projector",
    "key_back": "Back",
    "read_aloud_missing": "Read aloud needs the espeak-ng program, which is not installed here.",
    "read_aloud_nothing": "There is no answer to read yet.",
    "read_aloud_stopped": "Stopped reading.",
    "handout_saved": "Handout saved: {files}",
    "handout_sent": "Your browser is downloading the handout: {file}",
    "handout_empty": "There is nothing to save yet. Ask a question first.",
    "handout_failed": "The handout could not be saved: {reason}",
    "handout_title": "Questions and answers from explainer",
    "handout_made": "Made on {date}. Every answer is quoted from checked sources.",
    "suggest_1": "What is a 287(g) agreement?",
    "suggest_2": "Which Minnesota counties signed?",
    "suggest_3": "What is an ICE hold?",
    "suggest_4": "What are my rights if ICE comes to my door?",
    "suggest_5": "Where can I get free legal help?",
    # Kiosk
    "splash": (
        "Welcome.\n\nYou can ask questions about 287(g) agreements, ICE, and your rights.\n\n"
        "Nothing you ask here is saved or sent anywhere. When you stop, the screen clears "
        "itself.\n\nThis is information, not legal advice. For free legal help, ask: Where can "
        "I get free legal help?\n\nPress any key to start."
    ),
    "countdown": ("No one has used this screen for a while.\n\nIt will be cleared in "
                  "{seconds_words}.\n\nPress any key to keep going."),
    "error_reset": "Something went wrong, so the screen was cleared. Please ask again.",
    "pin_prompt": "Administrator exit. Type the PIN and press Enter.",
    "pin_wrong": "That PIN is not right.",
    "pin_wait": "Please wait {seconds_words} before trying again.",
    # Line mode
    "line_welcome": ("explainer: plain-language answers about 287(g) agreements, ICE and your "
                     "rights.\nType a question and press Enter. Type help for the commands."),
    "line_splash": ("Welcome. Nothing you ask here is saved or sent anywhere.\n"
                    "This is information, not legal advice.\n"
                    "For free legal help, type: define legal help.\nPress Enter to start."),
    "line_help": (
        "Help: type a question in your own words and press Enter.\n"
        "Help: each answer quotes checked sources and says where each quote comes from.\n"
        "Commands: help, glossary, define followed by a term, sources, start over, quit.\n"
        "Command glossary: lists every checked term.\n"
        "Command define detainer: shows the full definition of detainer.\n"
        "Command sources: lists the sources of the last answer.\n"
        "Command start over: forgets the last answer.\n"
        "This is information, not legal advice."
    ),
    "line_prompt": "Your question:",
    "line_ready": "Getting ready...",
    "line_idle": ("Idle: no one has typed for a while. This session will be cleared in "
                  "{seconds_words}. Press Enter to keep going."),
    "line_cleared": "Session cleared.",
    "line_started_over": "Started over. The last answer is forgotten.",
    "line_glossary": "Glossary: {count} checked terms. Type define and a term to read one.",
    "line_term": "Term: {term}.",
    "line_no_sources": "Sources: there is no answer yet. Ask a question first.",
    "line_source": "Source {number} of {total}: {source}{where}.",
    "line_no_term": "Define: no checked term matches {term}. Type glossary to see every term.",
    "line_goodbye": "Goodbye.",
    "line_pin": "Administrator PIN:",
    "line_pin_wrong": "Quit: that PIN is not right. This kiosk keeps running.",
    "line_pin_wait": "Quit: please wait {seconds_words} before trying again.",
    # Answers (the renderer)
    "definition_label": "Definition: ",
    "excerpt_count": "Excerpt {number} of {total}",
    "excerpt_language": "This excerpt is in {name}.",
    "out_of_date": "This may be out of date.",
    "paragraph_location": "paragraph {number}",
    "publisher": "publisher: ",
    "publisher_unknown": "publisher: unknown",
    "read_on": "no date on the page; read on ",
    "reporting_from": "reporting from ",
    "approximate_date": " (approximate date)",
    "note_as_of": "As of {date}: ",
    "lang_en": "English",
    "lang_es": "Spanish",
    # The app's status lines (its keys F4, F6, F7, F8)
    "reading_aloud": "Reading the answer aloud. Press F4 again to stop.",
    "read_aloud_done": "Finished reading.",
    "read_aloud_no_sound": "Read aloud could not play sound on this computer.",
    "read_aloud_off": "Read aloud is turned off on this computer.",
    "handout_off": "Handouts are not saved on this shared computer, so nothing you ask stays here.",
    "theme_now": "Colours: {name}. Press F6 for the next.",
    "theme_default": "default",
    "theme_high_contrast": "high contrast",
    "theme_ansi": "your terminal's own colours",
    "projector_on": "Projector layout on. Press F8 to turn it off.",
    "projector_off": "Projector layout off.",
}

ES: dict[str, str] = {
    "question_label": "Pregunta: ",
    "you": "Usted",
    "explainer": "Explainer",
    "definition_head": "Definición: {term}.",
    "from": "De: ",
    "source": "Fuente: ",
    "as_of": "Datos de ",
    "note": "Nota: ",
    "maintainers_note": "Nota de quienes mantienen explainer: ",
    "uncertain": "Lo que no es seguro: ",
    "see_also": "Vea también: ",
    "see": "Vea: ",
    "related": "Términos relacionados: ",
    "sources": "Fuentes:",
    "checked_by": "Revisado por: ",
    "language_label": "Idioma: {name}",
    "subtitle": "287(g) e ICE en palabras sencillas. Es información, no asesoría legal.",
    "welcome": ("Haga una pregunta sobre los acuerdos 287(g), ICE o sus derechos. "
                "Nada de lo que escribe se guarda ni se envía."),
    "placeholder": "Escriba su pregunta y pulse Enter",
    "try_asking": "Puede preguntar",
    "getting_ready": "Preparando... Su pregunta se contestará en un momento.",
    "load_failed": ("Explainer no pudo empezar. Pida ayuda a la persona que lo instaló."),
    "ask_failed": "Algo salió mal al contestar. Por favor, intente otra vez.",
    "open_source": "Abrir la fuente",
    "look_up": "Buscar: ",
    "cited_paragraph": "Párrafo citado {number}",
    "paragraph": "Párrafo {number}",
    "glossary_heading": ("Glosario: todos los términos revisados. Escriba para filtrar. "
                         "Pulse Enter para abrir."),
    "filter": "Filtrar términos",
    "key_help": "Ayuda",
    "key_glossary": "Glosario",
    "key_happening_now": "Está pasando ahora",
    "key_read_aloud": "Leer en voz alta",
    "key_handout": "Guardar hoja",
    "key_start_over": "Empezar de nuevo",
    "key_colours": "Colores",
    "key_projector": "Proyector",
    "key_back": "Volver",
    "read_aloud_missing": ("Para leer en voz alta hace falta el programa espeak-ng, que no "
                           "está instalado aquí."),
    "read_aloud_nothing": "Todavía no hay una respuesta para leer.",
    "read_aloud_stopped": "Se dejó de leer.",
    "handout_saved": "Hoja guardada: {files}",
    "handout_sent": "Su navegador está descargando la hoja: {file}",
    "handout_empty": "Todavía no hay nada que guardar. Haga una pregunta primero.",
    "handout_failed": "No se pudo guardar la hoja: {reason}",
    "handout_title": "Preguntas y respuestas de explainer",
    "handout_made": "Hecho el {date}. Cada respuesta es una cita de fuentes revisadas.",
    "suggest_1": "¿Qué es un acuerdo 287(g)?",
    "suggest_2": "¿Qué condados de Minnesota firmaron?",
    "suggest_3": "¿Qué es una retención de ICE (ICE hold)?",
    "suggest_4": "¿Cuáles son mis derechos si ICE viene a mi puerta?",
    "suggest_5": "¿Dónde consigo ayuda legal gratis?",
    "splash": (
        "Bienvenido.\n\nPuede hacer preguntas sobre los acuerdos 287(g), ICE y sus derechos.\n\n"
        "Nada de lo que pregunta aquí se guarda ni se envía. Cuando termine, la pantalla se "
        "borra sola.\n\nEs información, no asesoría legal. Para ayuda legal gratis, pregunte: "
        "¿Dónde consigo ayuda legal gratis?\n\nPulse cualquier tecla para empezar."
    ),
    "countdown": ("Nadie ha usado esta pantalla por un rato.\n\nSe borrará en "
                  "{seconds_words}.\n\nPulse cualquier tecla para seguir."),
    "error_reset": "Algo salió mal y la pantalla se borró. Por favor, pregunte otra vez.",
    "pin_prompt": "Salida del administrador. Escriba el PIN y pulse Enter.",
    "pin_wrong": "Ese PIN no es correcto.",
    "pin_wait": "Por favor, espere {seconds_words} antes de intentar otra vez.",
    "line_welcome": ("explainer: respuestas en palabras sencillas sobre los acuerdos 287(g), ICE "
                     "y sus derechos.\nEscriba una pregunta y pulse Enter. Escriba ayuda para "
                     "ver los comandos."),
    "line_splash": ("Bienvenido. Nada de lo que pregunta aquí se guarda ni se envía.\n"
                    "Es información, no asesoría legal.\n"
                    "Para ayuda legal gratis, escriba: definir ayuda legal.\n"
                    "Pulse Enter para empezar."),
    "line_help": (
        "Ayuda: escriba una pregunta con sus propias palabras y pulse Enter.\n"
        "Ayuda: cada respuesta cita fuentes revisadas y dice de dónde viene cada cita.\n"
        "Comandos: ayuda, glosario, definir y un término, fuentes, empezar de nuevo, salir.\n"
        "Comando glosario: muestra todos los términos revisados.\n"
        "Comando definir detainer: muestra la definición completa de detainer.\n"
        "Comando fuentes: muestra las fuentes de la última respuesta.\n"
        "Comando empezar de nuevo: olvida la última respuesta.\n"
        "Es información, no asesoría legal."
    ),
    "line_prompt": "Su pregunta:",
    "line_ready": "Preparando...",
    "line_idle": ("Inactivo: nadie ha escrito por un rato. Esta sesión se borrará en "
                  "{seconds_words}. Pulse Enter para seguir."),
    "line_cleared": "Sesión borrada.",
    "line_started_over": "Empezamos de nuevo. Se olvidó la última respuesta.",
    "line_glossary": ("Glosario: {count} términos revisados. Escriba definir y un término para "
                      "leerlo."),
    "line_term": "Término: {term}.",
    "line_no_sources": "Fuentes: todavía no hay respuesta. Haga una pregunta primero.",
    "line_source": "Fuente {number} de {total}: {source}{where}.",
    "line_no_term": ("Definir: ningún término revisado coincide con {term}. Escriba glosario "
                     "para ver todos."),
    "line_goodbye": "Adiós.",
    "line_pin": "PIN del administrador:",
    "line_pin_wrong": "Salir: ese PIN no es correcto. Este quiosco sigue funcionando.",
    "line_pin_wait": "Salir: por favor, espere {seconds_words} antes de intentar otra vez.",
    "definition_label": "Definición: ",
    "excerpt_count": "Fragmento {number} de {total}",
    "excerpt_language": "Este fragmento está en {name}.",
    "out_of_date": "Puede que esto ya no esté al día.",
    "paragraph_location": "párrafo {number}",
    "publisher": "editorial: ",
    "publisher_unknown": "editorial: desconocida",
    "read_on": "la página no tiene fecha; leída el ",
    "reporting_from": "con información de ",
    "approximate_date": " (fecha aproximada)",
    "note_as_of": "Datos de {date}: ",
    "lang_en": "inglés",
    "lang_es": "español",
    # The app's status lines (its keys F4, F6, F7, F8)
    "reading_aloud": "Leyendo la respuesta en voz alta. Pulse F4 otra vez para parar.",
    "read_aloud_done": "Terminó la lectura.",
    "read_aloud_no_sound": "No se pudo leer en voz alta: esta computadora no tiene sonido.",
    "read_aloud_off": "Leer en voz alta está apagado en esta computadora.",
    "handout_off": ("Esta computadora es de uso público: no guarda hojas, y nada de lo que "
                    "pregunte se queda aquí."),
    "theme_now": "Colores: {name}. Pulse F6 para cambiar.",
    "theme_default": "normales",
    "theme_high_contrast": "alto contraste",
    "theme_ansi": "los de su terminal",
    "projector_on": "Vista de proyector encendida. Pulse F8 para apagarla.",
    "projector_off": "Vista de proyector apagada.",
}

CATALOG: dict[str, dict[str, str]] = {"en": EN, "es": ES}

# Singular and plural of a unit, per language. English and Spanish both use the singular only
# for exactly 1 ("1 second", "0 seconds"; "1 segundo", "0 segundos").
SECONDS_WORDS: dict[str, tuple[str, str]] = {
    "en": ("{n} second", "{n} seconds"),
    "es": ("{n} segundo", "{n} segundos"),
}


def seconds_words(seconds: int, language: str | None = None) -> str:
    """A count of seconds in words with the right plural: "1 second", "30 seconds"."""
    one, many = SECONDS_WORDS.get(language or current_language(), SECONDS_WORDS["en"])
    return (one if seconds == 1 else many).format(n=seconds)


def message(key: str, language: str | None = None, **fields: Any) -> str:
    """The text for `key` in `language` (default: the chosen one), with `fields` filled in.

    A front-end key first, then the core's answer texts ("not_advice"). A `seconds` field also
    fills `{seconds_words}` ("1 second", "2 seconds") in that language.
    """
    lang = language or current_language()
    table = CATALOG.get(lang, EN)
    text = table.get(key) or EN.get(key) or CORE.get(lang, CORE["en"]).get(key) or CORE["en"][key]
    if isinstance(fields.get("seconds"), int):
        fields["seconds_words"] = seconds_words(fields["seconds"], lang)
    return text.format(**fields) if fields else text


def language_name(code: str, language: str | None = None) -> str:
    """A knowledge language's name in the interface language ("inglés" in Spanish)."""
    key = f"lang_{code}"
    return message(key, language) if key in EN else code


t = message
