"""Key descriptions in the footer come from the message catalog, by binding id."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from explainer.catalog import t

# binding id -> catalog key
DESCRIPTIONS = {
    "help": "key_help",
    "glossary": "key_glossary",
    "happening_now": "key_happening_now",
    "read_aloud": "key_read_aloud",
    "handout": "key_handout",
    "start_over": "key_start_over",
    "next_theme": "key_colours",
    "projector": "key_projector",
    "article.back": "key_back",
    "definition.back": "key_back",
    "glossary.back": "key_back",
    "help.back": "key_back",
    "pin.back": "key_back",
}


def localize_bindings(node: DOMNode) -> None:
    """Give this node's own bindings their description in the chosen language."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(binding, description=t(DESCRIPTIONS[binding.id]))
            if binding.id in DESCRIPTIONS else binding
            for binding in bindings
        ]
