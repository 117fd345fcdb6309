"""Words of the Trade flows page, made from the core's frames, in English and in Russian."""

from __future__ import annotations

import pandas as pd

from ca_trade.flows import UNSPECIFIED
from ca_trade.i18n import language
from ca_trade.present.common import country_names, qualifier_label
from ca_trade.present.flows import (
    country_codes,
    flows_notes,
    months_label,
    pair_label,
    reporter_name,
    reporter_rule_intro,
    values_table_in_words,
)

ORDER = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
COUNTRIES = pd.DataFrame(
    {
        "iso3": ORDER,
        "name": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        "name_ru": ["Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"],
    }
)
PRIORITY = {"KAZ": 1, "UZB": 2, "KGZ": 3, "TJK": 4}
# One year's rows as flows.year_values_table returns them.
YEAR_TABLE = pd.DataFrame(
    {
        "flow_id": ["f1", "f2", "f3"],
        "country": ["UZB", "KAZ", "TJK"],
        "partner": ["KAZ", "KGZ", "UZB"],
        "flow": ["turnover", "export", "import"],
        "months": [12, 12, 10],
        "value_usd_m": [4400.0, 1200.5, 300.0],
        "reporter": ["UZB", "KAZ", UNSPECIFIED],
        "qualifier": ["exact", "approximate", "lower_bound"],
        "used": [True, False, False],
        "partial_shown": [False, False, True],
        "source_title": ["A", "B", "C"],
        "source_url": ["https://a.org", "https://b.org", "https://c.org"],
        "note": ["", "Rounded.", ""],
    }
)


def test_names_and_labels() -> None:
    names = country_names(COUNTRIES)
    assert list(names) == ORDER
    assert pair_label("KAZ", "UZB", names) == "Kazakhstan – Uzbekistan"
    assert reporter_name("KAZ", names) == "Kazakhstan"
    assert reporter_name(UNSPECIFIED, names) == "a source that does not name the reporter"
    assert (months_label(10), months_label(12)) == ("Jan–Oct", "full year")
    assert qualifier_label("approximate") == "about"
    assert country_codes(["KAZ", "UZB"], names) == "KAZ Kazakhstan, UZB Uzbekistan"
    with language("ru"):
        names = country_names(COUNTRIES)
        assert pair_label("KAZ", "UZB", names) == "Казахстан – Узбекистан"
        assert months_label(10) == "янв.–окт."
        assert qualifier_label("lower_bound") == "более"


def test_intro_names_the_reporter_rule_and_who_never_reports() -> None:
    intro = reporter_rule_intro(ORDER, PRIORITY, country_names(COUNTRIES))
    assert "Kazakhstan > Uzbekistan > Kyrgyzstan > Tajikistan" in intro
    assert "Turkmenistan publishes no trade by partner" in intro
    every_one_reports = reporter_rule_intro(ORDER, {**PRIORITY, "TKM": 5}, country_names(COUNTRIES))
    assert "publishes no trade" not in every_one_reports


def test_values_table_in_words() -> None:
    table = values_table_in_words(YEAR_TABLE, ORDER, country_names(COUNTRIES))
    assert list(table["Pair"]) == [
        "Kazakhstan – Uzbekistan",
        "Kazakhstan – Kyrgyzstan",
        "Tajikistan – Uzbekistan",
    ]
    assert list(table["What"]) == ["turnover", "exports of Kazakhstan", "imports of Tajikistan"]
    assert list(table["Period"]) == ["full year", "full year", "Jan–Oct (part of the year)"]
    assert list(table["Stated as"]) == ["exact", "about", "more than"]
    assert list(table["In the matrix"]) == ["yes", "no", "shown as part-year"]
    assert table["Reported by"].iloc[2] == "a source that does not name the reporter"
    assert list(table["USD million"]) == [4400.0, 1200.5, 300.0]
    with language("ru"):
        russian = values_table_in_words(YEAR_TABLE, ORDER, country_names(COUNTRIES))
    assert russian.columns[0] == "Пара"
    assert list(russian.iloc[:2, 2]) == ["товарооборот", "экспорт: Казахстан"]
    assert russian.iloc[2, 3] == "янв.–окт. (часть года)"


def test_notes_are_translated() -> None:
    assert flows_notes()[-1] == "Unit: USD million, current prices."
    with language("ru"):
        assert flows_notes()[-1] != "Unit: USD million, current prices."
