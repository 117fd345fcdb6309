"""The interface language: a sidebar choice bound to `?lang=`, defaulting to the browser's."""

from __future__ import annotations

from functools import cache

import streamlit as st

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
    """Show the language switch, set the language for this run, and return its code."""
    languages = available_languages()
    default = browser_language()
    seed_choice(LANGUAGE_KEY, languages, default)
    lang = st.sidebar.selectbox(
        "Language / Язык", languages, format_func=cached_language_name, key=LANGUAGE_KEY
    )
    write_choice(LANGUAGE_KEY, lang, default)
    set_language(lang or default)
    return lang or default
