"""Translation of user-facing text (gettext catalogues) and the language in force.

Messages are written in English in the code, wrapped in `t("...")`, as gettext does: English
needs no catalogue, every other language has `locales/<lang>/LC_MESSAGES/messages.po`. Adding a
language is adding a catalogue. The language in force is held in a context variable that the UI
sets once per run, so pure chart and domain code can translate without Streamlit.

Names that come from the data (countries, projects, meetings, places) are translated in the data:
a column `<column>_<lang>` (`name_ru`, `name_kk`) beside the English `<column>`, read through
`localized`. Numbers, amounts and dates are written by `ca_trade.format`.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Collection, Hashable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, overload

import pandas as pd
from babel import Locale, UnknownLocaleError
from babel.messages.pofile import PoFileError, read_po

DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
CATALOGUE_DOMAIN = "messages"

_log = logging.getLogger(__name__)
_language: contextvars.ContextVar[str] = contextvars.ContextVar(
    "language", default=DEFAULT_LANGUAGE
)


def available_languages() -> tuple[str, ...]:
    """Return the language codes the interface is offered in: English plus every catalogue
    that reads. A folder named for no known language, or a catalogue that cannot be read, is
    logged and left out, so every page still works (in English).
    """
    found = sorted(
        p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{CATALOGUE_DOMAIN}.po")
    )
    return (
        DEFAULT_LANGUAGE,
        *(lang for lang in found if lang != DEFAULT_LANGUAGE and _catalogue(lang) is not None),
    )


def language_name(lang: str) -> str:
    """Return the language's own name, capitalised (e.g. 'Русский' for 'ru')."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


@cache
def _catalogue(lang: str) -> dict[str, str] | None:
    """Return msgid -> translation for `lang`: empty for English or a missing catalogue, None
    (logged once) where the language is unknown to Babel or its catalogue cannot be read.
    """
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{CATALOGUE_DOMAIN}.po"
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return {}
    try:
        Locale.parse(lang)
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=lang, abort_invalid=True)
    except (OSError, ValueError, TypeError, UnknownLocaleError, PoFileError) as error:
        _log.warning("Language %r is not offered: %s cannot be used (%s)", lang, path, error)
        return None
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
    try:
        locale = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        _log.warning("Charts keep plotly's English texts: %s cannot be read (%s)", path, error)
        return None
    return locale if isinstance(locale, dict) else None


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
    translated = (_catalogue(current_language()) or {}).get(message, message)
    return translated.format(**values) if values else translated


def localized_column(columns: Collection[Hashable], column: str) -> str:
    """Return the column holding `column` in the current language: `<column>_<lang>` if the
    data have it (e.g. `name_ru`), else `column` itself (English, always present).
    """
    translated = f"{column}_{current_language()}"
    return translated if translated in columns else column


def _is_blank(value: Any) -> bool:
    """Whether a data cell holds no text (None, NaN, NA or only spaces)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


@overload
def localized(data: pd.DataFrame, column: str) -> pd.Series: ...


@overload
def localized(data: Mapping[Hashable, Any] | pd.Series, column: str) -> str: ...


def localized(
    data: pd.DataFrame | Mapping[Hashable, Any] | pd.Series, column: str
) -> pd.Series | str:
    """Return the English `column` (e.g. "name") of a frame, or of one row of it (a record dict
    or a Series), in the current language.

    Reads `<column>_<lang>` where the data have that column and the cell is filled, else the
    English `<column>`; so a new language's names are a data change (a `name_kk` column) and a
    name not yet translated shows in English rather than blank. A frame gives a Series of str
    aligned with it (None where neither column has text), a row a str ('' where neither has).
    """
    if isinstance(data, pd.DataFrame):
        english = data[column].astype("string")
        source = localized_column(data.columns, column)
        if source != column:
            translated = data[source].astype("string")
            filled = translated.notna() & (translated.str.strip() != "")
            english = translated.where(filled, english)
        return english.astype(object).where(english.notna(), None)
    source = localized_column(data.keys(), column)
    value = data.get(source)
    if source == column or _is_blank(value):
        value = data[column]
    return "" if _is_blank(value) else str(value)
