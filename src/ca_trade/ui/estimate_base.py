"""The Scenario page's choice of base: the latest official total (default) or the estimate.

The estimate (`estimate.chain_estimates`, newest year) reaches the scenario as numbers only: a
base year and a base value. The choice is the URL parameter `base` (`estimate`; absent for the
official total, so older links open as before).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ca_trade.estimate import ChainEstimate
from ca_trade.i18n import t
from ca_trade.present.estimate import base_option, estimate_base_note
from ca_trade.ui.cache import estimates
from ca_trade.ui.common import small_note
from ca_trade.ui.url_state import seed_choice, write_choice

BASE = "base"
BASE_OPTIONS = ("official", "estimate")


@dataclass(frozen=True)
class Base:
    """The projection's start: year and value (USD billion), and the estimate when it is one."""

    year: int
    value_usd_bn: float
    estimate: ChainEstimate | None = None


def newest_estimate() -> ChainEstimate | None:
    """Return the estimate of the newest year after the latest official total, if any."""
    found = estimates()
    return found[-1] if found else None


def chosen_base(official_year: int, official_usd_bn: float) -> Base:
    """Return the base chosen (in this session, else in the link): the estimate where it is
    chosen and has a value, else the official total given. Readable before the choice is drawn."""
    estimate = newest_estimate()
    choice = st.session_state.get(BASE, st.query_params.get(BASE))
    if choice == "estimate" and estimate is not None and estimate.value_usd_bn is not None:
        return Base(estimate.year, estimate.value_usd_bn, estimate)
    return Base(official_year, official_usd_bn)


def _keep_in_link() -> None:
    """Callback of the choice: the link holds `base=estimate`, and nothing for the default."""
    write_choice(BASE, st.session_state.get(BASE), BASE_OPTIONS[0])


def base_choice(official_year: int, official_usd_bn: float) -> None:
    """Draw the choice of base, disabled (with the reason) when there is no estimate to use.

    Not bound to the URL by Streamlit, which would write the option's label (words, in the
    reader's language) into the link: the link holds the option's code.
    """
    estimate = newest_estimate()
    available = estimate is not None and estimate.value_usd_bn is not None
    seed_choice(BASE, BASE_OPTIONS if available else BASE_OPTIONS[:1], BASE_OPTIONS[0])
    st.radio(
        t("Start the projection from"),
        BASE_OPTIONS,
        format_func=lambda option: base_option(option, official_year, official_usd_bn, estimate),
        key=BASE,
        on_change=_keep_in_link,
        disabled=not available,
    )
    small_note(estimate_base_note(estimate, official_year))
