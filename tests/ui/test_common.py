"""Data-derived text is shown as written; the shared data package is not changed by a page."""

from __future__ import annotations

import re

from ca_trade.ui.cache import trade_data
from ca_trade.ui.common import escape_markdown, link_target, source_link


def test_markdown_and_html_are_escaped() -> None:
    text = "trade_totals.csv, row 3: [click](javascript:alert(1)) <img src=x> **bold** $5"
    escaped = escape_markdown(text)
    unescaped_special = re.findall(r"(?<!\\)[\[\]()<>*$_]", escaped)
    assert unescaped_special == []
    assert escaped.replace("\\", "") == text


def test_a_source_link_keeps_its_title_as_written_and_its_url_whole() -> None:
    # A bracket or space in a URL would end a Markdown link early and cut the address.
    assert link_target("https://e.kz/a (b).pdf") == "https://e.kz/a%20%28b%29.pdf"
    data = trade_data()
    first = data.sources.iloc[0]
    link = source_link(data, str(first["source_id"]))
    assert link == f"[{escape_markdown(str(first['title']))}]({link_target(str(first['url']))})"


def test_a_change_to_the_data_package_stays_with_its_caller() -> None:
    # The package is loaded once for all sessions; each caller gets frames of its own.
    first = trade_data()
    first_id = str(first.projects["project_id"].iloc[0])
    first.projects["added"] = 1
    first.projects.loc[first.projects.index[0], "project_id"] = "changed"
    second = trade_data()
    assert "added" not in second.projects.columns
    assert second.projects["project_id"].iloc[0] == first_id
