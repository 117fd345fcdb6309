"""Projects page: the joint infrastructure projects on a map, their cards, a table and a timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from ca_trade.charts.projects_map import projects_map_figure, trade_shading_note
from ca_trade.charts.projects_timeline import projects_timeline_figure
from ca_trade.format import format_number
from ca_trade.i18n import localized, t
from ca_trade.present.projects import (
    ProjectCard,
    country_name,
    format_day,
    named_timeline_rows,
    project_card,
    project_table,
    status_label,
    type_label,
    unplaced_names,
)
from ca_trade.projects import (
    PROJECT_TYPES,
    STATUSES,
    country_trade_with_region,
    filter_projects,
    status_counts,
    trade_year_for,
    with_status_in_year,
    year_range,
)
from ca_trade.ui.charts import chart_config, show_chart
from ca_trade.ui.common import escape_markdown, trade_data_or_stop, with_number_marks
from ca_trade.ui.downloads import chart_downloads
from ca_trade.ui.url_state import seed_choice, seed_choices, write_choice, write_choices

PROJECT_KEY = "project"
MAP_KEY = "projects_map"
TABLE_KEY = "projects_table"
TABLE_COLUMNS = [
    "name", "type", "status", "countries", "start_year", "completion_year",
    "capacity", "cost_usd_bn", "source_url", "source_count",
]  # fmt: skip


def small_note(text: str) -> None:
    """Show a note in small type, in the body colour (captions are too faint to read well)."""
    st.markdown(f":small[{escape_markdown(text)}]")


def link_target(url: str) -> str:
    """Return `url` safe inside a Markdown link: spaces and parentheses percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def select_from_map() -> None:
    """Show the card of the project clicked on the map (its id is the point's customdata)."""
    points = st.session_state[MAP_KEY].selection.points
    for point in points:
        project_id = point.get("customdata")
        if isinstance(project_id, list):
            project_id = project_id[0] if project_id else None
        if isinstance(project_id, str) and project_id:
            st.session_state[PROJECT_KEY] = project_id
            return


def select_from_table(project_ids: Sequence[str]) -> None:
    """Show the card of the project whose table row was selected."""
    rows = st.session_state[TABLE_KEY].selection.rows
    if rows and rows[0] < len(project_ids):
        st.session_state[PROJECT_KEY] = project_ids[rows[0]]


def show_card(card: ProjectCard, shown_year: int, status_in_year: str | None) -> None:
    """Render a project's card: key figures as metrics, then texts, caveats and sources in tabs."""
    with st.container(border=True, key="project_card"):
        st.subheader(escape_markdown(card.name), anchor=False)
        st.markdown(
            f":blue-badge[{card.type_label}] :orange-badge[{card.status_label}] "
            + " ".join(f":gray-badge[{name}]" for name in card.countries)
        )
        small_note(
            t(
                "Status: {status}, as of {day}.",
                status=card.status_label,
                day=card.status_day,
            )
        )
        if status_in_year is not None and status_in_year != card.facts.status:
            small_note(
                t(
                    "In {year} it counts as: {status} (from its start and completion years).",
                    year=shown_year,
                    status=status_label(status_in_year),
                )
            )
        dash = "–"
        with st.container(horizontal=True, key="project_card_numbers", gap="medium"):
            st.metric(
                t("Capacity"),
                card.capacity or dash,
                help=card.capacity_unit,
                width="content",
            )
            st.metric(
                t("Cost"),
                card.cost or dash,
                help=t("Where a source states a cost in US dollars; ranges are in the notes."),
                width="content",
            )
            st.metric(
                t("Start"),
                str(card.facts.start_year) if card.facts.start_year else dash,
                width="content",
            )
            st.metric(
                t("Completion"),
                str(card.facts.completion_year) if card.facts.completion_year else dash,
                help=t("Achieved or planned."),
                width="content",
            )
        if card.length:
            small_note(t("Length: {length}.", length=card.length))
        about, sources, caveats = st.tabs(
            [
                t("About"),
                t("Sources ({count})", count=format_number(len(card.sources), 0)),
                t("Caveats"),
            ]
        )
        with about:
            st.markdown(escape_markdown(card.description))
            st.markdown(
                "**"
                + t("Why it matters for trade in the region")
                + "**  \n"
                + escape_markdown(card.trade_relevance)
            )
            if card.partners:
                st.markdown(
                    "**" + t("Partners and financing") + "**  \n" + escape_markdown(card.partners)
                )
        with sources:
            if card.sources:
                st.markdown(
                    "\n".join(
                        "- "
                        + t(
                            "[{title}]({url}), {publisher}{date}",
                            title=escape_markdown(source.title),
                            url=link_target(source.url),
                            publisher=escape_markdown(source.publisher),
                            date=f", {format_day(source.published)}" if source.published else "",
                        )
                        for source in card.sources
                    )
                )
            else:
                st.markdown(t("No source is recorded for this project."))
        with caveats:
            where = []
            if card.facts.latitude is not None and card.facts.longitude is not None:
                if card.facts.coordinates_approximate:
                    where.append(
                        t(
                            "The marker is approximate: the exact site is not published, so a "
                            "nearby place stands in ({source}).",
                            source=card.coord_source or t("source not stated"),
                        )
                    )
                else:
                    where.append(
                        t(
                            "The marker is at the published site ({source}).",
                            source=card.coord_source or t("source not stated"),
                        )
                    )
            if card.facts.has_route:
                where.append(
                    t(
                        "The line joins named places on the route; it is not the surveyed "
                        "alignment. The marker sits at a middle point of the route."
                    )
                )
            if card.facts.latitude is None and not card.facts.has_route:
                where.append(t("This project has no place on the map."))
            st.markdown(escape_markdown(" ".join(where)))
            if card.note:
                st.markdown(
                    "**"
                    + t("Ranges, conflicts and open questions")
                    + "**  \n"
                    + escape_markdown(card.note)
                )


data = trade_data_or_stop()
projects = data.projects
first_year, last_year = year_range(projects)
this_year = date.today().year

st.title(t("Joint infrastructure projects"), anchor=False)
st.markdown(
    t(
        "The dams, pipelines, power lines, railways, roads, ports and border hubs meant to raise "
        "trade among the five countries: where they are, what stage they are at, and when they "
        "are due. Click a project on the map, or pick it from the list, to see its details and "
        "sources."
    )
)

types_present = [p for p in PROJECT_TYPES if (projects["type"] == p).any()]
country_codes = [str(code) for code in data.countries["iso3"]]
filters = st.columns([1, 1, 1, 1.3])
seed_choices("type", types_present)
seed_choices("status", list(STATUSES))
seed_choices("country", country_codes)
chosen_types = filters[0].multiselect(
    t("Type"),
    types_present,
    format_func=type_label,
    placeholder=t("All types"),
    key="type",
)
chosen_statuses = filters[1].multiselect(
    t("Status"),
    list(STATUSES),
    format_func=status_label,
    placeholder=t("All statuses"),
    key="status",
)
chosen_countries = filters[2].multiselect(
    t("Country"),
    country_codes,
    format_func=lambda code: country_name(code, data.countries),
    placeholder=t("All five countries"),
    key="country",
)
year = int(
    filters[3].slider(
        t("Projects as they stand in"),
        min_value=first_year,
        max_value=last_year,
        value=min(max(this_year, first_year), last_year),
        step=1,
        key="year",
        bind="query-params",
        help=t(
            "A project completed (or due to be completed) by this year counts as operational; "
            "one that starts later counts as planned. The countries are shaded by their trade "
            "in this year, or the latest earlier year with data."
        ),
    )
)

write_choices("type", chosen_types)
write_choices("status", chosen_statuses)
write_choices("country", chosen_countries)

shown = filter_projects(
    projects,
    year=year,
    types=chosen_types,
    statuses=chosen_statuses,
    countries=chosen_countries,
)
counts = status_counts(shown)
numbers = st.container(horizontal=True, key="project_numbers", gap="medium")
numbers.metric(
    t("Projects shown"),
    t(
        "{shown} of {total}",
        shown=format_number(len(shown), 0),
        total=format_number(len(projects), 0),
    ),
    width="content",
)
numbers.metric(
    t("Operational in {year}", year=year),
    format_number(counts["operational"] + counts["partially_operational"], 0),
    help=t("Fully or partly operational, counting projects due to be completed by then."),
    width="content",
)
numbers.metric(
    t("Under construction in {year}", year=year),
    format_number(counts["under_construction"], 0),
    width="content",
)
numbers.metric(
    t("Planned or suspended in {year}", year=year),
    format_number(counts["planned"] + counts["suspended"], 0),
    width="content",
)

names = dict(zip(projects["project_id"].astype(str), localized(projects, "name"), strict=True))
project_ids = sorted(names, key=lambda pid: names[pid].casefold())

map_column, card_column = st.columns([3, 2], gap="medium")
with card_column:
    seed_choice(PROJECT_KEY, project_ids, None)
    selected = st.selectbox(
        t("Project"),
        project_ids,
        format_func=lambda pid: names.get(pid, pid),
        placeholder=t("Choose a project, or click one on the map"),
        key=PROJECT_KEY,
    )
    write_choice(PROJECT_KEY, selected, None)
    if selected is not None:
        in_year = with_status_in_year(projects[projects["project_id"] == selected], year)
        card = project_card(
            str(selected),
            projects,
            data.project_routes,
            data.project_sources,
            data.sources,
            data.countries,
        )
        if selected not in set(shown["project_id"]):
            st.info(t("This project is outside the current filters, so the map does not show it."))
        show_card(card, year, str(in_year["status_as_of"].iloc[0]))
    else:
        st.info(
            t(
                "Click a marker on the map (every route has one at its middle), pick a project "
                "above, or select a row in the table below to see its capacity, cost, partners, "
                "dates and sources."
            ),
            icon=":material/touch_app:",
        )

trade_year = trade_year_for(data.trade_flows, data.countries, year)
country_trade = country_trade_with_region(
    data.trade_flows, data.countries, trade_year if trade_year is not None else year
)
if trade_year is None:
    country_trade = country_trade.assign(complete=False)
with map_column:
    figure = projects_map_figure(
        shown,
        data.project_routes,
        data.countries,
        country_trade,
        trade_year=trade_year,
        selected=None if selected is None else str(selected),
        title=t("Projects as they stand in {year}", year=year),
        zoom=bool(chosen_types or chosen_statuses or chosen_countries),
    )
    config: dict[str, Any] = {**chart_config("central-asia-projects-map"), "scrollZoom": False}
    st.plotly_chart(
        figure,
        theme=None,
        key=MAP_KEY,
        config=config,
        width="stretch",
        on_select=select_from_map,
        selection_mode="points",
    )
    table = project_table(shown, data.project_sources, data.sources, data.countries)
    chart_downloads(
        figure,
        title="central-asia-projects-map",
        data=table,
        sources=t(
            "Projects: Central Asia Trade Target data package (projects.csv, sources.csv); "
            "basemap: Natural Earth"
        ),
        key=f"{MAP_KEY}_download",
    )
    small_note(trade_shading_note(country_trade, data.countries, trade_year, year))
    small_note(
        t(
            "Borders (Natural Earth) are for orientation only and imply no view on any boundary. "
            "Where a project's site is not published, its marker sits at a nearby town; lines "
            "join named places and are not surveyed routes. The project's details say which."
        )
    )

if shown.empty:
    st.info(t("No project matches these filters. Clear a filter to see more."))
else:
    st.subheader(t("The projects shown"), anchor=False)
    table_ids = [str(pid) for pid in table["project_id"]]
    st.dataframe(
        with_number_marks(table, {"cost_usd_bn": 2}),
        hide_index=True,
        placeholder="–",
        column_order=TABLE_COLUMNS,
        column_config={
            "name": st.column_config.TextColumn(t("Project"), width="large"),
            "type": st.column_config.TextColumn(t("Type")),
            "status": st.column_config.TextColumn(t("Status in {year}", year=year)),
            "countries": st.column_config.TextColumn(t("Countries"), width="medium"),
            "start_year": st.column_config.NumberColumn(t("Start"), format="%d"),
            "completion_year": st.column_config.NumberColumn(t("Completion"), format="%d"),
            "capacity": st.column_config.TextColumn(t("Capacity")),
            "cost_usd_bn": st.column_config.NumberColumn(
                t("Cost, USD bn"), help=t("Where a source states a cost in USD.")
            ),
            "source_url": st.column_config.LinkColumn(
                t("Latest source"), display_text=r"https?://(?:www\.)?([^/]+)"
            ),
            "source_count": st.column_config.NumberColumn(t("Sources"), format="%d"),
        },
        key=TABLE_KEY,
        on_select=partial(select_from_table, table_ids),
        selection_mode="single-row",
    )
    small_note(t("Select a row to see the project's details above."))
    unplaced = unplaced_names(shown, data.project_routes)
    if unplaced:
        small_note(
            t(
                "Not on the map, having no single site or route: {names}.",
                names="; ".join(unplaced),
            )
        )

    st.subheader(t("Timeline"), anchor=False)
    rows = named_timeline_rows(shown)
    if rows.empty:
        st.info(t("None of the projects shown has a start year."))
    else:
        show_chart(
            projects_timeline_figure(
                rows,
                current_year=this_year,
                as_of_year=year,
                selected=None if selected is None else str(selected),
            ),
            key="projects_timeline",
            filename="central-asia-projects-timeline",
            data=rows,
        )
        missing_start = len(shown) - len(rows)
        if missing_start:
            small_note(
                t(
                    "{count} of the projects shown have no start year and are not on the timeline.",
                    count=format_number(missing_start, 0),
                )
            )
