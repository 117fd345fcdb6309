"""Data-derived text is shown as written, never interpreted as Markdown or HTML."""

from __future__ import annotations

from ca_trade.ui.common import escape_markdown


def test_markdown_and_html_are_escaped() -> None:
    text = "trade_totals.csv, row 3: [click](javascript:alert(1)) <img src=x> **bold** $5"
    escaped = escape_markdown(text)
    for raw in ("[click](", "<img", "**bold**", " $5", "trade_totals"):
        assert raw not in escaped
    assert escaped.replace("\\", "") == text
