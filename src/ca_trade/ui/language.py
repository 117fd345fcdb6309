"""The interface language: a switch at the top of every page bound to `?lang=`, defaulting to the
browser's."""

from __future__ import annotations

from functools import cache

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ca_trade.i18n import DEFAULT_LANGUAGE, available_languages, language_name, set_language
from ca_trade.ui.url_state import seed_choice, write_choice

LANGUAGE_KEY = "lang"
# Babel parses a locale for each name: once per process, not on every re-run.
cached_language_name = cache(language_name)


def browser_language() -> str:
    """Return the browser's language if the interface is offered in it, else English."""
    locale = st.context.locale or DEFAULT_LANGUAGE
    primary = locale.split("-")[0].lower()
    return primary if primary in available_languages() else DEFAULT_LANGUAGE


def choose_language() -> str:
    """Set this run's language from the switch, else `?lang=`, else the browser; return its code.

    Called before anything is translated; the switch itself is drawn later (`language_switch`).
    """
    default = browser_language()
    seed_choice(LANGUAGE_KEY, available_languages(), default)
    lang = st.session_state[LANGUAGE_KEY] or default
    set_language(lang)
    return str(lang)


def language_switch(where: DeltaGenerator) -> None:
    """Show the language switch in `where` and keep `?lang=` equal to the choice.

    Every language is a button named in its own language ("English", "Русский"), so a reader
    finds theirs without knowing the current one.
    """
    lang = where.segmented_control(
        "Language / Язык",
        available_languages(),
        format_func=cached_language_name,
        key=LANGUAGE_KEY,
        required=True,
        label_visibility="collapsed",
    )
    write_choice(LANGUAGE_KEY, lang, browser_language())
