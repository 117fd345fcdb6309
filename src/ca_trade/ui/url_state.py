"""URL state for choice widgets whose options are codes shown as translated labels.

Streamlit's `bind="query-params"` writes the *displayed label* into the URL, so a link made in
Russian (`?type=ГЭС`) would not work in English. These helpers keep the *code* in the URL
(`?type=hydropower`, `?lang=ru`) whatever the language: the widget's value is seeded from the
URL before the widget is drawn, and written back after.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st


def _resend(key: str) -> None:
    """Set the widget value of `key` again, so that this run sends it to the browser.

    Streamlit sends a value set in code only in the run that sets it. When a rerun cuts that
    run short before the browser has drawn the widget (a phone's first run, cut short once the
    window's width is known), the browser never learns the value and sends back the widget's
    default with the next click: a shared link's `?view=KGZ` fell back to the whole region.
    """
    st.session_state[key] = st.session_state[key]


def seed_choice(
    key: str, options: Sequence[str], default: str | None, param: str | None = None
) -> None:
    """Set the widget value of `key` from `?key=` (or `?param=`) the first time the widget is
    drawn.

    A code that is not among `options` is ignored (the notice for refused parameters names it).
    """
    if key in st.session_state:
        _resend(key)
        return
    raw = st.query_params.get(param or key)
    st.session_state[key] = raw if raw in options else default


def seed_choices(key: str, options: Sequence[str], default: Sequence[str] = ()) -> None:
    """Set a multi-choice widget's value from every `?key=` value the first time it is drawn."""
    if key in st.session_state:
        _resend(key)
        return
    raw = st.query_params.get_all(key)
    valid = [code for code in raw if code in options]
    st.session_state[key] = valid if valid else list(default)


def write_choice(
    key: str, value: str | None, default: str | None, param: str | None = None
) -> None:
    """Keep `?key=` (or `?param=`) equal to the chosen code; drop it when it is the default."""
    name = param or key
    if value is None or value == default:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def write_choices(key: str, values: Sequence[str], default: Sequence[str] = ()) -> None:
    """Keep one `?key=` per chosen code; drop the parameter when the choice is the default."""
    if list(values) == list(default):
        st.query_params.pop(key, None)
    elif st.query_params.get_all(key) != list(values):
        st.query_params[key] = list(values)
