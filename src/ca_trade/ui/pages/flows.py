"""Trade flows page: who trades with whom, by whose statistics, and what is missing."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st

from ca_trade.charts.annotations import with_cutoff
from ca_trade.charts.flows import matrix_figure, rule_cell_texts, side_cell_texts
from ca_trade.charts.flows_chord import chord_figure
from ca_trade.charts.flows_pairs import (
    asymmetry_figure,
    country_totals_figure,
    coverage_figure,
    pair_series_figure,
)
from ca_trade.flows import (
    cited_country_totals,
    country_order,
    country_pairs,
    country_totals,
    flow_years,
    mirror_asymmetry,
    most_complete_year,
    pair_matrix,
    reporter_priority,
    side_values,
    year_values_table,
)
from ca_trade.format import format_usd_bn
from ca_trade.i18n import t
from ca_trade.present.common import country_names
from ca_trade.present.cutoff import cutoff_line_label, cutoff_note
from ca_trade.present.flows import (
    country_codes,
    flows_notes,
    pair_label,
    reporter_rule_intro,
    values_table_in_words,
)
from ca_trade.progress import headline_total_for_year
from ca_trade.ui.cache import bilateral, year_pair_values
from ca_trade.ui.chart_table import TABLE, chosen_tab
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import (
    escape_markdown,
    folded_section,
    small_note,
    source_column,
    trade_data_or_stop,
    with_number_marks,
)
from ca_trade.ui.data_status import current_cutoff
from ca_trade.ui.downloads import ChartData
from ca_trade.ui.figure_cache import cached
from ca_trade.ui.url_state import seed_choices, write_choices

SERIES_DEFAULT_PAIRS = 4  # pairs drawn over time before the user picks others
SOURCE_LINE = t("Bilateral statistics as cited in sources.csv (Central Asia Trade Target)")

data = trade_data_or_stop()
names = country_names(data.countries)
order = country_order(data.countries)
pairs_all = country_pairs(data.countries)
candidates, series, grid = bilateral()
years = flow_years(candidates)
default_year = most_complete_year(series)
CODES = country_codes(order, names)
cutoff = current_cutoff()
CUTOFF_NOTE = cutoff_note(cutoff)
source_titles = dict(
    zip(data.sources["source_id"].astype(str), data.sources["title"].astype(str), strict=True)
)


def flow_chart(
    build: Callable[[], go.Figure],
    settings: tuple[Hashable, ...],
    key: str,
    filename: str,
    data: ChartData,
    note: str = "",
    years: bool = False,
) -> None:
    """Show the chart `build` makes, stamped with the cut-off (a line at its date on a `years`
    axis), then `note`. Built once per data version, language and `settings` (what `build`
    depends on besides them)."""
    line = (cutoff.sources_up_to, cutoff_line_label()) if years else ()
    figure = cached(key, settings, lambda: with_cutoff(build(), CUTOFF_NOTE, *line))
    show_chart(figure, key=key, filename=filename, data=data, sources=SOURCE_LINE)
    if note:
        small_note(note)


st.title(t("Who trades with whom"), anchor=False)
intro = reporter_rule_intro(order, reporter_priority(data.countries), names)
st.markdown(escape_markdown(intro))

controls = st.columns([1, 2], gap="medium", vertical_alignment="bottom")
# A slider and buttons, not drop-down lists: they load no list widget's code before the page
# is ready, and every year and pair is in sight.
year = int(
    controls[0].select_slider(
        t("Year"),
        years,
        value=default_year,
        key="year",
        bind="query-params",
        help=t("By default, the year with the most pairs covered."),
    )
)
each_side = controls[1].toggle(
    t("Compare what each side reports"),
    key="sides",
    bind="query-params",
)

values = year_pair_values(year)
known = values[values["value_usd_m"].notna()]
headline = headline_total_for_year(data.trade_totals, data.sources, year)
metric_columns = st.columns(3)
metric_columns[0].metric(
    t("Pairs with a full-year value, {year}", year=year),
    t("{known} of {all}", known=len(known), all=len(values)),
    border=True,
)
metric_columns[1].metric(
    t("Sum of these pairs"),
    format_usd_bn(float(known["value_usd_m"].sum()) / 1000),
    help=t("Sum of the values in the matrix, USD billion; gaps count as nothing."),
    border=True,
)
metric_columns[2].metric(
    t("Official regional total, {year}", year=year),
    format_usd_bn(headline.value_usd_bn) if headline else t("none cited"),
    help=t("The headline figure officials cite for the five countries, for comparison."),
    border=True,
)


def sides_chart() -> go.Figure:
    """The matrix of what each side reports in the year chosen."""
    sides = side_values(candidates, data.countries, year)
    hover, notes = side_cell_texts(sides, names, year)
    side_title = t("What each country reports, {year}", year=year)
    return matrix_figure(sides, names, hover, notes, side_title, "", "")


def rule_chart() -> go.Figure:
    """The matrix of the year's values by the reporter rule."""
    matrix = pair_matrix(values, data.countries)
    hover, notes = rule_cell_texts(values, order, names, source_titles, year)
    matrix_title = t("Bilateral trade, {year}", year=year)
    return matrix_figure(matrix, names, hover, notes, matrix_title, "", "")


def asymmetry_chart() -> go.Figure:
    """The gap between the two sides of each pair in the year chosen."""
    asymmetry = mirror_asymmetry(candidates, data.countries, year)
    return asymmetry_figure(asymmetry, names, t("Mirror asymmetry, {year}", year=year))


def totals_chart() -> go.Figure:
    """Each country's trade with the other four in the year chosen, beside the cited totals."""
    totals = country_totals(values, data.countries)
    cited = cited_country_totals(data.trade_totals, data.countries, year)
    totals_title = t("Trade with the other four, {year}", year=year)
    return country_totals_figure(totals, cited, names, totals_title)


if chosen_tab("flows_tab") == TABLE:
    small_note(t("Values for {year} and their sources", year=year))
    table = cached(
        "values_table",
        (year,),
        lambda: values_table_in_words(
            year_values_table(data.trade_flows, data.sources, values, year), order, names
        ),
    )
    values_table = with_number_marks(table, {t("USD million"): 1})
    st.dataframe(
        values_table,
        hide_index=True,
        column_config={
            **source_column(),
            t("Note"): st.column_config.TextColumn(width="large"),
        },
        key="values_table",
    )
elif each_side:
    file = f"central-asia-trade-by-reporter-{year}"
    flow_chart(
        sides_chart,
        (year,),
        "sides_matrix",
        file,
        lambda: side_values(candidates, data.countries, year).reset_index(names="reporter"),
    )
    note = t(
        "Each row is the country whose statistics give the value; each column is its "
        "partner ({codes}). The gap is the difference between the two sides as a share of "
        "their average. Full-year values only.",
        codes=CODES,
    )
    flow_chart(
        asymmetry_chart,
        (year,),
        "asymmetry",
        f"central-asia-mirror-asymmetry-{year}",
        lambda: mirror_asymmetry(candidates, data.countries, year),
        note,
    )
else:
    note = t(
        "Each value appears twice, once for each country of the pair. Cells with a part of "
        "the year only show it as such; it is not added to any total. Columns: {codes}.",
        codes=CODES,
    )
    file = f"central-asia-bilateral-trade-{year}"
    flow_chart(rule_chart, (year,), "rule_matrix", file, values, note)

left, right = st.columns(2, gap="large")
with left:
    note = t(
        "Each country's arc is as long as its trade with the others shown in the matrix; "
        "each ribbon is one pair, as wide as its trade."
    )
    flow_chart(
        lambda: chord_figure(values, order, names, t("Trade between the pairs, {year}", year=year)),
        (year,),
        "chord",
        f"central-asia-trade-chord-{year}",
        values,
        note,
    )
with right:
    flow_chart(
        totals_chart,
        (year,),
        "country_totals",
        f"central-asia-country-totals-{year}",
        lambda: country_totals(values, data.countries),
    )

# The charts below the first screen are drawn only while their section is open (the URL keeps
# which are): closed, they cost a first visit nothing. A link that chose pairs or the log scale
# opens its section, as it showed the chart before the sections folded.
series_box = folded_section(
    t("Pairs over time"),
    "series",
    expanded=any(key in st.query_params for key in ("pairs", "log")),
)
if series_box.open:
    with series_box:
        latest_values = (
            series.dropna(subset=["value_usd_m"])
            .sort_values("year")
            .drop_duplicates(["country_a", "country_b"], keep="last")
            .sort_values("value_usd_m", ascending=False)
        )
        default_pairs = [
            (str(row["country_a"]), str(row["country_b"]))
            for row in latest_values.head(SERIES_DEFAULT_PAIRS).to_dict("records")
        ]
        # In the URL a pair is its two ISO codes, e.g. ?pairs=KAZ-UZB, whatever the language.
        pair_codes = {f"{a}-{b}": (a, b) for a, b in pairs_all}
        default_codes = [f"{a}-{b}" for a, b in default_pairs]
        seed_choices("pairs", list(pair_codes), default_codes)
        chosen_codes = st.pills(
            t("Pairs"),
            list(pair_codes),
            selection_mode="multi",
            format_func=lambda code: pair_label(*pair_codes[code], names),
            key="pairs",
        )
        write_choices("pairs", chosen_codes, default_codes)
        chosen = [pair_codes[code] for code in chosen_codes]
        log_scale = st.toggle(
            t("Logarithmic scale (compares growth of small and large pairs)"),
            key="log",
            bind="query-params",
        )
        series_title = t("Trade by pair, full years")
        note = t(
            "Each year takes the value the reporter rule picks, so the reporter can change from "
            "one year to the next (hover to see it). Years without a full-year value are left "
            "as gaps in the line."
        )
        file = "central-asia-bilateral-trade-by-pair"
        flow_chart(
            lambda: pair_series_figure(series, chosen, pairs_all, names, series_title, log_scale),
            (tuple(chosen), log_scale),
            "pair_series",
            file,
            series,
            note,
            years=True,
        )

coverage_box = folded_section(t("Data coverage"), "coverage")
if coverage_box.open:
    with coverage_box:
        coverage_title = t("Values found, by pair and year")
        note = t(
            "An empty cell is a gap: no value was found for that pair and year. Pairs: {codes}.",
            codes=CODES,
        )
        file = "central-asia-trade-data-coverage"
        flow_chart(
            lambda: coverage_figure(grid, pairs_all, names, year, coverage_title),
            (year,),
            "coverage_grid",
            file,
            grid,
            note,
            years=True,
        )

st.header(t("Notes"))
st.markdown("\n".join(f"- {escape_markdown(note)}" for note in flows_notes()))
