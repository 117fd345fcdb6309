"""The cut-off in words, in both languages."""

from __future__ import annotations

from datetime import date

from ca_trade.i18n import language
from ca_trade.present.cutoff import cutoff_line_label, cutoff_note, data_version_label
from ca_trade.release import DataCutoff

CUTOFF = DataCutoff(date(2026, 3, 21), 2024)


def test_cutoff_note_in_english() -> None:
    with language("en"):
        assert cutoff_note(CUTOFF) == (
            "Sources up to 21 March 2026 · latest official regional total: 2024"
        )
        assert cutoff_line_label() == "Data cut-off"
        assert data_version_label("0.2.0") == "Data version 0.2.0"


def test_cutoff_note_in_russian() -> None:
    with language("ru"):
        assert cutoff_note(CUTOFF) == (
            "Источники по 21 марта 2026\u202fг. · последний официальный итог по региону: 2024 г."
        )
        assert data_version_label("0.2.0") == "Версия данных 0.2.0"
