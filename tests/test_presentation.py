"""What the pages say: formats, deltas and verdict sentences, exactly."""

from datetime import date

import pytest

from regie import i18n
from regie.overview import delta, tiles, trend_periods, verdict
from regie.periods import Period

PREVIOUS = "de vorige periode"


@pytest.mark.parametrize(
    ("function", "value", "lang", "expected"),
    [
        (i18n.eur, 1234.56, "nl", "€ 1.234,56"),
        (i18n.eur, 1234.56, "en", "€1,234.56"),
        (i18n.eur, -1234.5, "nl", "€ -1.234,50"),
        (i18n.eur, -1234.5, "en", "-€1,234.50"),
        (i18n.pct, 12.345, "nl", "12,3%"),
        (i18n.pct, 12.345, "en", "12.3%"),
        (i18n.number, 1234567, "nl", "1.234.567"),
        (i18n.pct, None, "nl", "n.b."),
        (i18n.eur, float("nan"), "en", "n/a"),
    ],
)
def test_formats(function, value, lang, expected):
    assert function(value, lang=lang) == expected


def test_dates_and_periods():
    assert i18n.long_date(date(2026, 10, 31), "nl") == "31 oktober 2026"
    assert i18n.long_date(date(2026, 3, 1), "en") == "1 March 2026"
    assert i18n.period_label(Period.parse("2025-Q3"), "nl") == "3e kwartaal 2025"
    assert i18n.period_label(Period.parse("2025-Q3"), "en") == "Q3 2025"
    assert i18n.period_label(Period.parse("2025-07"), "nl") == "juli 2025"
    assert i18n.short_period_label(Period.parse("2025-Q3"), "nl") == "K3 2025"
    assert i18n.short_period_label(Period.parse("2025-03"), "nl") == "mrt 2025"
    assert i18n.short_period_label(Period.parse("2025-10"), "nl") == "okt 2025"
    assert i18n.short_period_label(Period.parse("2025-03"), "en") == "Mar 2025"
    assert i18n.period_label(Period.parse("2025"), "en") == "2025"


@pytest.mark.parametrize(
    ("field", "current", "comparison", "lang", "expected"),
    [
        ("sla_resolution_pct", 93.44, 92.96, "nl", "+0,4 procentpunt"),
        ("sla_resolution_pct", 93.44, 93.41, "nl", "0,0 procentpunt"),
        ("spend_per_inhabitant_eur", 30.26, 30.71, "nl", "-€ 0,45"),
        ("spend_per_inhabitant_eur", 30.26, 30.71, "en", "-€0.45"),
        ("backlog_open", 56, 54, "en", "+2"),
        ("sla_response_pct", 98.2, None, "nl", None),
    ],
)
def test_delta_sign_comes_first(field, current, comparison, lang, expected):
    assert delta(field, current, comparison, lang) == expected


@pytest.mark.parametrize(
    ("field", "current", "comparison", "average", "expected"),
    [
        (
            "sla_resolution_pct",
            93.44,
            92.96,
            92.8,
            "Beter dan de vorige periode (93,0%); het gemiddelde van de leden is 92,8%.",
        ),
        (
            "sla_resolution_pct",
            93.44,
            93.41,
            92.8,
            "Gelijk aan de vorige periode; het gemiddelde van de leden is 92,8%.",
        ),
        ("backlog_open", 56, 54, 54.2, "Slechter dan de vorige periode (54); het gemiddelde van de leden is 54."),
        (
            "budget_used_pct",
            101.2,
            103.8,
            98.9,
            "Lager dan de vorige periode (103,8%); het gemiddelde van de leden is 98,9%.",
        ),
        (
            "spend_per_inhabitant_eur",
            30.26,
            None,
            29.56,
            "Geen vergelijking met de vorige periode mogelijk; het gemiddelde van de leden is € 29,56.",
        ),
        ("collective_share_pct", None, 70.0, 70.0, "Geen waarde voor deze periode."),
    ],
)
def test_verdicts(field, current, comparison, average, expected):
    assert verdict(field, current, comparison, average, PREVIOUS, "nl") == expected


def test_verdicts_for_few_responses_and_unknown_savings():
    assert (
        verdict("satisfaction_mean", None, 7.4, 7.5, PREVIOUS, "nl", responses=29)
        == "Minder dan 30 beoordelingen (29): te weinig voor een gemiddelde."
    )
    assert (
        verdict("realized_savings_eur", None, None, 1000.0, PREVIOUS, "en", year=2026)
        == "The realised savings for 2026 are not known yet."
    )


def test_tiles_switch_off_arrow_and_colour_when_unchanged():
    current = {"sla_resolution_pct": 93.44, "backlog_open": 56, "satisfaction_responses": 40}
    previous = {"sla_resolution_pct": 93.41, "backlog_open": 54}
    by_field = {t.field: t for t in tiles(current, previous, {}, PREVIOUS, "nl", 2026)}
    assert (by_field["sla_resolution_pct"].delta_arrow, by_field["sla_resolution_pct"].delta_color) == ("off", "off")
    assert (by_field["backlog_open"].delta_arrow, by_field["backlog_open"].delta_color) == ("auto", "inverse")
    assert by_field["spend_per_inhabitant_eur"].value == "n.b." and by_field["spend_per_inhabitant_eur"].delta is None


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [("2025-Q3", "2023-Q4", "2025-Q3"), ("2025", "2024-Q1", "2025-Q4"), ("2025-07", "2023-Q3", "2025-Q2")],
)
def test_trend_quarters(period, first, last):
    quarters = trend_periods(Period.parse(period))
    assert len(quarters) == 8 and (str(quarters[0]), str(quarters[-1])) == (first, last)


def test_an_abbreviation_ends_the_sentence_once():
    assert (
        i18n.t(
            "{share} of the tickets was resolved within {hours} service hours.",
            "nl",
            share=i18n.pct(None, lang="nl"),
            hours=9,
        ).count("..")
        == 0
    )
    assert i18n.t("No earlier data; the member average is {average}.", "nl", average="n.b.") == (
        "Geen eerdere gegevens; het gemiddelde van de leden is n.b."
    )


def test_count_of_one_takes_the_singular():
    assert (
        i18n.tn(
            "1 exception: {top} ({amount}).",
            "{count} exceptions, {total} together; the largest: {top} ({amount}).",
            "en",
            count=1,
            top="X",
            amount="€1",
            total="€1",
        )
        == "1 exception: X (€1)."
    )
    assert i18n.tn(
        "1 exception: {top} ({amount}).",
        "{count} exceptions, {total} together; the largest: {top} ({amount}).",
        "en",
        count=2,
        top="X",
        amount="€1",
        total="€2",
    ).startswith("2 exceptions")
