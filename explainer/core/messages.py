"""Fixed text shown to people, kept in one catalog so it can be translated and reviewed."""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "answered": (
            "Here is what the checked sources say. "
            "This is information, not legal advice."
        ),
        "answered_advice": (
            "I can't give advice about your own situation. "
            "Here is what the checked sources say, and where to get free legal help. "
            "This is information, not legal advice."
        ),
        "out_of_scope": (
            "I don't have a checked answer to that question. "
            "I can explain 287(g) agreements, ICE, detainers and your rights. "
            "For help with your own situation, contact a free legal help group."
        ),
        "empty": "Please type a question.",
        "too_long": "Your question is too long. Please ask it in 500 characters or fewer.",
        "greeting": (
            "Hello. You can ask about 287(g) agreements, ICE, detainers and your rights. "
            'For example: "What is a 287(g) agreement?"'
        ),
    },
}


def message(key: str, language: str = "en") -> str:
    """The text for `key` in `language`, falling back to English."""
    return CATALOG.get(language, CATALOG["en"]).get(key) or CATALOG["en"][key]
