"""A visible notice for URL parameters that widgets refused (`?growth=abc`, `?year=1800`).

Widgets bound to the URL drop a value they cannot take. The user who followed the link
should know the view differs from the link, so the parameters are compared before and
after the page has run, and each one that was dropped or changed is named.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ca_trade.i18n import t

MAX_SHOWN_CHARS = 40


def url_parameters() -> dict[str, str]:
    """Return the URL parameters as the browser sent them (the last value of each key)."""
    return {key: st.query_params.get(key, "") for key in st.query_params}


def _takes(raw: str, value: object) -> bool:
    """Whether a widget holding `value` took the URL text `raw` (numbers compared as numbers)."""
    if isinstance(value, bool):
        return raw.lower() == str(value).lower()
    if isinstance(value, int | float):
        try:
            return float(raw) == float(value)
        except ValueError:
            return False
    if isinstance(value, list | tuple | set | frozenset):
        return raw in {str(item) for item in value}
    return raw == str(value)


def refused_parameters(
    before: Mapping[str, str], after: Mapping[str, str], widget_values: Mapping[str, object]
) -> dict[str, str]:
    """Return the URL parameters the page did not take, with the values the link gave.

    A parameter is taken when it is still in the URL unchanged, or when the widget of that
    key now holds its value (a value equal to the default is dropped from the URL).
    Parameters no widget reads stay in the URL and are not reported.
    """
    return {
        key: raw
        for key, raw in before.items()
        if after.get(key) != raw and not (key in widget_values and _takes(raw, widget_values[key]))
    }


def _shown(value: str) -> str:
    """Return a value safe to show inside inline code: no backticks, bounded length."""
    cleaned = "".join(ch for ch in value.replace("`", "'") if ch.isprintable())
    return cleaned if len(cleaned) <= MAX_SHOWN_CHARS else cleaned[: MAX_SHOWN_CHARS - 1] + "…"


def show_refused_parameters(
    slot: st.delta_generator.DeltaGenerator, before: Mapping[str, str]
) -> None:
    """Fill `slot` with a notice naming every URL parameter the page did not accept."""
    widget_values = {key: st.session_state[key] for key in before if key in st.session_state}
    refused = refused_parameters(before, url_parameters(), widget_values)
    if not refused:
        return
    listed = ", ".join(f"`{_shown(key)}={_shown(value)}`" for key, value in refused.items())
    slot.warning(
        t(
            "Some settings in the link could not be used and were left at their defaults: {parameters}.",
            parameters=listed,
        ),
        icon=":material/link_off:",
    )
