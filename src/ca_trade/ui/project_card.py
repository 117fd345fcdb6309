"""A project's card on the Projects page: status and date, timeline bar, key figures, where the
map places it, partners, texts and sources, and a button that zooms the map to it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ca_trade.charts.projects_timeline import project_span_figure
from ca_trade.format import format_number, format_short_date
from ca_trade.i18n import t
from ca_trade.present.projects import ProjectCard, coordinates_note, status_label
from ca_trade.ui.common import escape_markdown, link_target, small_note

DASH = "–"


def _numbers(card: ProjectCard) -> None:
    """Show capacity, cost, length and years as metrics, a dash where unknown."""
    facts = card.facts
    with st.container(horizontal=True, key="project_card_numbers", gap="medium"):
        st.metric(t("Capacity"), card.capacity or DASH, help=card.capacity_unit, width="content")
        st.metric(
            t("Cost"),
            card.cost or DASH,
            help=t("Where a source states a cost in US dollars; ranges are in the notes."),
            width="content",
        )
        st.metric(t("Length"), card.length or DASH, width="content")
        st.metric(t("Start"), str(facts.start_year) if facts.start_year else DASH, width="content")
        st.metric(
            t("Completion"),
            str(facts.completion_year) if facts.completion_year else DASH,
            help=t("Achieved or planned."),
            width="content",
        )


def _sources(card: ProjectCard) -> None:
    """List the project's sources as links, newest first."""
    if not card.sources:
        st.markdown(t("No source is recorded for this project."))
        return
    st.markdown(
        "\n".join(
            "- "
            + t(
                "[{title}]({url}), {publisher}{date}",
                title=escape_markdown(source.title),
                url=link_target(source.url),
                publisher=escape_markdown(source.publisher),
                date=f", {format_short_date(source.published)}" if source.published else "",
            )
            for source in card.sources
        )
    )


def show_card(
    card: ProjectCard,
    *,
    shown_year: int,
    status_in_year: str | None,
    current_year: int,
    on_zoom: Callable[[], None] | None,
) -> None:
    """Render a project's card.

    Args:
        card: the project's card.
        shown_year: the year the page shows statuses for.
        status_in_year: the project's status in that year (a code), if known.
        current_year: the calendar year, marked on the timeline bar.
        on_zoom: callback of the "show on the map" button; no button where None.
    """
    facts = card.facts
    with st.container(border=True, key="project_card"):
        st.subheader(escape_markdown(card.name), anchor=False)
        st.markdown(
            f":blue-badge[{card.type_label}] :orange-badge[{card.status_label}] "
            + " ".join(f":gray-badge[{name}]" for name in card.countries)
        )
        small_note(
            t("Status: {status}, as of {day}.", status=card.status_label, day=card.status_day)
        )
        if status_in_year is not None and status_in_year != facts.status:
            small_note(
                t(
                    "In {year} it counts as: {status} (from its start and completion years).",
                    year=shown_year,
                    status=status_label(status_in_year),
                )
            )
        _numbers(card)
        span = project_span_figure(
            facts.start_year, facts.completion_year, facts.status, current_year=current_year
        )
        if span is not None:
            st.plotly_chart(
                span,
                theme=None,
                key="project_card_span",
                config={"displayModeBar": False, "staticPlot": True},
                width="stretch",
            )
        st.markdown(
            "**" + t("Where the map puts it") + "**  \n" + escape_markdown(coordinates_note(card))
        )
        if card.partners:
            st.markdown(
                "**" + t("Partners and financing") + "**  \n" + escape_markdown(card.partners)
            )
        if on_zoom is not None:
            st.button(
                t("Show on the map"),
                icon=":material/zoom_in_map:",
                key="project_card_zoom",
                on_click=on_zoom,
            )
        st.markdown("**" + t("Sources ({count})", count=format_number(len(card.sources), 0)) + "**")
        _sources(card)
        with st.expander(t("About the project"), expanded=False):
            st.markdown(escape_markdown(card.description))
            st.markdown(
                "**"
                + t("Why it matters for trade in the region")
                + "**  \n"
                + escape_markdown(card.trade_relevance)
            )
            if card.note:
                st.markdown(
                    "**"
                    + t("Ranges, conflicts and open questions")
                    + "**  \n"
                    + escape_markdown(card.note)
                )
