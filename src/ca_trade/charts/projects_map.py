"""Map of the projects: sites, routes, and the five countries shaded by their intraregional trade.

Plotly geo draws its basemap from `<scope>_<resolution>m.json` files; the app serves vendored
copies (see ui/charts.py) and the export points plotly.io at them, so nothing here needs a network.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.projects_map_key import (
    STATUS_COLOURS,
    STATUS_FILLS,
    key_layout,
    legend_traces,
    map_trace,
    marker_symbol,
)
from ca_trade.charts.projects_map_layout import (
    Frame,
    MapView,
    marker_positions,
    place_labels,
    px_per_radian,
)
from ca_trade.charts.projects_map_routes import (
    Waypoint,
    project_hover,
    route_coordinates,
    route_hit_trace,
    route_segments,
    route_traces,
)
from ca_trade.charts.projects_map_trade import BORDER_COLOUR, trade_traces
from ca_trade.charts.theme import INK, styled
from ca_trade.i18n import localized, t
from ca_trade.present.common import country_names
from ca_trade.projects import PROJECT_TYPES, STATUSES

# Basemap: Asia at 1:50m; the frame is a named view (see projects_map_layout).
GEO_SCOPE = "asia"
GEO_RESOLUTION = 50

LAND_COLOUR = "#FAFAF8"
WATER_COLOUR = "#DCEAF4"
HIGHLIGHT_COLOUR = "rgba(240, 228, 66, 0.85)"  # Okabe-Ito yellow, as a highlighter
LEADER_COLOUR = "#5A5F68"
MARKER_SIZE = 13
SELECTED_MARKER_SIZE = 19
CLUSTER_SIZE = 22
LABEL_FONT_PX = 13
# Pixels of the figure outside the map: above it the title and, wide, the colour bar; below it
# the key and, narrow, the colour bar (so that a phone's first screen holds more of the map).
# Equal figure heights on both, so that switching after the window is known redraws in place.
TOP_MARGIN_PX = {False: 112, True: 40}
BOTTOM_MARGIN_PX = {False: 100, True: 332}
SCALE_BELOW_PX = 72  # a phone's colour bar, its title (two lines) and ticks, below the map


def _site_trace(positions: pd.DataFrame) -> go.Scattergeo | None:
    """Return the markers of every project not in a cluster, where they are drawn (`shown_lon`,
    `shown_lat`): symbol by type, colour and fill by status."""
    single = positions[positions["cluster"].isna()]
    if single.empty:
        return None
    rows = single.assign(order=single["type"].map(PROJECT_TYPES.index)).sort_values(
        "order", kind="stable"
    )
    statuses = [str(s) for s in rows["status_as_of"]]
    colours = [STATUS_COLOURS.get(s, INK) for s in statuses]
    edges = [
        "white" if STATUS_FILLS.get(s) in {"", "-dot"} else c
        for s, c in zip(statuses, colours, strict=True)
    ]
    return map_trace(
        "sites",
        rows["shown_lon"],
        rows["shown_lat"],
        mode="markers",
        marker={
            "symbol": [
                marker_symbol(str(p), s) for p, s in zip(rows["type"], statuses, strict=True)
            ],
            "color": colours,
            "size": MARKER_SIZE,
            "line": {"color": edges, "width": 2},
        },
        customdata=list(rows["project_id"]),
        text=[project_hover(r) for r in rows.to_dict("records")],
        hovertemplate="%{text}<extra></extra>",
    )


def cluster_target(lon: float, lat: float) -> str:
    """Return the customdata of a cluster: '@' and the point to zoom in on, in degrees."""
    return f"@{lon:.4f},{lat:.4f}"


def _cluster_trace(positions: pd.DataFrame) -> go.Scattergeo | None:
    """Return one numbered marker per cluster; a click on it zooms in on its projects."""
    clustered = positions[positions["cluster"].notna()]
    if clustered.empty:
        return None
    groups = [members for _key, members in clustered.groupby("cluster", sort=True)]
    return map_trace(
        "clusters",
        [float(members["shown_lon"].iloc[0]) for members in groups],
        [float(members["shown_lat"].iloc[0]) for members in groups],
        mode="markers+text",
        text=[str(len(members)) for members in groups],
        textfont={"size": 12, "color": INK},
        marker={
            "symbol": "circle",
            "size": CLUSTER_SIZE,
            "color": "white",
            "line": {"color": INK, "width": 2},
        },
        customdata=[
            cluster_target(float(members["longitude"].mean()), float(members["latitude"].mean()))
            for members in groups
        ],
        hovertext=[
            t("<b>{count} projects here</b> (click to zoom in)", count=len(members))
            + "<br>"
            + "<br>".join(sorted(str(name) for name in members["name"]))
            for members in groups
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _leader_traces(positions: pd.DataFrame) -> list[go.Scattergeo]:
    """Return thin lines from each moved marker to its true point, and a dot at that point."""
    moved = positions[positions["moved"]]
    if moved.empty:
        return []
    lons: list[float | None] = []
    lats: list[float | None] = []
    for row in moved.to_dict("records"):
        lons += [float(row["longitude"]), float(row["shown_lon"]), None]
        lats += [float(row["latitude"]), float(row["shown_lat"]), None]
    return [
        map_trace("leaders", lons, lats, mode="lines", line={"color": LEADER_COLOUR, "width": 1}),
        map_trace(
            "true_points",
            moved["longitude"],
            moved["latitude"],
            mode="markers",
            marker={"size": 4, "color": LEADER_COLOUR, "symbol": "circle"},
        ),
    ]


def _suspended_trace(positions: pd.DataFrame) -> go.Scattergeo | None:
    """Return a cross over every suspended project's marker, a cue that needs no colour."""
    halted = positions[(positions["status_as_of"] == "suspended") & positions["cluster"].isna()]
    if halted.empty:
        return None
    return map_trace(
        "suspended_cross",
        halted["shown_lon"],
        halted["shown_lat"],
        mode="markers",
        marker={"symbol": "x-thin", "size": MARKER_SIZE, "line": {"color": INK, "width": 2}},
    )


def _selected_traces(
    selected: str, positions: pd.DataFrame, segments: dict[str, list[list[Waypoint]]]
) -> tuple[go.Scattergeo | None, go.Scattergeo | None]:
    """Return a halo under the selected project's route and a ring around its marker."""
    halo = ring = None
    if selected in segments:
        lons, lats, _ids = route_coordinates(segments, [selected])
        halo = map_trace(
            "selected_route",
            lons,
            lats,
            meta={"project_id": selected},
            mode="lines",
            line={"color": HIGHLIGHT_COLOUR, "width": 12},
        )
    spot = positions[positions["project_id"] == selected]
    if not spot.empty:
        ring = map_trace(
            "selected_site",
            spot["shown_lon"],
            spot["shown_lat"],
            meta={"project_id": selected},
            mode="markers",
            marker={
                "symbol": "circle-open",
                "size": SELECTED_MARKER_SIZE + 8,
                "color": INK,
                "line": {"width": 3, "color": INK},
            },
        )
    return halo, ring


def label_width_px(name: str, font_px: float = LABEL_FONT_PX) -> float:
    """Return a generous estimate of a name's width on screen in the map's label font."""
    return len(name) * font_px * 0.66 + 4


def _label_trace(
    countries: pd.DataFrame, markers: pd.DataFrame, frame: Frame, scale: float
) -> go.Scattergeo:
    """Return the country names, in the interface language, each at a spot clear of markers
    and of the other names (left out where no spot is free)."""
    names = country_names(countries)
    labels = [
        (str(iso3), float(lon), float(lat), label_width_px(names[iso3]), LABEL_FONT_PX * 1.3)
        for iso3, lon, lat in countries[["iso3", "label_lon", "label_lat"]].itertuples(index=False)
    ]
    dots = list(zip(markers["shown_lon"], markers["shown_lat"], strict=True))
    spots = place_labels(labels, dots, frame, scale)
    return map_trace(
        "country_names",
        [spot.lon for spot in spots],
        [spot.lat for spot in spots],
        mode="text",
        text=[names[spot.key] for spot in spots],
        textfont={"size": LABEL_FONT_PX, "color": INK, "shadow": "0 0 3px white"},
    )


def projects_map_figure(
    projects: pd.DataFrame,
    routes: pd.DataFrame,
    countries: pd.DataFrame,
    country_trade: pd.DataFrame,
    *,
    trade_year: int | None,
    selected: str | None = None,
    title: str | None = None,
    view: MapView | None = None,
    shown_year: int | None = None,
) -> go.Figure:
    """Return the map: project markers and routes over the countries shaded by regional trade.

    Args:
        projects: projects to draw, with `status_as_of` (see `projects.filter_projects`).
        routes: the project_routes frame; only the routes of `projects` are drawn.
        countries: the countries frame (iso3, name, label_lat, label_lon in degrees).
        country_trade: iso3, value_usd_m (USD million; NaN = no data), partners_covered,
            partners_total, complete (see `projects.country_trade_with_region`).
        trade_year: the year of `country_trade`, or None where there is none.
        selected: project_id to highlight (its route and its marker), if any.
        title: chart title; a default naming the trade year where None.
        view: the part of the map shown; the whole region on a wide chart where None.
        shown_year: the year the projects stand in; the colour bar says when the trade is of
            an earlier year.

    Returns:
        The figure. Each trace's `meta["role"]` says what it is ("trade", "no_trade_data",
        "routes", "route_hits", "leaders", "true_points", "sites", "clusters", "suspended_cross",
        "selected_route", "selected_site", "country_names", "key_type", "key_status").
        `layout.meta` holds the view's name and frame.
    """
    view = view or MapView()
    frame = view.frame()
    scale = view.layout_scale()
    # Plain frames: the loader's per-row metadata (attrs) would be deep-copied by every step.
    projects = pd.DataFrame(projects)
    routes_shown = pd.DataFrame(routes[routes["project_id"].isin(projects["project_id"])])
    segments = route_segments(routes_shown)
    positions = marker_positions(projects, routes_shown, view).merge(
        projects[["project_id", "type", "status_as_of", "status_is_scheduled"]].assign(
            name=localized(projects, "name")
        ),
        on="project_id",
        how="left",
    )
    shaded, gap = trade_traces(country_trade, country_names(countries), trade_year, shown_year)
    if shaded is not None and view.narrow:
        shaded.colorbar.update(y=-6 / view.box.height, yanchor="top")
    halo, ring = (
        (None, None) if selected is None else _selected_traces(selected, positions, segments)
    )
    traces = [
        shaded,
        gap,
        halo,
        *route_traces(projects, segments),
        route_hit_trace(projects, segments, frame, px_per_radian(frame, view.box)),
        *_leader_traces(positions),
        _label_trace(countries, positions, frame, scale),
        _site_trace(positions),
        _cluster_trace(positions),
        _suspended_trace(positions),
        ring,
    ]
    types = [p for p in PROJECT_TYPES if (positions["type"] == p).any()]
    routed_statuses = set(projects.loc[projects["project_id"].isin(segments), "status_as_of"])
    statuses = [
        s for s in STATUSES if (positions["status_as_of"] == s).any() or s in routed_statuses
    ]
    has_gap = not bool(country_trade["complete"].all())
    top, bottom = TOP_MARGIN_PX[view.narrow], BOTTOM_MARGIN_PX[view.narrow]
    # Built as plain values, checked once by the tests (plotly's checks of every property on
    # every run took a third of the figure's time).
    figure = go.Figure(
        data=[trace for trace in traces if trace is not None]
        + legend_traces(types, statuses, has_gap),
        layout={
            "geo": {
                "scope": GEO_SCOPE,
                "resolution": GEO_RESOLUTION,
                "projection": {"type": "mercator"},
                "lonaxis": {"range": list(frame.lon)},
                "lataxis": {"range": list(frame.lat)},
                "showland": True,
                "landcolor": LAND_COLOUR,
                "showcountries": True,
                "countrycolor": BORDER_COLOUR,
                "countrywidth": 0.6,
                "showcoastlines": True,
                "coastlinecolor": BORDER_COLOUR,
                "coastlinewidth": 0.5,
                "showlakes": True,
                "lakecolor": WATER_COLOUR,
                "showocean": True,
                "oceancolor": WATER_COLOUR,
                "showrivers": False,
                "showframe": False,
                "bgcolor": "white",
            },
            "height": top + int(view.box.height) + bottom,
            "margin": {"l": 0, "r": 0, "t": top, "b": bottom, "autoexpand": False},
            "dragmode": "pan",
            "clickmode": "event+select",
            "meta": {
                "view": view.name,
                "narrow": view.narrow,
                "lon": list(frame.lon),
                "lat": list(frame.lat),
            },
            **key_layout(
                view.narrow,
                view.box.height,
                len(statuses),
                below=SCALE_BELOW_PX if view.narrow and shaded is not None else 0,
            ),
            "hoverlabel": {"bgcolor": "white", "font": {"color": INK}},
        },
        _validate=False,
    )
    return styled(figure, title or t("Joint projects and intraregional trade"))
