"""Results kept between runs: charts and tables built once per data version, language and settings.

Building a plotly figure validates every property (30-250 ms a chart on /flows), and the pure
functions behind a page give the same result for the same data; a re-run with the same data,
language and settings returns what was built. Results are shared by every session and must not be
changed in place (`with_cutoff` and the chart functions return new figures, `show_chart` only reads
them; pandas copy-on-write keeps a shared frame from changes made to copies of it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

import streamlit as st

from ca_trade.i18n import current_language
from ca_trade.ui.cache import Version, data_key

Result = TypeVar("Result")


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(
    key: str,
    folder: str,
    version: Version,
    lang: str,
    settings: tuple[Hashable, ...],
    _build: Callable[[], object],
) -> object:
    """What `_build` returns for one data version, language and settings (the cache key)."""
    del folder, version, lang, settings  # the cache key only
    return _build()


def cached(key: str, settings: tuple[Hashable, ...], build: Callable[[], Result]) -> Result:
    """Return `build()`, built once per `key`, data version, language and `settings` (whatever
    else `build` depends on: the year, the goal, the pairs chosen...)."""
    folder, version = data_key()
    built = _built(key, folder, version, current_language(), settings, build)
    return cast(Result, built)
