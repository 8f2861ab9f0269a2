"""The arithmetic of a chart's axes and labels: round ticks written by Babel in the chart's language
("€ 1,2 mln", "€ 8.000", "90%"), bar values, and long labels wrapped or shortened (regie/charts.py
draws with them)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from regie import i18n

MAX_LINES = 3  # a longer label is shortened with "…" (its full text is in the hover)
PAD = 0.2  # lines: room above and below the values, share of their spread


def wrap(text: str, width: int, max_lines: int = MAX_LINES) -> str:
    """`text` in as few lines of at most `width` characters as its words allow, lines of about equal
    length, joined by <br>; longer than `max_lines` lines: shortened at a word, with "…"."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    words = text.split(" ")
    lines = min(max_lines, len(words), math.ceil(len(text) / width))
    if len(text) > max_lines * width and lines == max_lines:
        kept = ""
        for word in words:
            if len(f"{kept} {word}".strip()) > max_lines * width - 1:
                break
            kept = f"{kept} {word}".strip()
        words = (kept or text[: max_lines * width - 1]).split(" ")
        words[-1] += "…"
    return "<br>".join(_balanced(words, lines))


def _balanced(words: list[str], lines: int) -> list[str]:
    """`words` in `lines` lines whose longest is as short as can be."""
    if lines <= 1 or len(words) <= 1:
        return [" ".join(words)]
    best: list[str] | None = None
    for cut in range(1, len(words) - lines + 2):
        rest = _balanced(words[cut:], lines - 1)
        candidate = [" ".join(words[:cut]), *rest]
        if best is None or max(map(len, candidate)) < max(map(len, best)):
            best = candidate
    return best or [" ".join(words)]


def numbers(values) -> list[float]:
    out = []
    for v in values if values is not None else ():
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != math.inf:
            out.append(float(v))
    return out


def _step(span: float, intervals: int, whole: bool) -> float:
    """The round step (1, 2 or 5 times a power of ten) that covers `span` in at most `intervals` steps."""
    raw = span / intervals
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):  # not 2.5: "90%" rather than "92,5%"
        step = multiple * power
        if step >= raw * (1 - 1e-9) and not (whole and step != int(step)):
            return step
    return 10 * power


def ticks(low: float, high: float, intervals: int = 5, whole: bool = False) -> list[float]:
    """Round ticks from at or below `low` to at or above `high`, at most `intervals` steps apart;
    `whole`: steps of at least 1 (counts, euros)."""
    if high < low:
        low, high = high, low
    if high == low:
        high, low = (high + 1, low) if whole or high == 0 else (high + abs(high) * 0.1, low - abs(low) * 0.1)
    step = max(_step(high - low, intervals, whole), 1.0 if whole else 0.0)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [_clean(i * step) for i in range(first, last + 1)]


def _clean(value: float) -> float:
    value = round(value, 9)
    return 0.0 if value == 0 else value


def _decimals(step: float) -> int:
    for decimals in range(7):
        if abs(step * 10**decimals - round(step * 10**decimals)) < 1e-6:
            return decimals
    return 6


def tick_texts(values: Sequence[float], unit: str, lang: str) -> list[str]:
    """The ticks as the axis writes them, in the language's locale: money in whole euros, or in
    millions when the axis reaches a million ("€ 1,5 mln", "€1.5m"); percentages as "90%"; as many
    decimals as the step needs and no more."""
    step = min((b - a for a, b in zip(values, values[1:], strict=False)), default=1.0) or 1.0
    if unit == "eur":
        if max(abs(v) for v in values) >= 1_000_000:
            decimals = _decimals(step / 1_000_000)
            return [i18n.eur_millions(v, decimals, lang) if v else i18n.eur(0, 0, lang) for v in values]
        return [i18n.eur(v, 0, lang) for v in values]
    decimals = 0 if unit == "count" else _decimals(step)
    if unit == "pct":
        return [i18n.pct(v, decimals, lang) for v in values]
    return [i18n.number(v, decimals, lang) for v in values]


def value_label(value: float | None, unit: str, lang: str) -> str:
    """A bar's value as written beyond its end: money in whole euros, from a million in millions
    with two decimals ("€ 2,35 mln"), under a thousand with its cents; the figure's own decimals
    otherwise."""
    if value is None or value != value:
        return ""
    if unit == "eur":
        if abs(value) >= 1_000_000:
            return i18n.eur_millions(value, 2, lang)
        return i18n.eur(value, 0 if abs(value) >= 1000 else 2, lang)
    if unit == "pct":
        return i18n.pct(value, 1, lang)
    return i18n.number(value, 0 if unit == "count" else 1, lang)


def value_axis(
    values: Sequence[float | None],
    unit: str,
    lang: str,
    zero_based: bool = True,
    intervals: int = 5,
    headroom: float = 0.0,
    room: float = 0.0,
) -> dict:
    """A value axis for `values`: round ticks written in the language (tickvals and ticktext) and the
    range they span. Zero-based (bars) or fitted with room around the values (lines, where a dip must
    stay visible); `headroom` (a share of the axis) beyond the largest bar for its value label, `room`
    beyond the top tick. Percentages do not run past 100% or below 0% unless the values do."""
    shown = numbers(values)
    if not shown:
        shown = [0.0, 100.0] if unit == "pct" else [0.0, 1.0]
    least, most = min(shown), max(shown)
    if zero_based:
        low, high = min(least, 0.0), max(most, 0.0)
    else:
        pad = (most - least) * PAD or abs(most) * 0.05 or 1.0
        low, high = least - pad, most + pad
        low = max(low, 0.0) if least >= 0 else low
        high = min(high, 100.0) if unit == "pct" and most <= 100 else high
    # the ticks cover the values; a percentage's not past 0% or 100% where no value is
    tick_low = max(low, 0.0) if unit == "pct" and least >= 0 else low
    tick_high = min(high, 100.0) if unit == "pct" and most <= 100 else high
    found = ticks(tick_low, tick_high, intervals, unit in ("count", "eur"))
    start, end = min(found[0], low), max(found[-1], high)
    if headroom:  # room for the value label beyond the longest bar, either way
        reach = (max(most, 0.0) - min(least, 0.0)) * headroom
        end = max(end, most + reach) if most > 0 else end
        start = min(start, least - reach) if least < 0 else start
    end += room * (end - start)
    return {"tickmode": "array", "tickvals": found, "ticktext": tick_texts(found, unit, lang), "range": [start, end]}
