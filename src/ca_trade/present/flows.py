"""Words of the Trade flows page: pair and reporter names, periods, the values table, notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ca_trade.flows import UNSPECIFIED
from ca_trade.i18n import t
from ca_trade.present.common import qualifier_label
from ca_trade.progress import FULL_YEAR_MONTHS


def pair_label(country_a: str, country_b: str, names: Mapping[str, str]) -> str:
    """Return 'Kazakhstan – Uzbekistan' for ('KAZ', 'UZB'), given ISO3 -> name."""
    return f"{names.get(country_a, country_a)} – {names.get(country_b, country_b)}"


def reporter_name(reporter: object, names: Mapping[str, str]) -> str:
    """Return the reporting country's name, or a phrase for an unnamed reporter."""
    if reporter == UNSPECIFIED:
        return t("a source that does not name the reporter")
    return names.get(str(reporter), str(reporter))


def months_label(months: int) -> str:
    """Return 'Jan–Nov' style labels for a partial year of `months` months from January."""
    labels = {
        1: t("January"),
        2: t("Jan–Feb"),
        3: t("Jan–Mar"),
        4: t("Jan–Apr"),
        5: t("Jan–May"),
        6: t("Jan–Jun"),
        7: t("Jan–Jul"),
        8: t("Jan–Aug"),
        9: t("Jan–Sep"),
        10: t("Jan–Oct"),
        11: t("Jan–Nov"),
        12: t("full year"),
    }
    return labels[months]


def country_codes(order: Sequence[str], names: Mapping[str, str]) -> str:
    """Return the key to the matrix columns: 'KAZ Kazakhstan, KGZ Kyrgyzstan, ...'."""
    return ", ".join(f"{code} {names[code]}" for code in order)


def reporter_rule_intro(
    order: Sequence[str], priority: Mapping[str, int], names: Mapping[str, str]
) -> str:
    """Return the page's introduction: what a cell holds and whose statistics it takes
    (`priority`: `flows.reporter_priority`)."""
    ranked = sorted(priority, key=lambda code: priority[code])
    never = [code for code in order if code not in priority]
    intro = t(
        "Bilateral trade (exports plus imports) between the five countries, in USD million. "
        "The two sides of a pair often report different values, so each cell takes one "
        "reporter: the first of {ranked} that reports the pair, else its partner.",
        ranked=" > ".join(names[code] for code in ranked),
    )
    if never:
        intro += " " + t(
            "{never} publishes no trade by partner, so its pairs use the partner's figures.",
            never=", ".join(names[code] for code in never),
        )
    return intro


def _what(flow: str, country: str, names: Mapping[str, str]) -> str:
    """Return what a value measures: 'turnover', 'exports of Kazakhstan', 'imports of ...'."""
    if flow == "turnover":
        return t("turnover")
    if flow == "export":
        return t("exports of {country}", country=names[country])
    return t("imports of {country}", country=names[country])


def _period(months: int) -> str:
    """Return 'full year' or 'Jan–Oct (part of the year)'."""
    if months == FULL_YEAR_MONTHS:
        return months_label(months)
    return t("{months} (part of the year)", months=months_label(months))


def _in_matrix(used: bool, partial: bool) -> str:
    """Return whether the matrix shows a value: 'yes', 'shown as part-year' or 'no'."""
    if used:
        return t("yes")
    return t("shown as part-year") if partial else t("no")


def values_table_in_words(
    table: pd.DataFrame, order: Sequence[str], names: Mapping[str, str]
) -> pd.DataFrame:
    """Return a year's values (`flows.year_values_table`) as the reader sees them: Pair,
    Reported by, What, Period, USD million (float), Stated as, In the matrix, Source (URL), Note,
    headed in the current language (a pair's first country by `order`)."""
    pairs = (
        sorted((str(c), str(p)), key=order.index)
        for c, p in zip(table["country"], table["partner"], strict=True)
    )
    return pd.DataFrame(
        {
            t("Pair"): [pair_label(first, second, names) for first, second in pairs],
            t("Reported by"): [reporter_name(r, names) for r in table["reporter"]],
            t("What"): [
                _what(str(f), str(c), names)
                for f, c in zip(table["flow"], table["country"], strict=True)
            ],
            t("Period"): [_period(int(m)) for m in table["months"]],
            t("USD million"): table["value_usd_m"].astype(float).to_list(),
            t("Stated as"): [qualifier_label(str(q)) for q in table["qualifier"]],
            t("In the matrix"): [
                _in_matrix(bool(used), bool(partial))
                for used, partial in zip(table["used"], table["partial_shown"], strict=True)
            ],
            t("Source"): table["source_url"].to_list(),
            t("Note"): table["note"].to_list(),
        }
    )


def flows_notes() -> list[str]:
    """Return the notes under the Trade flows page: the reporter rule, asymmetry, part years."""
    return [
        t(
            "Where a reporter gives several values for a year, a stated turnover beats "
            "one added up from exports and imports, an exact figure beats an 'about' or a "
            "'more than', and a precise figure beats a rounded one."
        ),
        t(
            "Mirror asymmetry: one country's exports rarely equal its partner's imports "
            "(timing, valuation, transit, unrecorded trade). Switch on 'Compare what each side "
            "reports' to see both."
        ),
        t(
            "Values for part of a year (for example January to October) are never mixed "
            "with full-year values: they appear only where no full-year value exists, "
            "labelled with the months they cover."
        ),
        t(
            "The sum of the pairs differs from the official regional total because of "
            "gaps, the reporter chosen, and what each total includes (goods, services)."
        ),
        t("Unit: USD million, current prices."),
    ]
