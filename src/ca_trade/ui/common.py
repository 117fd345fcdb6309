"""What every page does first: language, data, and a clear stop on bad data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.delta_generator import DeltaGenerator

from ca_trade.data import DataError, TradeData
from ca_trade.format import number_marks
from ca_trade.i18n import t
from ca_trade.ui.cache import trade_data

if TYPE_CHECKING:
    from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$-])")


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown's special characters escaped, so data shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def link_target(url: str) -> str:
    """Return `url` safe inside a Markdown link: spaces and parentheses percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def folded_section(label: str, key: str, *, expanded: bool = False) -> ExpanderContainer:
    """Draw a section whose content the page draws only while it is open (`.open`): closed, it
    costs a first visit and every rerun nothing. Opening or closing it reruns the page, and the
    URL keeps it open as `?<key>=true`."""
    return st.expander(label, expanded=expanded, key=key, on_change="rerun", bind="query-params")


def source_link(data: TradeData, source_id: str) -> str:
    """Return a Markdown link to a source, its title shown as written."""
    row = data.sources.set_index("source_id").loc[source_id]
    return f"[{escape_markdown(str(row['title']))}]({link_target(str(row['url']))})"


def source_column() -> dict[str, Any]:
    """Return the column settings of a table's "Source" column: each URL as a link named "open"."""
    return {t("Source"): st.column_config.LinkColumn(t("Source"), display_text=t("open"))}


def small_markdown(markdown: str, where: DeltaGenerator | None = None) -> None:
    """Show `markdown` in small type in the body colour (captions are too faint to read well)."""
    (st if where is None else where).markdown(f":small[{markdown}]")


def small_note(text: str) -> None:
    """Show plain `text` (data, translated words) as a small note, Markdown characters escaped."""
    small_markdown(escape_markdown(text))


def trade_data_or_stop() -> TradeData:
    """Return the data package, or show every problem found in it and stop this page."""
    try:
        return trade_data()
    except DataError as error:
        st.error(
            t("The data package could not be loaded. Nothing is shown rather than a part of it.")
            + "\n\n"
            + "\n".join(f"- {escape_markdown(str(problem))}" for problem in error.problems),
            icon=":material/error:",
        )
        st.stop()
        raise  # st.stop() raises; this line keeps the type checker informed


def with_number_marks(table: pd.DataFrame, decimals: Mapping[str, int]) -> Styler:
    """Return `table` for st.dataframe with its number columns written the language's way.

    The cells keep their numbers (so a column still sorts as numbers); only what is shown uses
    the language's decimal and group marks ('4,400.0' in English, '4 400,0' in Russian).

    Args:
        table: the frame to show.
        decimals: column -> fraction digits shown, for every number column to format.
    """
    decimal, group = number_marks()
    styled = table.style
    for column, digits in decimals.items():
        # One column at a time: other columns (years) keep their plain digits.
        styled = styled.format(
            precision=digits, decimal=decimal, thousands=group, na_rep="–", subset=[column]
        )
    return styled
