"""Texts from the gettext catalogs (regie/locale), and numbers, money, percentages and dates by Babel
for the locale of each language (Dutch first).

Messages are English in the code, looked up in the catalog of the language: `t` for a text, `tn` for a
text with a singular and a plural (chosen by `count`), `pt` for a text that needs a context to tell it
from the same English elsewhere. `N_` marks a message kept in a table, for extraction only.
"""

from __future__ import annotations

import decimal
import functools
import gettext
import io
import math
from datetime import date
from pathlib import Path
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

from regie.periods import Period

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
CATALOGS = Path(__file__).parent / "locale"


def catalog_path(lang: str) -> Path:
    return CATALOGS / lang / "LC_MESSAGES" / "messages.po"


@functools.cache
def _translations(lang: str) -> gettext.GNUTranslations:
    """The language's catalog, compiled in memory (no compiled file to keep in step with the .po)."""
    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT


def _fill(text: str, values: dict) -> str:
    """`values` filled in; an abbreviation at the end of a sentence ("n.b.") absorbs its full stop."""
    text = text.format(**values) if values else text
    return text[:-1] if text.endswith("..") else text


def N_(message: str) -> str:
    """Marks a message that a table holds, so that extraction finds it; translated where it is shown."""
    return message


class Context(NamedTuple):
    context: str
    message: str


class Plural(NamedTuple):
    singular: str
    plural: str


def NP_(context: str, message: str) -> Context:
    """Marks a message with a context (the same English means something else elsewhere)."""
    return Context(context, message)


def NN_(singular: str, plural: str) -> Plural:
    """Marks a message with a singular and a plural, chosen by the `count` it is shown with."""
    return Plural(singular, plural)


def show(message: str | Context | Plural, lang: str = DEFAULT, **values: object) -> str:
    """A message from a table (marked with N_, NP_ or NN_) in the language, `values` filled in."""
    if isinstance(message, Plural):
        return tn(message.singular, message.plural, lang, **values)
    if isinstance(message, Context):
        return pt(message.context, message.message, lang, **values)
    return t(message, lang, **values)


def t(message: str, lang: str = DEFAULT, **values: object) -> str:
    """The message in the language, with `values` filled in."""
    return _fill(_translations(_lang(lang)).gettext(message), values)


def tn(singular: str, plural: str, lang: str = DEFAULT, n: int | None = None, **values: object) -> str:
    """The singular or plural form of the message for the number `n` (by default the value `count`)."""
    return _fill(_translations(_lang(lang)).ngettext(singular, plural, values["count"] if n is None else n), values)


def pt(context: str, message: str, lang: str = DEFAULT, **values: object) -> str:
    """The message as meant in `context`, where the same English has another translation elsewhere."""
    return _fill(_translations(_lang(lang)).pgettext(context, message), values)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(format_function, value, *args, **kwargs) -> str:
    """Rounded half away from zero on the decimal value shown (12,25 -> 12,3), as a controller rounds;
    Babel reads a float by its shortest repr, so 0.125 is 0,13, not the binary 0.12499..."""
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        return format_function(value, *args, **kwargs)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def number(value: float | None, decimals: int = 0, lang: str = DEFAULT) -> str:
    if _missing(value):
        return t("n/a", lang)
    return _rounded(format_decimal, value, _pattern(decimals), locale=LOCALES[_lang(lang)])


def eur(value: float | None, decimals: int = 2, lang: str = DEFAULT) -> str:
    """EUR 1.234,56 in Dutch as '€ 1.234,56', in English as '€1,234.56'; the locale's own pattern."""
    if _missing(value):
        return t("n/a", lang)
    locale = LOCALES[_lang(lang)]
    standard = _currency_pattern(locale)
    text = _rounded(format_currency, value, "EUR", standard.replace("#,##0.00", _pattern(decimals)), locale=locale,
                           currency_digits=False)  # fmt: skip
    return text.replace("\xa0", " ")  # one plain space, as typed, searched and compared


def eur_millions(value: float, decimals: int = 2, lang: str = DEFAULT) -> str:
    """Money in millions, for charts: '€ 2,35 mln' in Dutch, '€2.35m' in English (the locale's short
    pattern), rounded as `number` rounds."""
    locale = LOCALES[_lang(lang)]
    text = _rounded(format_currency, value / 1_000_000, "EUR", _million_pattern(locale, decimals), locale=locale,
                    currency_digits=False)  # fmt: skip
    return text.replace("\xa0", " ")


@functools.cache
def _currency_pattern(locale: str) -> str:
    return Locale.parse(locale).currency_formats["standard"].pattern


@functools.cache
def _million_pattern(locale: str, decimals: int) -> str:
    """The locale's short pattern for millions of a currency ("¤ 0 mln." in Dutch, "¤0m" in British
    English), with `decimals` decimals. The Dutch abbreviation's full stop is left out: "€ 1,2 mln",
    as Dutch financial writing has it."""
    pattern = Locale.parse(locale).compact_currency_formats["short"]["other"]["1000000"].pattern
    return pattern.replace("'.'", "").replace("0", "0" + ("." + "0" * decimals if decimals else ""), 1)


def pct(value: float | None, decimals: int = 1, lang: str = DEFAULT) -> str:
    """A percentage given in percent (12.3 for 12,3%)."""
    if _missing(value):
        return t("n/a", lang)
    return _rounded(
        format_percent, decimal.Decimal(str(value)) / 100, _pattern(decimals) + "%", locale=LOCALES[_lang(lang)]
    )


def month_name(month: int, lang: str = DEFAULT, short: bool = False) -> str:
    """'november' / 'November'; short: 'nov' / 'Nov' (Dutch writes 'mrt' for maart)."""
    names = get_month_names("abbreviated" if short else "wide", locale=LOCALES[_lang(lang)])
    return names[month].rstrip(".")


def long_date(day: date, lang: str = DEFAULT) -> str:
    return format_date(day, "d MMMM y", locale=LOCALES[_lang(lang)])


def short_date(day, lang: str = DEFAULT) -> str:
    """Dates in tables: 31-12-2026 in Dutch (dd-mm-jjjj), 2026-12-31 in English; '' when missing."""
    if day is None or (isinstance(day, float) and math.isnan(day)) or str(day) in ("NaT", "nan", "None"):
        return ""
    day = day.date() if hasattr(day, "date") and callable(day.date) else day
    return format_date(day, "dd-MM-y" if _lang(lang) == "nl" else "y-MM-dd", locale=LOCALES[_lang(lang)])


def period_label(period: Period, lang: str = DEFAULT) -> str:
    """'3e kwartaal 2025', 'juli 2025', '2025'; a cut period says how far the data cover it:
    '2026 t/m 30 november 2026' (product.md, "Coverage")."""
    if period.kind == "year":
        label = str(period.year)
    elif period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        label = f"{quarter}e kwartaal {period.year}" if lang == "nl" else f"Q{quarter} {period.year}"
    else:
        label = f"{month_name(period.start.month, lang)} {period.year}"
    return (
        (str(label) + " " + t("up to {date}", lang, date=long_date(period.last_day, lang))) if period.partial else label
    )


def short_period_label(period: Period, lang: str = DEFAULT) -> str:
    """For chart axes: 'K3 2025' / 'Q3 2025', 'jul 2025', '2025'; a cut period says how far the
    data cover it: 'K4 2026 t/m 30 nov'."""
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        label = f"{'K' if lang == 'nl' else 'Q'}{quarter} {period.year}"
    elif period.kind == "month":
        label = f"{month_name(period.start.month, lang, short=True)} {period.year}"
    else:
        label = str(period.year)
    if not period.partial:
        return label
    last = period.last_day
    day = (
        f"{last.day} {month_name(last.month, lang, short=True)}"
        if lang == "nl"
        else f"{month_name(last.month, lang, short=True)} {last.day}"
    )
    return str(label) + " " + t("up to {date}", lang, date=day)


def plotly_separators(lang: str = DEFAULT) -> str:
    """Plotly's `separators`: decimal mark, then thousands mark."""
    return ",." if lang == "nl" else ".,"
