"""What data release 0.2.0 shows on the pages: the cut-off and the 2025 estimate on the Overview in
both languages, and the China–Kyrgyzstan–Uzbekistan railway's 2030 and $4.7bn with their sources.
(`/flows?year=2025` taking the Kazakh side is tests/ui/test_flows_page.py.)"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from ca_trade.data import TradeData
from tests.ui.apptest import metrics, open_page

RAILWAY = "china_kyrgyzstan_uzbekistan_railway"
NBSP = "\u00a0"


def text_of(at: AppTest) -> str:
    """Every markdown on the page, joined, Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            {
                "cutoff": "Sources up to 21 March 2026 · latest official regional total: 2024",
                "metric": ("Estimate for 2025, not official", "≈ $12.7bn"),
                "pairs": "change in the 2 pairs that the same side reports",
                "range": "2025 ≈ $12.7bn (range $11.7bn to $14.9bn)",
                "method": "Estimate method (chain-linking)",
            },
        ),
        (
            "ru",
            {
                "cutoff": "Источники по 21 марта 2026\u202fг. · последний официальный итог по "
                "региону: 2024 г.",
                "metric": ("Оценка за 2025 г., не официальная", f"≈ 12,7{NBSP}млрд{NBSP}$"),
                "pairs": "изменение 2 пар",
                "range": f"(диапазон от 11,7{NBSP}млрд{NBSP}$ до 14,9{NBSP}млрд{NBSP}$)",
                "method": "Метод оценки (цепной индекс)",
            },
        ),
    ],
)
def test_the_overview_states_the_cutoff_and_the_2025_estimate(
    lang: str, expected: dict[str, object]
) -> None:
    at = open_page("overview.py", lang=lang)
    assert not at.exception
    text = text_of(at)
    # Stated once, in the status row above the page (the page itself does not repeat it).
    assert text.count(str(expected["cutoff"])) == 1
    assert str(expected["cutoff"]) in at.main.children[0].markdown[0].value
    label, value = expected["metric"]  # type: ignore[misc]
    assert metrics(at)[label] == value
    for part in ("pairs", "range", "method"):
        assert str(expected[part]) in text, part


def test_flows_states_the_cutoff_once_in_the_row_above_the_page() -> None:
    at = open_page("flows.py")
    assert not at.exception
    cutoff = "Sources up to 21 March 2026 · latest official regional total: 2024"
    assert text_of(at).count(cutoff) == 1
    assert cutoff in at.main.children[0].markdown[0].value


def test_the_railway_card_shows_2030_and_4_7bn_with_their_sources(bundled: TradeData) -> None:
    at = open_page("projects.py", project=RAILWAY)
    assert not at.exception
    shown = metrics(at)
    assert shown["Cost"] == "$4.7bn"
    assert "2030" in shown.values()
    cards = text_of(at)
    urls = bundled.sources.set_index("source_id")["url"]
    assert urls["prj_kyrgyzstantime_cku_2030"] in cards  # completion 2030
    assert urls["prj_vstime_cku_cost_2024"] in cards  # cost $4.7bn
