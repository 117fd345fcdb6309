"""Translation of user-facing text (gettext catalogues) and number formatting per language.

Messages are written in English in the code, wrapped in `t("...")`, as gettext does: English
needs no catalogue, every other language has `locales/<lang>/LC_MESSAGES/messages.po`. Adding a
language is adding a catalogue. The language in force is held in a context variable that the UI
sets once per run, so pure chart and domain code can translate without Streamlit.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
CATALOGUE_DOMAIN = "messages"

_language: contextvars.ContextVar[str] = contextvars.ContextVar(
    "language", default=DEFAULT_LANGUAGE
)


def available_languages() -> tuple[str, ...]:
    """Return the language codes the interface is offered in: English plus every catalogue."""
    found = sorted(
        p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{CATALOGUE_DOMAIN}.po")
    )
    return (DEFAULT_LANGUAGE, *(lang for lang in found if lang != DEFAULT_LANGUAGE))


def language_name(lang: str) -> str:
    """Return the language's own name, capitalised (e.g. 'Русский' for 'ru')."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


@cache
def _catalogue(lang: str) -> dict[str, str]:
    """Return msgid -> translation for `lang`; empty for English or a missing catalogue."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{CATALOGUE_DOMAIN}.po"
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    return {
        str(message.id): str(message.string)
        for message in catalogue
        if message.id and isinstance(message.string, str) and message.string and not message.fuzzy
    }


@cache
def plotly_locale(lang: str) -> dict[str, Any] | None:
    """Return plotly.js's locale (toolbar texts, month names) for `lang`, if one is shipped."""
    path = LOCALES_DIR / lang / "plotly_locale.json"
    if not path.is_file():
        return None
    locale: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return locale


def current_language() -> str:
    """Return the language in force for this run."""
    return _language.get()


def set_language(lang: str) -> None:
    """Set the language for the rest of this run (falls back to English if not offered)."""
    _language.set(lang if lang in available_languages() else DEFAULT_LANGUAGE)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Use `lang` inside the block, then restore the previous language."""
    token = _language.set(lang if lang in available_languages() else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


def t(message: str, **values: object) -> str:
    """Translate an English message into the current language, then fill `{placeholders}`."""
    translated = _catalogue(current_language()).get(message, message)
    return translated.format(**values) if values else translated


def format_number(value: float, decimals: int = 1) -> str:
    """Format a number with the current language's separators and `decimals` fraction digits."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=current_language()))


def format_usd_bn(value: float, decimals: int = 1) -> str:
    """Format an amount in USD billion: '$11.5bn' in English, '11,5 млрд $' in Russian."""
    return t("${value}bn", value=format_number(value, decimals))


def format_percent(fraction: float, decimals: int = 1) -> str:
    """Format a fraction as a percentage: 0.045 -> '4.5%' (English), '4,5 %' (Russian)."""
    return t("{value}%", value=format_number(fraction * 100, decimals))


def plotly_separators() -> str:
    """Return plotly's `layout.separators` (decimal mark, then group mark) for the language."""
    symbols = Locale.parse(current_language()).number_symbols["latn"]
    return f"{symbols['decimal']}{symbols['group']}"
