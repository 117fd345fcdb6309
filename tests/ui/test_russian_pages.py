"""The pages in Russian (`?lang=ru`): Russian labels, names from the data, Russian number formats."""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.ui.apptest import APP, PAGES, TIMEOUT_S, figures, metrics, open_page

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def plain(text: str) -> str:
    """Text with CLDR's non-breaking spaces as plain spaces, and Markdown escapes removed."""
    return text.replace(NBSP, " ").replace(NARROW_NBSP, " ").replace("\\", "")


def shown_metrics(at: AppTest) -> dict[str, str]:
    """Label -> value of every metric, spaces made plain."""
    return {plain(label): plain(value) for label, value in metrics(at).items()}


def titled(at: AppTest, title: str) -> dict[str, Any]:
    """The one figure on the page with this title."""
    (figure,) = [f for f in figures(at) if plain(f["layout"]["title"]["text"]) == title]
    return figure


def widget_labels(at: AppTest) -> list[str]:
    """The labels of the page's own controls (the bilingual language switch left out)."""
    kinds = (
        "selectbox",
        "multiselect",
        "slider",
        "select_slider",
        "button_group",
        "radio",
        "toggle",
    )
    return [el.label for kind in kinds for el in at.get(kind) if el.label != "Language / Язык"]


def test_overview_in_russian_shows_russian_labels_and_numbers() -> None:
    at = open_page("overview.py", lang="ru")
    assert not at.exception
    shown = shown_metrics(at)
    assert shown["Последний официальный итог (2024)"] == "11,5 млрд $"
    assert shown["Достигнуто от цели 15 млрд $"] == "76,7 %"
    assert shown["До цели осталось"] == "3,5 млрд $"
    assert shown["Необходимый рост, 2024–2030"] == "+4,5 % в год"
    assert shown["Статус цели"] == "По графику"
    assert at.title[0].value == "Взаимная торговля стран Центральной Азии и поставленные цели"
    assert widget_labels(at) == ["Целевой год", "Показать", "Цель, млрд долларов США в год"]
    intro = plain(next(m.value for m in at.markdown if "Казахстан" in m.value))
    assert "Казахстан, Кыргызстан, Таджикистан, Туркменистан, Узбекистан" in intro
    caption = plain(next(m.value for m in at.markdown if "объявлена" in m.value))
    assert "Касым-Жомарт Токаев, Президент Казахстана" in caption
    assert "Консультативная встреча глав государств Центральной Азии" in caption
    (cutoff,) = [plain(m.value) for m in at.markdown if "Источники по" in m.value]
    assert cutoff == plain(at.main.children[0].markdown[0].value)  # once: the row above the page
    assert "Источники по 21 марта 2026" in cutoff
    assert "последний официальный итог по региону: 2024" in cutoff
    meetings = plain(next(m.value for m in at.markdown if m.value.startswith("1. ")))
    assert "Первая Консультативная встреча глав государств Центральной Азии" in meetings
    assert "Астана, 15 марта 2018 г." in meetings
    figure = titled(at, "Взаимная торговля пяти стран и цели")
    assert figure["layout"]["separators"] == f",{NBSP}"
    assert figure["layout"]["yaxis"]["title"]["text"] == "Млрд $, в текущих ценах"


def test_overview_in_russian_keeps_the_goal_from_the_link() -> None:
    at = open_page("overview.py", lang="ru", goal="20", target_year="2035")
    assert not at.exception
    shown = shown_metrics(at)
    assert shown["Достигнуто от цели 20 млрд $"] == "57,5 %"
    assert shown["До цели осталось"] == "8,5 млрд $"


def test_flows_in_russian() -> None:
    at = open_page("flows.py", lang="ru", year="2023", series="true")
    assert not at.exception
    shown = shown_metrics(at)
    assert shown["Пары с данными за полный год, 2023"] == "9 из 10"
    assert shown["Официальный итог по региону, 2023"] == "11,0 млрд $"
    assert at.title[0].value == "Кто с кем торгует"
    assert widget_labels(at) == [
        "Год",
        "Показать",
        "Пары",
        "Сравнить данные обеих сторон",
        "Логарифмическая шкала (для сравнения роста малых и крупных пар)",
    ]
    matrix = titled(at, "Двусторонняя торговля, 2023")
    assert matrix["layout"]["separators"] == f",{NBSP}"
    assert "Казахстан" in matrix["data"][0]["y"]
    cells = [plain(a["text"]) for a in matrix["layout"]["annotations"]]
    assert "4 400" in cells  # Kazakhstan-Uzbekistan, USD million, grouped the Russian way
    series = titled(at, "Торговля по парам, полные годы")
    assert "Казахстан – Узбекистан" in [trace["name"] for trace in series["data"]]
    assert series["layout"]["yaxis"]["title"]["text"] == "Млн долларов США"
    for figure in figures(at):
        names = [str(trace.get("name") or "") for trace in figure["data"]]
        assert [n for n in names if LATIN_WORD.search(n)] == [], figure["layout"]["title"]


def test_projects_in_russian_with_a_project_card() -> None:
    at = open_page("projects.py", lang="ru", project="rogun_hpp", year="2026")
    assert not at.exception
    shown = shown_metrics(at)
    assert shown["Показано проектов"] == "47 из 47"
    assert "Действующие в 2026 г." in shown
    assert widget_labels(at) == [
        "Проект", "Тип", "Статус", "Страна", "Проекты по состоянию на", "Показать", "Вид карты"
    ]  # fmt: skip
    assert at.selectbox(key="project").format_func("rogun_hpp") == "Рогунская ГЭС"
    card = {plain(label): plain(value) for label, value in metrics(at).items()}
    assert card["Мощность"] == "3 780 МВт"
    assert card["Стоимость"] == "6,29 млрд $"
    texts = [plain(m.value) for m in at.markdown]
    assert any("Статус: Частично введён, на 10 дек. 2025 г." in text for text in texts)
    assert "О проекте" in [expander.label for expander in at.expander]
    assert any(text.startswith("**Источники (") for text in (m.value for m in at.markdown))
    assert any("Точно: маркер стоит в опубликованном месте" in text for text in texts)
    assert at.button(key="project_card_zoom").label == "Показать на карте"
    projects_map = titled(at, "Проекты по состоянию на 2026 г.")
    labels = next(
        tr for tr in projects_map["data"] if tr.get("meta", {}).get("role") == "country_names"
    )
    assert "Казахстан" in labels["text"]
    sites = [tr for tr in projects_map["data"] if tr.get("meta", {}).get("role") == "sites"]
    assert any("Рогунская ГЭС" in text for tr in sites for text in tr["text"])
    at.segmented_control(key="projects_tab").set_value("timeline").run()
    timeline = titled(at, "Проекты от начала до завершения")
    assert "Строится" in [trace.get("name") for trace in timeline["data"]]
    at.segmented_control(key="projects_tab").set_value("table").run()
    assert at.segmented_control(key="projects_tab").format_func("table") == "Таблица"
    (table,) = at.dataframe
    assert "Рогунская ГЭС" in list(table.value["name"])


def open_scenario(**query: str) -> AppTest:
    """Open /scenario as a link to it would: its first run is on that page (see the page tests)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.switch_page(f"{PAGES}/scenario.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_scenario_in_russian_shows_russian_labels_and_numbers() -> None:
    at = open_scenario(
        lang="ru", growth="5", goal="15", target_year="2030", how="true", project_charts="true"
    )
    assert not at.exception
    assert len(figures(at)) == 3  # the projection and both charts of the projects
    shown = shown_metrics(at)
    assert re.fullmatch(r"20\d\d", shown["Год достижения цели"])
    assert shown["Необходимый рост, 2024–2030"] == "+4,5 % в год"
    assert re.fullmatch(r"\d+,\d млрд \$", shown["Расчётная торговля в 2030 г."])
    assert re.fullmatch(r"\+\d+,\d\d млрд \$", shown["Вклад проектов в 2030 г."])
    band = shown["Год достижения цели: диапазон"]
    assert re.fullmatch(r"20\d\d – 20\d\d", band)
    assert [label for label in shown if LATIN_WORD.search(label)] == []
    assert at.title[0].value == "Когда будет достигнута цель? Сценарий"
    assert widget_labels(at)[:4] == [
        "Вариант сценария",
        "Базовый год (по умолчанию — год последнего официального итога)",
        "Фактический тренд — с года",
        "Органический рост, % в год",
    ]
    assert plain(at.selectbox(key="preset").options[1]) == "Дорожная карта до 2027 г."
    projection = titled(at, "Расчётная торговля и цели")
    assert projection["layout"]["separators"] == f",{NBSP}"
    assert plain(projection["layout"]["yaxis"]["title"]["text"]) == "Млрд $ в год, в текущих ценах"
    notes = [plain(a["text"]) for a in projection["layout"]["annotations"]]
    assert "<b>Цель 15 млрд $</b>" in notes
    for figure in figures(at):
        texts = [str(trace.get("name") or "") for trace in figure["data"]]
        texts += [str(a.get("text") or "") for a in figure["layout"].get("annotations", [])]
        texts += [str(trace.get("hovertemplate") or "") for trace in figure["data"]]
        words = [re.sub(r"%\{[^}]*\}|</?extra>", "", text) for text in texts]
        latin = [text for text in words if LATIN_WORD.search(text)]
        assert latin == [], figure["layout"]["title"]["text"]
    # The model's own words (formulas, reasons) follow the language, with its decimal mark.
    effects = next(df.value for df in at.dataframe if "Причина" in df.value.columns)
    rogun = effects[effects["Проект"] == "Рогунская ГЭС"].iloc[0]
    assert plain(rogun["Формула с использованными значениями"]).startswith(
        "10 × 13,1 млрд кВт·ч × 0,7 × 3,4 ¢/кВт·ч"
    )
    assert rogun["Причина"].startswith("учтён: наращивание")
    assumptions = next(df.value for df in at.dataframe if "Параметр" in df.value.columns)
    assert "Торговля пары Казахстан – Узбекистан" in map(plain, assumptions["Параметр"])
    # The pair rows are made from the flows, with no translation in the data: their unit too.
    pair = assumptions[assumptions["Идентификатор"] == "pair.trade.kaz_uzb.all"].iloc[0]
    assert pair["Единица"] == "млн долларов США (2025 г.)"


def test_the_pair_inputs_units_are_in_russian() -> None:
    at = open_scenario(lang="ru", assumptions="true")
    label = at.number_input(key="pair.trade.kaz_uzb.all").label
    assert label.endswith("[млн долларов США (2025 г.)]"), label


def test_scenario_in_english_after_russian_keeps_its_english_reasons() -> None:
    """The cached model output is kept per language: Russian never leaks into English."""
    open_scenario(lang="ru", how="true")
    at = open_scenario(how="true")
    assert not at.exception
    effects = next(df.value for df in at.dataframe if "Why" in df.value.columns)
    assert all(reason.isascii() for reason in effects["Why"])
