"""Numbers, amounts, rates and dates written for people, in the current language.

The one place that turns a number into text: money in USD billion and million, shares, growth
rates, signed changes, dates, amounts qualified as their source states them, capacities and
lengths, and plotly's number settings. Separators and date patterns come from CLDR (babel), so
Russian writes '4 400,5' with a non-breaking space and '9 августа 2024 г.'.

Signs: a negative value always carries a true minus (U+2212) in front of the whole amount
('−$0.3bn', '−0,3 млрд $'), never a hyphen and never '$-0.3bn'. `signed=True` adds an explicit
plus to a positive value, for texts that show a change ('+$0.3bn', '+4.5%'). A value that rounds
to zero at the digits shown has no sign ('$0.0bn', not '−$0.0bn').
"""

from __future__ import annotations

import math
from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from ca_trade.i18n import current_language, t

MINUS = "\u2212"
PLUS = "+"
# The interface's English is British ("9 August 2024", not "August 9, 2024").
DATE_LOCALES = {"en": "en_GB"}


def _sign(value: float, decimals: int, signed: bool) -> str:
    """Return the sign written before `value` shown with `decimals` digits: '−', '+' or ''."""
    if round(value, decimals) == 0:
        return ""
    if value < 0:
        return MINUS
    return PLUS if signed else ""


def _digits(value: float, decimals: int) -> str:
    """Return |value| with the language's decimal and group marks and `decimals` digits."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(abs(value), format=pattern, locale=current_language()))


def fewest_decimals(value: float, most: int = 2) -> int:
    """Return how many fraction digits show `value` without trailing zeros, at most `most`
    (4.2 -> 1, 0.28 -> 2, 2.0 -> 0)."""
    for decimals in range(most + 1):
        if math.isclose(value, round(value, decimals), abs_tol=10 ** -(most + 2)):
            return decimals
    return most


def format_number(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """Format a plain number with `decimals` fraction digits: '4,400.5' (English), '4 400,5'
    (Russian), '−1.0'; with `signed`, '+' before a positive value (for a change)."""
    return _sign(value, decimals, signed) + _digits(value, decimals)


def format_significant(value: float, digits: int = 6) -> str:
    """Format a number with up to `digits` significant digits and no group marks, for a formula
    written out: '13.1', '0.000125' (English), '13,1' (Russian); negatives with a true minus."""
    text = format(abs(value), f".{digits}g")
    decimal, _ = number_marks()
    sign = MINUS if value < 0 and float(text) != 0 else ""
    return sign + text.replace(".", decimal)


def format_usd_bn(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """Format an amount in USD billion with `decimals` fraction digits: '$11.5bn', '−$0.3bn'
    (English), '11,5 млрд $', '−0,3 млрд $' (Russian); with `signed`, '+$0.3bn'."""
    sign = _sign(value, decimals, signed)
    return sign + t("${value}bn", value=_digits(value, decimals))


def format_usd_bn_compact(value: float, most: int = 2, *, signed: bool = False) -> str:
    """Format an amount in USD billion with up to `most` decimals and none trailing: '$4.2bn',
    '$0.28bn', '$2bn' (English), '4,2 млрд $' (Russian)."""
    rounded = round(value, most)
    return format_usd_bn(rounded, fewest_decimals(rounded, most), signed=signed)


def _usd_m_decimals(value: float) -> int:
    """Return the fraction digits of an amount in USD million: one below 10, else none."""
    return 1 if abs(value) < 10 else 0


def format_usd_m(value: float, *, signed: bool = False) -> str:
    """Format an amount in USD million: '$4,400m', '$2.3m' (one decimal below 10), '−$2.3m'
    (English), '4 400 млн $' (Russian)."""
    decimals = _usd_m_decimals(value)
    return _sign(value, decimals, signed) + t("${value}m", value=_digits(value, decimals))


def format_usd_m_compact(value: float) -> str:
    """Format an amount in USD million without its unit, for a table cell or a matrix whose
    unit is named once: '4,400', '2.3' (English), '4 400', '2,3' (Russian)."""
    return format_number(value, _usd_m_decimals(value))


def format_percent(fraction: float, decimals: int = 1, *, signed: bool = False) -> str:
    """Format a share or rate given as a fraction: 0.045 -> '4.5%' (English), '4,5 %'
    (Russian); -0.01 -> '−1.0%'; with `signed`, '+4.5%'."""
    percent = fraction * 100
    sign = _sign(percent, decimals, signed)
    return sign + t("{value}%", value=_digits(percent, decimals))


def format_growth(fraction: float, decimals: int = 1) -> str:
    """Format a growth rate a year, always signed: 0.045 -> '+4.5% a year', -0.01 ->
    '−1.0% a year' (English), '+4,5 % в год' (Russian)."""
    sign = _sign(fraction * 100, decimals, signed=True)
    return t("{sign}{rate} a year", sign=sign, rate=format_percent(abs(fraction), decimals))


def qualified(amount: str, qualifier: object) -> str:
    """Prefix a formatted amount as its source states it: 'about $1.7bn' for 'approximate',
    'more than $500m' for 'lower_bound'; any other qualifier leaves it as it is."""
    if qualifier == "approximate":
        return t("about {amount}", amount=amount)
    if qualifier == "lower_bound":
        return t("more than {amount}", amount=amount)
    return amount


def format_capacity(value: float | None, unit: str | None) -> str | None:
    """Format a design capacity in one of projects.csv's units with a short unit name:
    '1,860 MW', '30 bcm/yr' (English), '1 860 МВт' (Russian); another unit is written as it is;
    None if the value or unit is unknown."""
    if value is None or unit is None:
        return None
    number = format_number(value, fewest_decimals(value))
    texts = {
        "MW": t("{value} MW", value=number),
        "bcm_per_year": t("{value} bcm/yr", value=number),
        "mt_per_year": t("{value} Mt/yr", value=number),
        "teu_per_year": t("{value} TEU/yr", value=number),
        "trucks_per_year": t("{value} trucks/yr", value=number),
        "lanes": t("{value} lanes", value=number),
        "ha": t("{value} ha", value=number),
    }
    return texts.get(unit, f"{number} {unit}")


def format_length_km(length_km: float | None) -> str | None:
    """Format a length in kilometres: '1,833 km', '12.5 km' (English), '1 833 км' (Russian);
    None if unknown."""
    if length_km is None:
        return None
    return t("{value} km", value=format_number(length_km, fewest_decimals(length_km, 1)))


def _date_locale() -> str:
    """Return the CLDR locale whose date patterns the current language uses."""
    lang = current_language()
    return DATE_LOCALES.get(lang, lang)


def format_full_date(day: date) -> str:
    """Return a date in words: '9 August 2024' (English), '9 августа 2024 г.' (Russian)."""
    return str(format_date(day, format="long", locale=_date_locale()))


def format_short_date(day: date) -> str:
    """Return a date with the month abbreviated: '9 Aug 2024', '9 авг. 2024 г.'."""
    return str(format_date(day, format="medium", locale=_date_locale()))


def format_month_year(day: date) -> str:
    """Return the month and year of a date: 'Aug 2024', 'авг. 2024 г.'."""
    return str(format_skeleton("yMMM", day, locale=_date_locale()))


def number_marks() -> tuple[str, str]:
    """Return the language's decimal mark and group mark: ('.', ',') or (',', NBSP)."""
    symbols = Locale.parse(current_language()).number_symbols["latn"]
    return str(symbols["decimal"]), str(symbols["group"])


def plotly_separators() -> str:
    """Return plotly's `layout.separators` (decimal mark, then group mark) for the language."""
    decimal, group = number_marks()
    return f"{decimal}{group}"


def usd_bn_hover(field: str = "y", decimals: int = 2) -> str:
    """Return a plotly hover template of a non-negative amount in USD billion read from the
    trace's `field`: '$%{y:.2f}bn' (English), '%{y:.2f} млрд $' (Russian). Plotly applies the
    figure's separators (`plotly_separators`).

    An amount that can be negative must not use it (plotly would write '$-0.30bn'): pass
    `format_usd_bn(value, signed=True)` per point as hover text instead.
    """
    return t("${value}bn", value=f"%{{{field}:.{decimals}f}}")
