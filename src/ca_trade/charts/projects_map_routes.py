"""Routes on the projects map: lines by type and status, and invisible points along them so a
click anywhere on a line selects its project."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.projects_map_key import STATUS_COLOURS, STATUS_DASHES, map_trace
from ca_trade.charts.projects_map_layout import Frame, densify
from ca_trade.present.projects import status_in_year_label, type_label
from ca_trade.projects import STATUSES

ROUTE_HIT_SIZE = 16  # invisible points along every route, so a click anywhere on it selects it
# Apart by less than their size, so the points cover the line; each is an element plotly draws
# and a hover text the page receives, so no closer than that.
ROUTE_HIT_SPACING_PX = 12.0

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
    segments: dict[str, list[list[Waypoint]]], project_ids: list[str]
) -> tuple[list[float | None], list[float | None], list[str | None]]:
    """Return the routes (`route_segments`) of `project_ids`, in that order, as plotly line
    arrays: longitudes, latitudes and project ids, with a None after every segment so that
    plotly does not join one segment to the next."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    ids: list[str | None] = []
    for pid in project_ids:
        for segment in segments.get(pid, []):
            lons += [*(lon for lon, _lat, _place in segment), None]
            lats += [*(lat for _lon, lat, _place in segment), None]
            ids += [*(pid for _ in segment), None]
    return lons, lats, ids


def project_hover(row: Mapping[Hashable, Any]) -> str:
    """Return the hover text of a project: name, type and status (as of the chosen year)."""
    status = status_in_year_label(str(row["status_as_of"]), bool(row["status_is_scheduled"]))
    return f"<b>{row['name']}</b><br>{type_label(str(row['type']))} · {status}"


def route_traces(
    projects: pd.DataFrame, segments: dict[str, list[list[Waypoint]]]
) -> list[go.Scattergeo]:
    """Return one line trace per status with routes: colour and dash by status."""
    routed = projects[projects["project_id"].astype(str).isin(segments)]
    traces = []
    for status in STATUSES:
        ids = [str(pid) for pid in routed.loc[routed["status_as_of"] == status, "project_id"]]
        if not ids:
            continue
        lons, lats, pids = route_coordinates(segments, ids)
        traces.append(
            map_trace(
                "routes",
                lons,
                lats,
                meta={"status": status},
                mode="lines",
                line={"color": STATUS_COLOURS[status], "width": 2.5, "dash": STATUS_DASHES[status]},
                customdata=pids,
                # The points of `route_hit_trace` answer the pointer: a line's own vertices
                # would take the hover there, and plotly selects no line.
                hoverinfo="skip",
            )
        )
    return traces


def route_hit_trace(
    projects: pd.DataFrame, segments: dict[str, list[list[Waypoint]]], frame: Frame, scale: float
) -> go.Scattergeo | None:
    """Return invisible points every few pixels along each route inside the frame: plotly picks
    only points, so these make a click anywhere on a line select its project. A point at a
    named place on the route names it in its hover text."""
    step_deg = math.degrees(ROUTE_HIT_SPACING_PX / scale)
    inside = Frame(
        (frame.lon[0] - step_deg, frame.lon[1] + step_deg),
        (frame.lat[0] - step_deg, frame.lat[1] + step_deg),
    )
    hover_of = {
        str(row["project_id"]): project_hover(row)
        for row in projects.to_dict("records")
        if str(row["project_id"]) in segments
    }
    lons: list[float] = []
    lats: list[float] = []
    ids: list[str] = []
    texts: list[str] = []
    for pid in hover_of:
        for segment in segments[pid]:
            places = {(lon, lat): place for lon, lat, place in segment}
            for lon, lat in densify([(lon, lat) for lon, lat, _place in segment], step_deg):
                if inside.contains(lon, lat):
                    lons.append(round(lon, 4))
                    lats.append(round(lat, 4))
                    ids.append(pid)
                    place = places.get((lon, lat))
                    texts.append(hover_of[pid] + (f"<br>{place}" if place else ""))
    if not ids:
        return None
    return map_trace(
        "route_hits",
        lons,
        lats,
        mode="markers",
        marker={"size": ROUTE_HIT_SIZE, "color": "rgba(0, 0, 0, 0)", "line": {"width": 0}},
        customdata=ids,
        text=texts,
        hovertemplate="%{text}<extra></extra>",
    )
