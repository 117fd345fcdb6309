"""Trade flows page: who trades with whom, by whose statistics, and what is missing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ca_trade.charts.flows import (
    asymmetry_figure,
    chord_figure,
    country_totals_figure,
    coverage_figure,
    matrix_figure,
    months_label,
    pair_series_figure,
    reporter_name,
    rule_cell_texts,
    side_cell_texts,
)
from ca_trade.flows import (
    cited_country_totals,
    country_order,
    country_pairs,
    country_totals,
    coverage,
    flow_years,
    mirror_asymmetry,
    most_complete_year,
    pair_label,
    pair_matrix,
    pair_series,
    pair_values,
    reporter_priority,
    side_values,
    turnover_candidates,
    year_values_table,
)
from ca_trade.format import format_usd_bn
from ca_trade.i18n import localized, t
from ca_trade.progress import headline_total_for_year
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import escape_markdown, trade_data_or_stop, with_number_marks
from ca_trade.ui.url_state import seed_choices, write_choices

SERIES_DEFAULT_PAIRS = 4  # pairs drawn over time before the user picks others
SOURCE_LINE = t("Bilateral statistics as cited in sources.csv (Central Asia Trade Target)")

data = trade_data_or_stop()
names = dict(
    zip(data.countries["iso3"].astype(str), localized(data.countries, "name"), strict=True)
)
order = country_order(data.countries)
pairs_all = country_pairs(data.countries)
candidates = turnover_candidates(data.trade_flows, data.countries)
years = flow_years(candidates)
series = pair_series(candidates, data.countries)
default_year = most_complete_year(series)
CODES = ", ".join(f"{code} {names[code]}" for code in order)
source_titles = dict(
    zip(data.sources["source_id"].astype(str), data.sources["title"].astype(str), strict=True)
)


def small_note(text: str) -> None:
    """Show a note in small type, in the body colour (captions are too faint to read well)."""
    st.markdown(f":small[{escape_markdown(text)}]")


st.title(t("Who trades with whom"))
priority = reporter_priority(data.countries)
ranked = sorted(priority, key=lambda code: priority[code])
never = [code for code in order if code not in priority]
intro = t(
    "Bilateral trade (exports plus imports) between the five countries, in USD million. "
    "The two sides of a pair often report different values, so each cell takes one "
    "reporter: the first of {ranked} that reports the pair, else its partner.",
    ranked=" > ".join(names[code] for code in ranked),
)
if never:
    intro += " " + t(
        "{never} publishes no trade by partner, so its pairs use the partner's figures.",
        never=", ".join(names[code] for code in never),
    )
st.markdown(escape_markdown(intro))

controls = st.columns([1, 2], gap="large", vertical_alignment="bottom")
year = controls[0].selectbox(
    t("Year"),
    years,
    index=years.index(default_year),
    format_func=str,
    key="year",
    bind="query-params",
    help=t("By default, the year with the most pairs covered."),
)
year = int(year if year is not None else default_year)
each_side = controls[1].toggle(
    t("Compare what each side reports"),
    key="sides",
    bind="query-params",
)

values = pair_values(candidates, data.countries, year)
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

if each_side:
    sides = side_values(candidates, data.countries, year)
    hover, notes = side_cell_texts(sides, names, year)
    side_title = t("What each country reports, {year}", year=year)
    matrix_chart = matrix_figure(sides, names, hover, notes, side_title, "", "")
    show_chart(
        matrix_chart,
        key="sides_matrix",
        filename=f"central-asia-trade-by-reporter-{year}",
        data=sides.reset_index(names="reporter"),
        sources=SOURCE_LINE,
    )
    asymmetry = mirror_asymmetry(candidates, data.countries, year)
    gap_title = t("Mirror asymmetry, {year}", year=year)
    gap_chart = asymmetry_figure(asymmetry, names, gap_title)
    show_chart(
        gap_chart,
        key="asymmetry",
        filename=f"central-asia-mirror-asymmetry-{year}",
        data=asymmetry,
        sources=SOURCE_LINE,
    )
    small_note(
        t(
            "Each row is the country whose statistics give the value; each column is its "
            "partner ({codes}). The gap is the difference between the two sides as a share of "
            "their average. Full-year values only.",
            codes=CODES,
        )
    )
else:
    matrix = pair_matrix(values, data.countries)
    hover, notes = rule_cell_texts(values, order, names, source_titles, year)
    matrix_title = t("Bilateral trade, {year}", year=year)
    matrix_chart = matrix_figure(matrix, names, hover, notes, matrix_title, "", "")
    show_chart(
        matrix_chart,
        key="rule_matrix",
        filename=f"central-asia-bilateral-trade-{year}",
        data=values,
        sources=SOURCE_LINE,
    )
    small_note(
        t(
            "Each value appears twice, once for each country of the pair. Cells with a part of "
            "the year only show it as such; it is not added to any total. Columns: {codes}.",
            codes=CODES,
        )
    )

left, right = st.columns(2, gap="large")
with left:
    chord_title = t("Trade between the pairs, {year}", year=year)
    chord = chord_figure(values, order, names, chord_title)
    show_chart(
        chord,
        key="chord",
        filename=f"central-asia-trade-chord-{year}",
        data=values,
        sources=SOURCE_LINE,
    )
    small_note(
        t(
            "Each country's arc is as long as its trade with the others shown in the matrix; "
            "each ribbon is one pair, as wide as its trade."
        )
    )
with right:
    totals = country_totals(values, data.countries)
    cited = cited_country_totals(data.trade_totals, data.countries, year)
    totals_title = t("Trade with the other four, {year}", year=year)
    totals_chart = country_totals_figure(totals, cited, names, totals_title)
    show_chart(
        totals_chart,
        key="country_totals",
        filename=f"central-asia-country-totals-{year}",
        data=totals,
        sources=SOURCE_LINE,
    )

st.header(t("Pairs over time"))
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
chosen_codes = st.multiselect(
    t("Pairs"),
    list(pair_codes),
    format_func=lambda code: pair_label(*pair_codes[code], names),
    key="pairs",
    placeholder=t("Choose pairs to compare"),
)
write_choices("pairs", chosen_codes, default_codes)
chosen = [pair_codes[code] for code in chosen_codes]
log_scale = st.toggle(
    t("Logarithmic scale (compares growth of small and large pairs)"),
    key="log",
    bind="query-params",
)
series_title = t("Trade by pair, full years")
series_chart = pair_series_figure(series, chosen, pairs_all, names, series_title, log_scale)
show_chart(
    series_chart,
    key="pair_series",
    filename="central-asia-bilateral-trade-by-pair",
    data=series,
    sources=SOURCE_LINE,
)
small_note(
    t(
        "Each year takes the value the reporter rule picks, so the reporter can change from "
        "one year to the next (hover to see it). Years without a full-year value are left "
        "as gaps in the line."
    )
)

st.header(t("Data coverage"))
grid = coverage(candidates, data.countries)
coverage_title = t("Values found, by pair and year")
coverage_chart = coverage_figure(grid, pairs_all, names, year, coverage_title)
show_chart(
    coverage_chart,
    key="coverage",
    filename="central-asia-trade-data-coverage",
    data=grid,
    sources=SOURCE_LINE,
)
small_note(t("An empty cell is a gap: no value was found for that pair and year."))

st.header(t("Values for {year} and their sources", year=year))
table = year_values_table(data.trade_flows, data.sources, values, year)
qualifier_text = {"exact": t("exact"), "approximate": t("about"), "lower_bound": t("more than")}
values_table = with_number_marks(
    pd.DataFrame(
        {
            t("Pair"): [
                pair_label(first, second, names)
                for first, second in (
                    sorted((str(c), str(p)), key=order.index)
                    for c, p in zip(table["country"], table["partner"], strict=True)
                )
            ],
            t("Reported by"): [reporter_name(r, names) for r in table["reporter"]],
            t("What"): [
                t("turnover")
                if f == "turnover"
                else t("exports of {country}", country=names[str(c)])
                if f == "export"
                else t("imports of {country}", country=names[str(c)])
                for f, c in zip(table["flow"], table["country"], strict=True)
            ],
            t("Period"): [
                months_label(int(m))
                if m == 12
                else t("{months} (part of the year)", months=months_label(int(m)))
                for m in table["months"]
            ],
            t("USD million"): table["value_usd_m"].to_list(),
            t("Stated as"): [qualifier_text[str(q)] for q in table["qualifier"]],
            t("In the matrix"): [
                t("yes") if used else t("shown as part-year") if partial else t("no")
                for used, partial in zip(table["used"], table["partial_shown"], strict=True)
            ],
            t("Source"): table["source_url"].to_list(),
            t("Note"): table["note"].to_list(),
        }
    ),
    {t("USD million"): 1},
)
st.dataframe(
    values_table,
    hide_index=True,
    column_config={
        t("Source"): st.column_config.LinkColumn(t("Source"), display_text=t("open")),
        t("Note"): st.column_config.TextColumn(width="large"),
    },
    key="values_table",
)

st.header(t("Notes"))
st.markdown(
    "\n".join(
        f"- {escape_markdown(note)}"
        for note in [
            t(
                "Where a reporter gives several values for a year, a stated turnover beats "
                "one added up from exports and imports, an exact figure beats an 'about' or a "
                "'more than', and a precise figure beats a rounded one."
            ),
            t(
                "Mirror asymmetry: one country's exports rarely equal its partner's imports "
                "(timing, valuation, transit, unrecorded trade). Switch on 'Compare what each side "
                "reports' to see both."
            ),
            t(
                "Values for part of a year (for example January to October) are never mixed "
                "with full-year values: they appear only where no full-year value exists, "
                "labelled with the months they cover."
            ),
            t(
                "The sum of the pairs differs from the official regional total because of "
                "gaps, the reporter chosen, and what each total includes (goods, services)."
            ),
            t("Unit: USD million, current prices."),
        ]
    )
)
