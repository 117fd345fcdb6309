"""Data-derived text is shown as written, never interpreted as Markdown or HTML."""

from __future__ import annotations

import re

from ca_trade.ui.common import escape_markdown


def test_markdown_and_html_are_escaped() -> None:
    text = "trade_totals.csv, row 3: [click](javascript:alert(1)) <img src=x> **bold** $5"
    escaped = escape_markdown(text)
    unescaped_special = re.findall(r"(?<!\\)[\[\]()<>*$_]", escaped)
    assert unescaped_special == []
    assert escaped.replace("\\", "") == text
