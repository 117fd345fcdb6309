"""Catalogues are complete and consistent; the language in force and names from the data."""

from __future__ import annotations

import re
import shutil
import string
import tokenize
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ca_trade import i18n
from ca_trade.format import format_full_date
from ca_trade.i18n import (
    LOCALES_DIR,
    available_languages,
    current_language,
    language,
    language_name,
    localized,
    localized_column,
    plotly_locale,
    set_language,
    t,
)
from ca_trade.paths import PROJECT_ROOT

TRANSLATED = [lang for lang in available_languages() if lang != "en"]


def messages_in_code() -> set[str]:
    """Every literal message passed to t() in app.py and src/."""
    found: set[str] = set()
    for folder in (PROJECT_ROOT / "src", PROJECT_ROOT):
        for filename, _, message, _, _ in extract_from_dir(
            str(folder),
            method_map=[("**.py", "python")] if folder.name == "src" else [("app.py", "python")],
            keywords={"t": None},
        ):
            del filename
            found.add(str(message))
    return found


def catalogue(lang: str) -> dict[str, str]:
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def test_the_template_holds_exactly_the_messages_in_the_code() -> None:
    """`make messages` writes messages.pot from the code; a catalogue edited by hand leaves it
    behind, and a translator starting from it would miss messages."""
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {str(m.id) for m in read_po(handle) if m.id}
    in_code = messages_in_code()
    assert sorted(in_code - template) == [], "run `make messages`: missing from messages.pot"
    assert sorted(template - in_code) == [], "run `make messages`: gone from the code"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_russian_is_offered() -> None:
    assert available_languages() == ("en", "ru")


def test_unknown_or_broken_locale_folder_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copytree(LOCALES_DIR, tmp_path, dirs_exist_ok=True)
    for lang, content in [("xx", b'msgid "Overview"\nmsgstr "X"\n'), ("kk", b"\xff\xfe\x00")]:
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_bytes(content)
    (tmp_path / "ru" / "plotly_locale.json").write_text("{broken", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n._catalogue.cache_clear()
    i18n.plotly_locale.cache_clear()
    try:
        assert available_languages() == ("en", "ru")
        with language("xx"):
            assert (current_language(), t("Overview")) == ("en", "Overview")
        assert plotly_locale("ru") is None
    finally:
        i18n._catalogue.cache_clear()
        i18n.plotly_locale.cache_clear()
    logged = sorted(r.getMessage().split(":")[0] for r in caplog.records)
    assert logged == [
        "Charts keep plotly's English texts",
        "Language 'kk' is not offered",
        "Language 'xx' is not offered",
    ]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_none_is_unused(lang: str) -> None:
    in_code = messages_in_code()
    translated = catalogue(lang)
    assert sorted(in_code - translated.keys()) == [], "messages missing from the catalogue"
    assert sorted(translated.keys() - in_code) == [], "catalogue entries no code uses"
    assert [m for m, tr in translated.items() if not tr.strip()] == [], "empty translations"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_entry_is_fuzzy_or_listed_twice(lang: str) -> None:
    """The app shows a fuzzy entry in English; of an entry listed twice, only the last counts."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        entries = [m for m in read_po(handle) if m.id]
    assert [m.id for m in entries if m.fuzzy] == []
    headed = path.read_text(encoding="utf-8").count("\nmsgid ")  # the header's, then each entry's
    assert headed - 1 == len(entries)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match(lang: str) -> None:
    mismatched = {m: tr for m, tr in catalogue(lang).items() if placeholders(m) != placeholders(tr)}
    assert mismatched == {}


def test_english_needs_no_catalogue() -> None:
    with language("en"):
        assert t("Overview") == "Overview"
        assert t("{value}%", value="4.5") == "4.5%"


def test_unknown_language_falls_back_to_english() -> None:
    with language("xx"):
        assert current_language() == "en"
    set_language("en")


def test_plotly_locale_for_russian() -> None:
    locale = plotly_locale("ru")
    assert locale is not None
    assert locale["name"] == "ru"
    assert re.search("[а-я]", locale["dictionary"]["Autoscale"])
    assert plotly_locale("en") is None


def test_no_message_hides_inside_an_f_string() -> None:
    """`f"{t('...')}"` is invisible to the extractor, so its message would never be translated."""
    hidden = []
    for path in [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "src").rglob("*.py"))]:
        with tokenize.open(path) as handle:
            for token in tokenize.generate_tokens(handle.readline):
                prefix = re.match(r"[A-Za-z]*", token.string)
                is_f_string = prefix is not None and "f" in prefix.group().lower()
                if (
                    token.type == tokenize.STRING
                    and is_f_string
                    and re.search(r"\bt\(", token.string)
                ):
                    hidden.append(f"{path.name}:{token.start[0]}")
    assert hidden == []


def test_localized_reads_the_language_column_and_falls_back_to_english() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Rogun HPP", "Yavan HPP", "New"],
            "name_ru": ["Рогунская ГЭС", "Яванская ГЭС", None],
        }
    )
    assert list(localized(frame, "name")) == ["Rogun HPP", "Yavan HPP", "New"]
    with language("ru"):
        assert list(localized(frame, "name")) == ["Рогунская ГЭС", "Яванская ГЭС", "New"]
        assert localized(frame.iloc[0], "name") == "Рогунская ГЭС"
        assert localized({"name": "Astana", "name_ru": " "}, "name") == "Astana"
        assert localized({"place": "Astana"}, "place") == "Astana"  # no Russian column at all
        assert localized_column(frame.columns, "name") == "name_ru"
        assert localized_column(frame.columns, "place") == "place"
        notes = pd.DataFrame({"note": ["Rounded.", None], "note_ru": [None, None]})
        assert list(localized(notes, "note")) == ["Rounded.", None]  # missing stays missing
        assert localized({"note": None, "note_ru": None}, "note") == ""


def test_a_third_language_is_a_catalogue_and_a_data_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kazakh needs `kk/LC_MESSAGES/messages.po` and `name_kk` in the data: no code."""
    shutil.copytree(LOCALES_DIR, tmp_path, dirs_exist_ok=True)
    kazakh = tmp_path / "kk" / "LC_MESSAGES"
    kazakh.mkdir(parents=True)
    (kazakh / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Overview"\nmsgstr "Шолу"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    countries = pd.DataFrame(
        {"name": ["Kazakhstan"], "name_ru": ["Казахстан"], "name_kk": ["Қазақстан"]}
    )
    assert "kk" in available_languages()
    assert language_name("kk") == "Қазақ тілі"
    with language("kk"):
        assert current_language() == "kk"
        assert t("Overview") == "Шолу"
        assert t("Trade flows") == "Trade flows"  # not yet translated: English, never blank
        assert list(localized(countries, "name")) == ["Қазақстан"]
        assert "тамыз" in format_full_date(date(2024, 8, 9))
    i18n._catalogue.cache_clear()
