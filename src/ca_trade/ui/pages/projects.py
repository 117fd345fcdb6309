"""Projects page: the joint infrastructure projects on a map, their cards, a table and a timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from ca_trade.charts.projects_map import projects_map_figure
from ca_trade.charts.projects_map_layout import (
    DEFAULT_VIEW,
    VIEWS,
    MapView,
    view_for_project,
)
from ca_trade.charts.projects_map_trade import trade_shading_note
from ca_trade.charts.projects_timeline import projects_timeline_figure
from ca_trade.format import format_number
from ca_trade.i18n import localized, t
from ca_trade.present.projects import (
    country_name,
    named_timeline_rows,
    project_card,
    project_table,
    status_label,
    type_label,
    unplaced_names,
    view_label,
)
from ca_trade.projects import (
    PROJECT_TYPES,
    STATUSES,
    filter_projects,
    map_trade,
    status_counts,
    with_status_in_year,
    year_range,
)
from ca_trade.ui.chart_table import MAP, TABLE, TIMELINE, chosen_tab
from ca_trade.ui.charts import chart_config, show_chart
from ca_trade.ui.common import small_note, trade_data_or_stop, with_number_marks
from ca_trade.ui.downloads import chart_downloads
from ca_trade.ui.figure_cache import cached
from ca_trade.ui.project_card import show_card
from ca_trade.ui.url_state import seed_choice, seed_choices, write_choice, write_choices
from ca_trade.ui.viewport import is_narrow

PROJECT_KEY = "project"
VIEW_KEY = "view"
ZOOM_KEY = "map_zoom"
PAN_KEYS = ("map_pan_x", "map_pan_y")
FOCUS_KEY = "map_focus"
MAP_KEY = "projects_map"
TABLE_KEY = "projects_table"
TAB_KEY = "projects_tab"
TABLE_COLUMNS = [
    "name", "type", "status", "countries", "start_year", "completion_year",
    "capacity", "cost_usd_bn", "source_url", "source_count",
]  # fmt: skip


def select_from_map(project_ids: Sequence[str]) -> None:
    """Show the card of the project clicked on the map (its id is the point's customdata)."""
    points = st.session_state[MAP_KEY].selection.points
    for point in points:
        project_id = point.get("customdata")
        if isinstance(project_id, list):
            project_id = project_id[0] if project_id else None
        if project_id in project_ids:
            st.session_state[PROJECT_KEY] = project_id
            return
        if isinstance(project_id, str) and project_id.startswith("@"):
            focus_on(project_id[1:])
            return


def focus_on(point: str) -> None:
    """Zoom in two steps on a cluster's point ('lon,lat' in degrees), clicked on the map."""
    lon, lat = (float(part) for part in point.split(","))
    st.session_state[FOCUS_KEY] = (lon, lat)
    st.session_state[ZOOM_KEY] = st.session_state.get(ZOOM_KEY, 0) + 2
    for key in PAN_KEYS:
        st.session_state[key] = 0


def select_from_table(project_ids: Sequence[str]) -> None:
    """Show the card of the project whose table row was selected."""
    rows = st.session_state[TABLE_KEY].selection.rows
    if rows and rows[0] < len(project_ids):
        st.session_state[PROJECT_KEY] = project_ids[rows[0]]


def reset_zoom() -> None:
    """Start a newly chosen view unzoomed and centred."""
    st.session_state[ZOOM_KEY] = 0
    st.session_state[FOCUS_KEY] = None
    for key in PAN_KEYS:
        st.session_state[key] = 0


def step_zoom(zoom: int = 0, east: int = 0, north: int = 0) -> None:
    """Zoom the map in (out if negative) and move it, by whole steps, from the buttons."""
    st.session_state[ZOOM_KEY] = min(max(st.session_state.get(ZOOM_KEY, 0) + zoom, -2), 5)
    st.session_state[PAN_KEYS[0]] = st.session_state.get(PAN_KEYS[0], 0) + east
    st.session_state[PAN_KEYS[1]] = st.session_state.get(PAN_KEYS[1], 0) + north


def zoom_to(view: str) -> None:
    """Show the map, in the named view that holds the selected project (the card's button)."""
    st.session_state[TAB_KEY] = MAP
    st.session_state[VIEW_KEY] = view
    reset_zoom()


def view_pills(countries: pd.DataFrame) -> None:
    """Show a button per named view; the chosen one is the map's (a phone has them below it)."""
    # Names looked up once per language, not for every button on every run.
    labels = cached(
        "projects_view_labels", (), lambda: {v: view_label(v, countries) for v in VIEWS}
    )
    st.pills(
        t("Map view"),
        list(VIEWS),
        format_func=labels.__getitem__,
        key=VIEW_KEY,
        on_change=reset_zoom,
        required=True,
        label_visibility="collapsed",
    )


def projects_table(table: pd.DataFrame, year: int) -> None:
    """Show the projects shown as a table; selecting a row shows its card."""
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
    small_note(t("Select a row to see the project's details below."))


def projects_timeline(shown: pd.DataFrame, year: int, selected: str | None) -> None:
    """Show the projects shown from start to completion, the selected one marked."""
    rows = named_timeline_rows(shown)
    if rows.empty:
        st.info(t("None of the projects shown has a start year."))
    else:
        show_chart(
            projects_timeline_figure(
                rows,
                current_year=this_year,
                as_of_year=year,
                selected=selected,
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


def trade_shading(year: int) -> tuple[int | None, pd.DataFrame, str]:
    """The year whose trade shades the countries (None: no year with data), that trade, and the
    note saying so."""
    trade_year, country_trade = map_trade(data.trade_flows, data.countries, year)
    return (
        trade_year,
        country_trade,
        trade_shading_note(country_trade, data.countries, trade_year, year),
    )


# First, so that on a phone the window's width (and the rerun that draws the map for it)
# arrives as early as possible in the page's first run.
narrow = is_narrow()
data = trade_data_or_stop()
projects = data.projects
first_year, last_year = year_range(projects)
this_year = date.today().year

st.title(t("Joint infrastructure projects"), anchor=False)
types_present = [p for p in PROJECT_TYPES if (projects["type"] == p).any()]
country_codes = [str(code) for code in data.countries["iso3"]]
# The choice of view and the filters are, on a phone, below the map with the map's views, so
# that the map fills a phone's first screen; the URL keeps every choice. The filters sit in a
# popover, whose content the browser draws only when it is opened (a folded expander's is drawn).
above, map_box, below = st.container(), st.container(), st.container()
with below if narrow else above:
    tab = chosen_tab(TAB_KEY, (MAP, TIMELINE, TABLE))
with (
    below if narrow else above,
    st.popover(
        t("Filter by type, status and country; choose the year"),
        icon=":material/filter_list:",
        key="filters",
        width="stretch",
    ),
):
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
        format_func=cached(
            "projects_country_names",
            (),
            lambda: {code: country_name(code, data.countries) for code in country_codes},
        ).__getitem__,
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

# What the filters and the year choose; results below are built once per these (and the data
# version and language), so a visitor's first run of the default view is mostly cache hits.
choice = (year, tuple(chosen_types), tuple(chosen_statuses), tuple(chosen_countries))
shown = cached(
    "projects_shown",
    choice,
    lambda: filter_projects(
        projects,
        year=year,
        types=chosen_types,
        statuses=chosen_statuses,
        countries=chosen_countries,
    ),
)
names = dict(zip(projects["project_id"].astype(str), localized(projects, "name"), strict=True))
project_ids = sorted(names, key=lambda pid: names[pid].casefold())

seed_choice(VIEW_KEY, list(VIEWS), DEFAULT_VIEW)
view_name = st.session_state[VIEW_KEY] if st.session_state[VIEW_KEY] in VIEWS else DEFAULT_VIEW
write_choice(VIEW_KEY, view_name, DEFAULT_VIEW)
seed_choice(PROJECT_KEY, project_ids, None)
selected = st.session_state.get(PROJECT_KEY)
table = cached(
    "projects_table",
    choice,
    lambda: project_table(shown, data.project_sources, data.sources, data.countries),
)
if tab in (TABLE, TIMELINE):
    if not shown.empty:  # else the page says below that no project matches
        with map_box:
            if tab == TABLE:
                projects_table(table, year)
            else:
                projects_timeline(shown, year, selected)
else:
    trade_year, country_trade, shading_note = cached(
        "projects_trade", (year,), lambda: trade_shading(year)
    )
    if not narrow:
        with above:
            view_pills(data.countries)
    view = MapView(
        name=view_name,
        narrow=narrow,
        zoom=int(st.session_state.get(ZOOM_KEY, 0)),
        pan_x=int(st.session_state.get(PAN_KEYS[0], 0)),
        pan_y=int(st.session_state.get(PAN_KEYS[1], 0)),
        centre=st.session_state.get(FOCUS_KEY),
    )
    mark = None if selected is None else str(selected)
    figure = cached(
        "projects_map",
        (*choice, mark, view),
        lambda: projects_map_figure(
            shown,
            data.project_routes,
            data.countries,
            country_trade,
            trade_year=trade_year,
            selected=mark,
            title=t("Projects as they stand in {year}", year=year),
            view=view,
            shown_year=year,
        ),
    )
    with map_box:
        config: dict[str, Any] = {**chart_config("central-asia-projects-map"), "scrollZoom": True}
        st.plotly_chart(
            figure,
            theme=None,
            key=MAP_KEY,
            config=config,
            width="stretch",
            on_select=partial(select_from_map, project_ids),
            selection_mode="points",
        )
        if narrow:
            view_pills(data.countries)
        with st.container(horizontal=True, key="map_zoom_buttons", gap="small"):
            for label, icon, key, step in [
                (t("Zoom in"), ":material/zoom_in:", "map_zoom_in", {"zoom": 1}),
                (t("Zoom out"), ":material/zoom_out:", "map_zoom_out", {"zoom": -1}),
                (t("West"), ":material/west:", "map_pan_west", {"east": -1}),
                (t("North"), ":material/north:", "map_pan_north", {"north": 1}),
                (t("South"), ":material/south:", "map_pan_south", {"north": -1}),
                (t("East"), ":material/east:", "map_pan_east", {"east": 1}),
            ]:
                st.button(
                    label, icon=icon, key=key, on_click=step_zoom, kwargs=step, type="tertiary"
                )
            st.button(
                t("Reset"),
                icon=":material/fit_screen:",
                key="map_reset",
                on_click=reset_zoom,
                type="tertiary",
            )
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
    small_note(shading_note)
    small_note(
        t(
            "Borders (Natural Earth) are for orientation only and imply no view on any boundary. "
            "Where several projects share a place, their markers are spread around it, each joined "
            "by a thin line to its true point. Where a project's site is not published, its marker "
            "sits at a nearby town; lines join named places and are not surveyed routes. The "
            "project's details say which."
        )
    )

    unplaced = cached(
        "projects_unplaced", choice, lambda: unplaced_names(shown, data.project_routes)
    )
    if unplaced:
        small_note(
            t(
                "Not on the map, having no single site or route: {names}.",
                names="; ".join(unplaced),
            )
        )

st.markdown(
    t(
        "The dams, pipelines, power lines, railways, roads, ports and border hubs meant to raise "
        "trade among the five countries: where they are, what stage they are at, and when they "
        "are due. Click a project on the map, or pick it from the list, to see its details and "
        "sources."
    )
)

counts = status_counts(shown)
numbers: list[tuple[str, str | int, str | None]] = [
    (
        t("Projects shown"),
        t(
            "{shown} of {total}",
            shown=format_number(len(shown), 0),
            total=format_number(len(projects), 0),
        ),
        None,
    ),
    (
        t("Operational in {year}", year=year),
        counts["operational"] + counts["partially_operational"],
        t("Fully or partly operational, counting projects due to be completed by then."),
    ),
    (t("Under construction in {year}", year=year), counts["under_construction"], None),
    (t("Planned or suspended in {year}", year=year), counts["planned"] + counts["suspended"], None),
]
with st.container(horizontal=True, key="project_numbers", gap="medium"):
    for label, value, note in numbers:
        text = value if isinstance(value, str) else format_number(value, 0)
        st.metric(label, text, help=note, width="content")

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
    placed = card.facts.has_route or card.facts.latitude is not None
    show_card(
        card,
        shown_year=year,
        status_in_year=str(in_year["status_as_of"].iloc[0]),
        current_year=this_year,
        on_zoom=partial(zoom_to, view_for_project(str(selected), projects, data.project_routes))
        if placed
        else None,
    )
else:
    st.info(
        t(
            "Click a marker or a line on the map, pick a project above, or select a row in the "
            "Table view to see its capacity, cost, partners, dates and sources."
        ),
        icon=":material/touch_app:",
    )

if shown.empty:
    st.info(t("No project matches these filters. Clear a filter to see more."))
