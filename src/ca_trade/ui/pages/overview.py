"""Overview page: where intraregional trade stands against the goals."""

from __future__ import annotations

import streamlit as st

from ca_trade.i18n import format_usd_bn, t
from ca_trade.progress import headline_goals, latest_headline_total
from ca_trade.ui.common import trade_data_or_stop

data = trade_data_or_stop()
latest = latest_headline_total(data.trade_totals, data.sources)
goals = headline_goals(data.targets)

st.title(t("Intraregional trade of Central Asia against its goals"))
left, right = st.columns(2)
left.metric(
    t("Latest official regional total ({year})", year=latest.year),
    format_usd_bn(latest.value_usd_bn),
)
right.metric(t("Goal"), format_usd_bn(goals[0].value_usd_bn))
st.caption(t("Source: [{title}]({url})", title=latest.source_title, url=latest.source_url))
