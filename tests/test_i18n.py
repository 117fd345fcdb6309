"""Catalogues are complete and consistent; numbers are formatted per language."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ca_trade.i18n import (
    LOCALES_DIR,
    available_languages,
    current_language,
    format_percent,
    format_usd_bn,
    language,
    plotly_locale,
    plotly_separators,
    set_language,
    t,
)
from ca_trade.paths import PROJECT_ROOT

NBSP = "\u00a0"
TRANSLATED = sorted((set(available_languages()) - {"en"}) | {"ru"})


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


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_russian_is_offered() -> None:
    assert "ru" in TRANSLATED


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_none_is_unused(lang: str) -> None:
    in_code = messages_in_code()
    translated = catalogue(lang)
    assert sorted(in_code - translated.keys()) == [], "messages missing from the catalogue"
    assert sorted(translated.keys() - in_code) == [], "catalogue entries no code uses"
    assert [m for m, tr in translated.items() if not tr.strip()] == [], "empty translations"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match(lang: str) -> None:
    mismatched = {m: tr for m, tr in catalogue(lang).items() if placeholders(m) != placeholders(tr)}
    assert mismatched == {}


def test_english_needs_no_catalogue() -> None:
    with language("en"):
        assert t("Overview") == "Overview"
        assert t("{value}%", value="4.5") == "4.5%"


def test_russian_formats_money_and_percent() -> None:
    with language("ru"):
        assert format_usd_bn(11.5).replace(NBSP, " ") == "11,5 млрд $"
        assert format_percent(0.045).replace(NBSP, " ") == "4,5 %"
        assert plotly_separators() == f",{NBSP}"
    assert format_usd_bn(11.5) == "$11.5bn"
    assert format_percent(0.0453) == "4.5%"
    assert plotly_separators() == ".,"


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
