"""Map of the projects: sites, routes, and the five countries shaded by their intraregional trade.

Plotly geo draws its basemap from `<scope>_<resolution>m.json` files; the app serves vendored
copies (see ui/charts.py) and the export points plotly.io at them, so nothing here needs a network.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.theme import INK, MUTED, PALETTE, styled
from ca_trade.format import format_usd_bn_compact as format_bn
from ca_trade.i18n import localized, t
from ca_trade.present.common import country_names
from ca_trade.present.projects import status_in_year_label, status_label, type_label
from ca_trade.projects import PROJECT_TYPES, STATUSES, map_positions

# Basemap: Asia at 1:50m, cropped to Central Asia and its neighbours (degrees).
GEO_SCOPE = "asia"
GEO_RESOLUTION = 50
LON_RANGE = (46.0, 88.0)
LAT_RANGE = (34.0, 56.0)

# Symbol by type; colour, fill and line dash by status, so colour is never the only cue.
TYPE_SYMBOLS = {
    "hydropower": "triangle-up",
    "water_energy": "hexagon",
    "gas": "circle",
    "power_transmission": "star",
    "rail": "square",
    "road": "diamond",
    "port": "pentagon",
    "hub": "hexagram",
}
STATUS_COLOURS = {
    "operational": PALETTE[2],  # bluish green
    "partially_operational": PALETTE[4],  # sky blue
    "under_construction": PALETTE[1],  # orange
    "planned": PALETTE[3],  # reddish purple
    "suspended": PALETTE[7],  # black
}
STATUS_FILLS = {
    "operational": "",
    "partially_operational": "-dot",
    "under_construction": "-open-dot",
    "planned": "-open",
    "suspended": "-open",
}
STATUS_DASHES = {
    "operational": "solid",
    "partially_operational": "longdash",
    "under_construction": "dash",
    "planned": "dot",
    "suspended": "dashdot",
}
# A light, neutral ramp: the countries read as a backdrop and the coloured markers stay legible.
TRADE_COLOURSCALE = [[0.0, "#E6EAF0"], [0.5, "#BCC6D4"], [1.0, "#8896AB"]]
NO_DATA_COLOUR = "#FFFFFF"
LAND_COLOUR = "#FAFAF8"
WATER_COLOUR = "#DCEAF4"
BORDER_COLOUR = "#8C919B"
HIGHLIGHT_COLOUR = "rgba(240, 228, 66, 0.85)"  # Okabe-Ito yellow, as a highlighter
MARKER_SIZE = 13
SELECTED_MARKER_SIZE = 19
MAP_HEIGHT_PX = 620


FRAME_PADDING_DEG = 1.5
MIN_LAT_SPAN_DEG = 7.0
# Degrees of longitude per degree of latitude in the full frame: a zoomed frame keeps this
# shape, so it fills the same area of the chart.
FRAME_ASPECT = (LON_RANGE[1] - LON_RANGE[0]) / (LAT_RANGE[1] - LAT_RANGE[0])


def _span(
    low: float, high: float, bounds: tuple[float, float], least: float
) -> tuple[float, float]:
    """Widen [low, high] to at least `least` degrees around its centre, kept inside `bounds`."""
    if high - low < least:
        centre = (low + high) / 2
        low, high = centre - least / 2, centre + least / 2
    if low < bounds[0]:
        low, high = bounds[0], min(bounds[0] + max(high - low, least), bounds[1])
    if high > bounds[1]:
        low, high = max(bounds[1] - max(high - low, least), bounds[0]), bounds[1]
    return low, high


def map_frame(
    positions: pd.DataFrame, routes: pd.DataFrame
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return the (longitude, latitude) ranges in degrees that fit the projects drawn.

    The frame fits every marker and route waypoint with a margin, never reaches beyond the
    Central Asia frame (`LON_RANGE`, `LAT_RANGE`) and never shrinks below a country's size,
    so a filtered map zooms in on what is left. With nothing to draw, it is the whole region.
    """
    lons = [*positions["longitude"], *routes["longitude"]]
    lats = [*positions["latitude"], *routes["latitude"]]
    if not lons:
        return LON_RANGE, LAT_RANGE
    west = max(min(lons) - FRAME_PADDING_DEG, LON_RANGE[0])
    east = min(max(lons) + FRAME_PADDING_DEG, LON_RANGE[1])
    south = max(min(lats) - FRAME_PADDING_DEG, LAT_RANGE[0])
    north = min(max(lats) + FRAME_PADDING_DEG, LAT_RANGE[1])
    lon_span = max(
        east - west,
        (north - south) * FRAME_ASPECT,
        MIN_LAT_SPAN_DEG * FRAME_ASPECT,
    )
    lat_span = lon_span / FRAME_ASPECT
    return _span(west, east, LON_RANGE, lon_span), _span(south, north, LAT_RANGE, lat_span)


def colourbar_ticks(top: float, most: int = 5) -> list[float]:
    """Return round tick values from 0 to `top` (USD bn), at most `most` of them after 0."""
    if top <= 0:
        return [0.0]
    step = next(
        (
            base * 10**exponent
            for exponent in range(-2, 4)
            for base in (1, 2, 5)
            if top / (base * 10**exponent) <= most
        ),
        top,
    )
    count = int(top // step + 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


def marker_symbol(project_type: str, status: str) -> str:
    """Return the plotly marker symbol of a project: shape by type, fill style by status."""
    return TYPE_SYMBOLS.get(project_type, "circle") + STATUS_FILLS.get(status, "")


Waypoint = tuple[float, float, str]  # longitude, latitude (degrees), place name


def route_segments(routes: pd.DataFrame) -> dict[str, list[list[Waypoint]]]:
    """Return each project's route as its segments, each an ordered list of waypoints."""
    segments: dict[str, dict[int, list[tuple[int, Waypoint]]]] = {}
    for point in routes.to_dict("records"):
        by_segment = segments.setdefault(str(point["project_id"]), {})
        by_segment.setdefault(int(point["segment"]), []).append(
            (
                int(point["seq"]),
                (float(point["longitude"]), float(point["latitude"]), str(point["place"])),
            )
        )
    return {
        pid: [[waypoint for _, waypoint in sorted(by_segment[n])] for n in sorted(by_segment)]
        for pid, by_segment in segments.items()
    }


def route_coordinates(
    routes: pd.DataFrame | dict[str, list[list[Waypoint]]], project_ids: list[str]
) -> tuple[list[float | None], list[float | None], list[str | None], list[str | None]]:
    """Return the routes of `project_ids` as plotly line arrays, segments separated by None.

    Args:
        routes: the project_routes frame (latitude, longitude in degrees), or its
            `route_segments`.
        project_ids: projects whose routes to draw, in drawing order.

    Returns:
        (longitudes, latitudes, project ids, waypoint names), one entry per waypoint plus a
        None after every segment so that plotly does not join one segment to the next.
    """
    segments = route_segments(routes) if isinstance(routes, pd.DataFrame) else routes
    lons: list[float | None] = []
    lats: list[float | None] = []
    ids: list[str | None] = []
    places: list[str | None] = []
    for pid in project_ids:
        for segment in segments.get(pid, []):
            for lon, lat, place in segment:
                lons.append(lon)
                lats.append(lat)
                ids.append(pid)
                places.append(place)
            lons.append(None)
            lats.append(None)
            ids.append(None)
            places.append(None)
    return lons, lats, ids, places


def _hover(row: Mapping[Hashable, Any]) -> str:
    """Return the hover text of a project: name, type and status (as of the chosen year)."""
    status = status_in_year_label(str(row["status_as_of"]), bool(row["status_is_scheduled"]))
    return f"<b>{row['name']}</b><br>{type_label(str(row['type']))} · {status}"


def _trade_traces(
    country_trade: pd.DataFrame, names: Mapping[str, str], trade_year: int | None
) -> tuple[go.Choropleth | None, go.Choropleth | None]:
    """Return the shaded countries (USD bn) and the countries drawn as a gap.

    Only a country whose trade with every partner is in the data is shaded: a sum over some
    partners is a lower bound, and shading it on the same scale would understate it.
    """
    complete = country_trade["complete"] & country_trade["value_usd_m"].notna()
    known = country_trade[complete]
    missing = country_trade[~complete]
    shaded = None
    if not known.empty and trade_year is not None:
        texts = [
            t(
                "<b>{country}</b><br>Trade with the other four countries in {year}: {value}",
                country=names.get(str(row["iso3"]), str(row["iso3"])),
                year=trade_year,
                value=format_bn(float(row["value_usd_m"]) / 1000),
            )
            for row in known.to_dict("records")
        ]
        values_bn = (known["value_usd_m"] / 1000).round(3)
        top = float(values_bn.max())
        ticks = colourbar_ticks(top)
        shaded = go.Choropleth(
            locations=list(known["iso3"]),
            locationmode="ISO-3",
            z=list(values_bn),
            zmin=0,
            zmax=top if top > 0 else 1,
            colorscale=TRADE_COLOURSCALE,
            marker={"line": {"color": BORDER_COLOUR, "width": 0.8}},
            text=texts,
            hovertemplate="%{text}<extra></extra>",
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 1}},
            colorbar={
                "title": {
                    "text": t("Trade with the other four, {year}", year=trade_year),
                    "side": "top",
                },
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "len": 300,
                "lenmode": "pixels",
                "thickness": 10,
                "tickmode": "array",
                "tickvals": ticks,
                "ticktext": [format_bn(value) for value in ticks],
                "outlinewidth": 0,
            },
            name=t("Trade with the other four countries"),
            meta={"role": "trade"},
        )
    gap = None
    if not missing.empty:
        texts = []
        for row in missing.to_dict("records"):
            if trade_year is None:
                detail = t("No trade data")
            elif int(row["partners_covered"]) == 0:
                detail = t("No trade data for {year}", year=trade_year)
            else:
                detail = t(
                    "Data for {covered} of {total} partners in {year}: at least {value}",
                    covered=row["partners_covered"],
                    total=row["partners_total"],
                    year=trade_year,
                    value=format_bn(float(row["value_usd_m"]) / 1000),
                )
            name = names.get(str(row["iso3"]), str(row["iso3"]))
            texts.append(f"<b>{name}</b><br>{detail}")
        gap = go.Choropleth(
            locations=list(missing["iso3"]),
            locationmode="ISO-3",
            z=[0] * len(missing),
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
            showscale=False,
            marker={"line": {"color": BORDER_COLOUR, "width": 0.8}},
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 1}},
            text=texts,
            hovertemplate="%{text}<extra></extra>",
            name=t("No or incomplete trade data"),
            showlegend=False,
            meta={"role": "no_trade_data"},
        )
    return shaded, gap


def _route_traces(
    projects: pd.DataFrame, segments: dict[str, list[list[Waypoint]]]
) -> list[go.Scattergeo]:
    """Return one line trace per (type, status) with routes: colour and dash by status."""
    groups: dict[tuple[str, str], list[dict[Hashable, Any]]] = {}
    for row in projects.to_dict("records"):
        if str(row["project_id"]) in segments:
            key = (str(row["type"]), str(row["status_as_of"]))
            groups.setdefault(key, []).append(row)
    traces = []
    for project_type in PROJECT_TYPES:
        for status in STATUSES:
            group = groups.get((project_type, status))
            if not group:
                continue
            ids = [str(row["project_id"]) for row in group]
            lons, lats, pids, places = route_coordinates(segments, ids)
            hover_of = {str(row["project_id"]): _hover(row) for row in group}
            texts = [
                None if pid is None else f"{hover_of[pid]}<br>{place}"
                for pid, place in zip(pids, places, strict=True)
            ]
            traces.append(
                go.Scattergeo(
                    lon=lons,
                    lat=lats,
                    mode="lines",
                    line={
                        "color": STATUS_COLOURS[status],
                        "width": 2.5,
                        "dash": STATUS_DASHES[status],
                    },
                    customdata=pids,
                    text=texts,
                    hovertemplate="%{text}<extra></extra>",
                    showlegend=False,
                    name=f"{type_label(project_type)} · {status_label(status)}",
                    meta={"role": "routes", "type": project_type, "status": status},
                )
            )
    return traces


def _site_traces(positions: pd.DataFrame) -> list[go.Scattergeo]:
    """Return one marker trace per type: symbol by type, colour and fill by status."""
    traces = []
    for project_type in PROJECT_TYPES:
        group = positions[positions["type"] == project_type]
        if group.empty:
            continue
        statuses = [str(s) for s in group["status_as_of"]]
        colours = [STATUS_COLOURS.get(s, INK) for s in statuses]
        traces.append(
            go.Scattergeo(
                lon=list(group["longitude"]),
                lat=list(group["latitude"]),
                mode="markers",
                marker={
                    "symbol": [marker_symbol(project_type, s) for s in statuses],
                    "color": colours,
                    "size": MARKER_SIZE,
                    "line": {
                        "color": [
                            "white" if STATUS_FILLS.get(s) in {"", "-dot"} else c
                            for s, c in zip(statuses, colours, strict=True)
                        ],
                        "width": 2,
                    },
                    "opacity": 1,
                },
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 1}},
                customdata=list(group["project_id"]),
                text=[_hover(r) for r in group.to_dict("records")],
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
                name=type_label(project_type),
                meta={"role": "sites", "type": project_type},
            )
        )
    return traces


def _suspended_trace(positions: pd.DataFrame) -> go.Scattergeo | None:
    """Return a cross over every suspended project's marker, a cue that needs no colour."""
    halted = positions[positions["status_as_of"] == "suspended"]
    if halted.empty:
        return None
    return go.Scattergeo(
        lon=list(halted["longitude"]),
        lat=list(halted["latitude"]),
        mode="markers",
        marker={"symbol": "x-thin", "size": MARKER_SIZE, "line": {"color": INK, "width": 2}},
        hoverinfo="skip",
        showlegend=False,
        meta={"role": "suspended_cross"},
    )


def _selected_traces(
    selected: str, positions: pd.DataFrame, segments: dict[str, list[list[Waypoint]]]
) -> list[go.Scattergeo]:
    """Return a halo under the selected project's route and a ring around its marker."""
    traces = []
    if selected in segments:
        lons, lats, _ids, _places = route_coordinates(segments, [selected])
        traces.append(
            go.Scattergeo(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"color": HIGHLIGHT_COLOUR, "width": 12},
                hoverinfo="skip",
                showlegend=False,
                meta={"role": "selected_route", "project_id": selected},
            )
        )
    spot = positions[(positions["project_id"] == selected) & ~positions["on_route"]]
    if not spot.empty:
        traces.append(
            go.Scattergeo(
                lon=list(spot["longitude"]),
                lat=list(spot["latitude"]),
                mode="markers",
                marker={
                    "symbol": "circle-open",
                    "size": SELECTED_MARKER_SIZE + 10,
                    "color": INK,
                    "line": {"width": 3, "color": INK},
                },
                hoverinfo="skip",
                showlegend=False,
                meta={"role": "selected_site", "project_id": selected},
            )
        )
    return traces


def _label_trace(countries: pd.DataFrame) -> go.Scattergeo:
    """Return the five country names, in the interface language, at their label points."""
    return go.Scattergeo(
        lon=list(countries["label_lon"]),
        lat=list(countries["label_lat"]),
        mode="text",
        text=[name.upper() for name in localized(countries, "name")],
        textfont={"size": 11, "color": INK, "shadow": "0 0 3px white"},
        hoverinfo="skip",
        showlegend=False,
        meta={"role": "country_names"},
    )


def _key_header(text: str) -> go.Scattergeo:
    """Return a legend entry that only shows a heading (a marker of size zero)."""
    return go.Scattergeo(
        lon=[None],
        lat=[None],
        mode="markers",
        marker={"size": 0.1, "opacity": 0, "color": "white"},
        name=f"<b>{text}</b>",
        showlegend=True,
        hoverinfo="skip",
        meta={"role": "key_heading"},
    )


def _legend_traces(types: list[str], statuses: list[str], has_gap: bool) -> list[go.Scattergeo]:
    """Return empty traces that only draw the key: statuses (colour, fill, dash), then types."""
    keys = [_key_header(t("Status:"))]
    for status in statuses:
        filled = STATUS_FILLS[status] in {"", "-dot"}
        keys.append(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="lines+markers",
                marker={
                    "symbol": "circle-x-open"
                    if status == "suspended"
                    else marker_symbol("gas", status),
                    "size": 11,
                    "color": STATUS_COLOURS[status],
                    "line": {"color": "white" if filled else STATUS_COLOURS[status], "width": 2},
                },
                line={"color": STATUS_COLOURS[status], "dash": STATUS_DASHES[status], "width": 2.5},
                name=status_label(status),
                showlegend=True,
                hoverinfo="skip",
                meta={"role": "key_status", "status": status},
            )
        )
    keys.append(_key_header(t("Type:")))
    for project_type in types:
        keys.append(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="markers",
                marker={
                    "symbol": TYPE_SYMBOLS.get(project_type, "circle"),
                    "size": 11,
                    "color": MUTED,
                },
                name=type_label(project_type),
                showlegend=True,
                hoverinfo="skip",
                meta={"role": "key_type", "type": project_type},
            )
        )
    if has_gap:
        keys.append(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="markers",
                marker={
                    "symbol": "square",
                    "size": 13,
                    "color": NO_DATA_COLOUR,
                    "line": {"color": BORDER_COLOUR, "width": 1},
                },
                name=t("Trade data missing"),
                showlegend=True,
                hoverinfo="skip",
                meta={"role": "key_no_data"},
            )
        )
    return keys


def projects_map_figure(
    projects: pd.DataFrame,
    routes: pd.DataFrame,
    countries: pd.DataFrame,
    country_trade: pd.DataFrame,
    *,
    trade_year: int | None,
    selected: str | None = None,
    title: str | None = None,
    zoom: bool = False,
) -> go.Figure:
    """Return the map: project markers and routes over the countries shaded by regional trade.

    Args:
        projects: projects to draw, with `status_as_of` (see `projects.filter_projects`).
        routes: the project_routes frame; only the routes of `projects` are drawn.
        countries: the countries frame (iso3, name, label_lat, label_lon in degrees).
        country_trade: iso3, name, value_usd_m (USD million; NaN = no data),
            partners_covered, partners_total (see `projects.country_trade_with_region`).
        trade_year: the year of `country_trade`, or None where there is none.
        selected: project_id to highlight (its route and its marker), if any.
        title: chart title; a default naming the trade year where None.
        zoom: fit the frame to the projects drawn (for a filtered view) instead of showing
            the whole region.

    Returns:
        The figure. Each trace's `meta["role"]` says what it is ("trade", "no_trade_data",
        "routes", "sites", "suspended_cross", "selected_route", "selected_site",
        "country_names", "key_type", "key_status").
    """
    # Plain frames: the loader's per-row metadata (attrs) would be deep-copied by every step.
    projects = pd.DataFrame(projects)
    routes_shown = pd.DataFrame(routes[routes["project_id"].isin(projects["project_id"])])
    segments = route_segments(routes_shown)
    placed = map_positions(projects, routes_shown)
    positions = placed.merge(
        projects[["project_id", "type", "status_as_of", "status_is_scheduled"]].assign(
            name=localized(projects, "name")
        ),
        on="project_id",
        how="left",
    )
    highlight = [] if selected is None else _selected_traces(selected, positions, segments)
    traces: list[go.Choropleth | go.Scattergeo] = [
        trace
        for trace in _trade_traces(country_trade, country_names(countries), trade_year)
        if trace is not None
    ]
    traces += [trace for trace in highlight if trace.meta["role"] == "selected_route"]
    traces += _route_traces(projects, segments)
    traces.append(_label_trace(countries))
    traces += _site_traces(positions)
    crosses = _suspended_trace(positions)
    if crosses is not None:
        traces.append(crosses)
    traces += [trace for trace in highlight if trace.meta["role"] == "selected_site"]
    types = [p for p in PROJECT_TYPES if (positions["type"] == p).any()]
    routed_statuses = set(projects.loc[projects["project_id"].isin(segments), "status_as_of"])
    statuses = [
        s for s in STATUSES if (positions["status_as_of"] == s).any() or s in routed_statuses
    ]
    has_gap = not bool(country_trade["complete"].all())
    traces += _legend_traces(types, statuses, has_gap)
    figure = go.Figure(data=traces)

    lon_range, lat_range = map_frame(placed, routes_shown) if zoom else (LON_RANGE, LAT_RANGE)
    if title is None:
        title = t("Joint projects and intraregional trade")
    styled(figure, title)
    figure.update_geos(
        scope=GEO_SCOPE,
        resolution=GEO_RESOLUTION,
        projection_type="mercator",
        lonaxis_range=list(lon_range),
        lataxis_range=list(lat_range),
        showland=True,
        landcolor=LAND_COLOUR,
        showcountries=True,
        countrycolor=BORDER_COLOUR,
        countrywidth=0.6,
        showcoastlines=True,
        coastlinecolor=BORDER_COLOUR,
        coastlinewidth=0.5,
        showlakes=True,
        lakecolor=WATER_COLOUR,
        showocean=True,
        oceancolor=WATER_COLOUR,
        showrivers=False,
        showframe=False,
        bgcolor="white",
    )
    figure.update_layout(
        height=MAP_HEIGHT_PX,
        margin={"l": 0, "r": 0, "t": 110, "b": 0},
        dragmode=False,
        clickmode="event+select",
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "top",
            "itemclick": False,
            "itemdoubleclick": False,
            "entrywidth": 115,
            "entrywidthmode": "pixels",
            "font": {"size": 12},
        },
        hoverlabel={"bgcolor": "white", "font": {"color": INK}},
    )
    return figure


def trade_shading_note(
    country_trade: pd.DataFrame, countries: pd.DataFrame, trade_year: int | None, year: int
) -> str:
    """Return a sentence saying which year shades the countries and which are left blank.

    Args:
        country_trade: see `projects.country_trade_with_region`.
        countries: the countries frame, for names.
        trade_year: the year that shades the countries, None where there is none.
        year: the year the page shows.
    """
    if trade_year is None:
        return t(
            "No year up to {year} has one country's trade with all four others, so no country "
            "is shaded.",
            year=year,
        )
    gaps = country_trade[~country_trade["complete"]]
    known = country_names(countries)
    names = ", ".join(known.get(str(code), str(code)) for code in gaps["iso3"])
    if trade_year == year:
        lead = t("Countries are shaded by their trade with the other four in {year}.", year=year)
    else:
        lead = t(
            "Countries are shaded by their trade with the other four in {trade_year}, the latest "
            "year up to {year} with complete data for at least one country.",
            trade_year=trade_year,
            year=year,
        )
    if gaps.empty:
        return lead
    return (
        lead
        + " "
        + t("Left blank, with no or incomplete data for that year: {names}.", names=names)
    )
