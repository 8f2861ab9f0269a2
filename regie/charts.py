"""Every chart in the house style: colour-blind-safe colours, Dutch separators, zero-based
bars (lines fit their values and the norm, so a dip stays visible), norms drawn on the chart.

Built with plotly.graph_objects: Plotly Express is several times slower to build a figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from regie.i18n import plotly_separators

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, BLACK = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
GREY = "#767676"  # 4.5:1 against white
PALETTE = (BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, BLACK)
FONT = "Source Sans Pro, Arial, sans-serif"

# d3 formats for hover labels and axes by unit.
TICK_FORMAT = {"pct": ",.1f", "eur": ",.2f", "mark": ",.1f", "count": ",.0f", "hours": ",.1f"}
AXIS_FORMAT = {**TICK_FORMAT, "eur": ",.0f"}  # whole euros on axes; hover labels keep the cents
SUFFIX = {"pct": "%", "eur": "", "mark": "", "count": "", "hours": ""}
PREFIX = {"eur": "€ "}


def base_layout(title: str, unit: str, lang: str, height: int = 320, zero_based: bool = True) -> dict:
    """The house layout as one nested dict: a figure built from it in one step is validated once
    (updating a figure property by property costs several times more)."""
    return {
        "title": {"text": title, "font": {"size": 16}},
        "font": {"family": FONT, "size": 13, "color": "#262730"},
        "separators": plotly_separators(lang),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 40},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.32, "x": 0},
        "hovermode": "x unified",
        "yaxis": {
            "rangemode": "tozero" if zero_based else "normal",
            "gridcolor": "#E5E5E5",
            "zerolinecolor": "#BDBDBD",
            "tickformat": TICK_FORMAT[unit],
            "ticksuffix": SUFFIX[unit],
            "tickprefix": PREFIX.get(unit, ""),
        },
        "xaxis": {"type": "category", "showgrid": False},
    }


def figure(traces: list[dict], layout_spec: dict) -> go.Figure:
    """A figure from plain dicts, not validated property by property here: that takes 5-10 ms a chart
    on every rerun. tests/test_charts.py builds every chart with validation on, so a wrong property
    fails there."""
    return go.Figure({"data": traces, "layout": layout_spec}, _validate=VALIDATE)


VALIDATE = False  # tests/test_charts.py sets it


def reference_line(
    value: float | None,
    label: str = "",
    position: str = "bottom right",
    vertical: bool = False,
    line: dict | None = None,
) -> dict:
    """A line across the plot at `value` (the norm: dashed vermilion, labelled), as layout shapes and
    annotations to merge into a layout; vertical for horizontal bars."""
    if value is None:
        return {"shapes": [], "annotations": []}
    style = line or {"color": VERMILION, "dash": "dash", "width": 2}
    if vertical:
        shape = {"type": "line", "xref": "x", "x0": value, "x1": value, "yref": "y domain", "y0": 0, "y1": 1}
        note = {"x": value, "xref": "x", "xanchor": "left", "y": 1, "yref": "y domain",
                "yanchor": "top" if position.startswith("top") else "bottom"}  # fmt: skip
    else:
        shape = {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": value, "y1": value}
        note = {"x": 1, "xref": "x domain", "xanchor": "right", "y": value, "yref": "y",
                "yanchor": "top" if position.startswith("bottom") else "bottom"}  # fmt: skip
    notes = [{**note, "text": label, "showarrow": False, "font": {"color": style["color"]}}] if label else []
    return {"shapes": [{**shape, "line": style}], "annotations": notes}


def _with(spec: dict, extra: dict) -> dict:
    """`spec` with the shapes and annotations of `extra` added."""
    return {
        **spec,
        "shapes": [*spec.get("shapes", []), *extra["shapes"]],
        "annotations": [*spec.get("annotations", []), *extra["annotations"]],
    }


def _template(unit: str, axis: str = "y") -> str:
    return f"{PREFIX.get(unit, '')}%{{{axis}:{TICK_FORMAT[unit]}}}{SUFFIX[unit]}"


def trend(
    x: Sequence[str],
    series: dict[str, Sequence[float | None]],
    title: str,
    unit: str,
    lang: str,
    norm: float | None = None,
    norm_label: str = "",
    flags: Sequence[bool] | None = None,
) -> go.Figure:
    """Lines over periods; the first series is the highlighted one, the rest are context.

    `flags` marks points of the first series (months below target): a vermilion cross
    instead of a blue circle, so the mark does not rely on colour alone.
    """
    traces = []
    for index, (name, values) in enumerate(series.items()):
        marker = {"symbol": ("circle", "square", "diamond", "triangle-up")[index % 4], "size": 7}
        if index == 0 and flags is not None:
            marker = {
                "symbol": ["x" if flag else "circle" for flag in flags],
                "size": [12 if flag else 7 for flag in flags],
                "color": [VERMILION if flag else BLUE for flag in flags],
            }
        traces.append(
            {
                "type": "scatter",
                "x": list(x),
                "y": list(values),
                "name": name,
                "mode": "lines+markers",
                "line": {
                    "color": PALETTE[index % len(PALETTE)] if index < 2 else GREY,
                    "width": 3 if index == 0 else 1.5,
                    "dash": "solid" if index == 0 else "dot",
                },
                "marker": marker,
                "hovertemplate": _template(unit),
            }
        )
    spec = _with(
        base_layout(title, unit, lang, height=380 if len(series) > 2 else 340, zero_based=False),
        reference_line(norm, norm_label),
    )
    shown = [v for values in series.values() for v in values if v is not None and v == v]
    if shown:  # lines need not start at zero, but the norm must stay in view
        low, high = min(shown + ([norm] if norm is not None else [])), max(shown + ([norm] if norm is not None else []))
        pad = (high - low) * 0.2 or abs(high) * 0.05 or 1
        spec["yaxis"]["range"] = [low - pad, high + pad]
    return figure(traces, spec)


def bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    title: str,
    unit: str,
    lang: str,
    highlight: str | None = None,
    norm: float | None = None,
    norm_label: str = "",
    horizontal: bool = False,
    flagged: Sequence[bool] | None = None,
) -> go.Figure:
    """Zero-based bars; the highlighted one (the home member, a chosen category) in blue, the rest grey.

    `flagged` bars (past a warning line) are vermilion and hatched, so colour is not the only mark.
    """
    colours = [BLUE if label == highlight or highlight is None else GREY for label in labels]
    patterns = [""] * len(colours)
    for index, flag in enumerate(flagged or []):
        if flag:
            colours[index], patterns[index] = VERMILION, "/"
    axis = "x" if horizontal else "y"
    label_axis = "y" if horizontal else "x"
    bar = {
        "type": "bar",
        "x": list(values) if horizontal else list(labels),
        "y": list(labels) if horizontal else list(values),
        "orientation": "h" if horizontal else "v",
        "marker": {"color": colours, "pattern": {"shape": patterns, "fgcolor": "white"}},  # white text: 4.5:1
        "hovertemplate": f"%{{{label_axis}}}: {_template(unit, axis)}<extra></extra>",
        "texttemplate": _template(unit, axis).replace("€ ", ""),
        "textposition": "inside",
        "insidetextanchor": "end",
        "textfont": {"color": "white"},
    }
    height = max(320, 32 * len(labels) + 120) if horizontal else 320
    spec = _with(base_layout(title, unit, lang, height), reference_line(norm, norm_label, "top right", horizontal))
    spec.update(hovermode="closest", showlegend=False, clickmode="event+select")
    if horizontal:
        spec["xaxis"] = {"showgrid": False, "rangemode": "tozero", "tickformat": AXIS_FORMAT[unit],
                         "ticksuffix": SUFFIX[unit], "type": "linear"}  # fmt: skip
        spec["yaxis"] = {**spec["yaxis"], "type": "category", "autorange": "reversed", "tickformat": "",
                         "ticksuffix": "", "tickprefix": "", "tickmode": "linear"}  # fmt: skip
    return figure([bar], spec)


def flow(
    x: Sequence[str],
    opened: Sequence[float],
    resolved: Sequence[float],
    backlog: Sequence[float],
    labels: tuple[str, str, str],
    title: str,
    lang: str,
) -> go.Figure:
    """Opened against resolved per month as bars, the backlog at month end as a line."""
    traces = [
        {"type": "bar", "x": list(x), "y": list(opened), "name": labels[0], "marker": {"color": SKY},
         "hovertemplate": "%{y:,.0f}"},
        {"type": "bar", "x": list(x), "y": list(resolved), "name": labels[1], "marker": {"color": BLUE},
         "hovertemplate": "%{y:,.0f}"},
        {"type": "scatter", "x": list(x), "y": list(backlog), "name": labels[2], "mode": "lines+markers",
         "line": {"color": ORANGE, "width": 3}, "marker": {"symbol": "diamond", "size": 8},
         "hovertemplate": "%{y:,.0f}"},
    ]  # fmt: skip
    return figure(traces, {**base_layout(title, "count", lang), "barmode": "group"})


def dumbbell(
    labels: Sequence[str],
    before: Sequence[float | None],
    after: Sequence[float | None],
    names: tuple[str, str],
    title: str,
    lang: str,
    norm: float | None = None,
    norm_label: str = "",
) -> go.Figure:
    """Two values per label on one line, a grey circle (before) joined to a blue diamond (after), for
    percentages; the axis fits the values and the norm (a change of a few points stays visible)."""
    clean = [[None if v is None or v != v else float(v) for v in values] for values in (before, after)]
    segments_x, segments_y = [], []
    for label, a, b in zip(labels, *clean, strict=True):
        if a is not None and b is not None:
            segments_x += [a, b, None]
            segments_y += [label, label, None]
    traces = [
        {"type": "scatter", "x": segments_x, "y": segments_y, "mode": "lines", "line": {"color": GREY, "width": 2},
         "hoverinfo": "skip", "showlegend": False},
        *({"type": "scatter", "x": values, "y": list(labels), "mode": "markers", "name": name,
           "marker": {"symbol": symbol, "size": 12, "color": colour},
           "hovertemplate": "%{y}: %{x:,.1f}%<extra></extra>"}
          for values, name, symbol, colour in zip(clean, names, ("circle", "diamond"), (GREY, BLUE), strict=True)),
    ]  # fmt: skip
    spec = _with(base_layout(title, "pct", lang, height=max(260, 40 * len(labels) + 150)),
                 reference_line(norm, norm_label, "bottom right", vertical=True))  # fmt: skip
    spec["margin"] = {**spec["margin"], "t": 80}
    shown = [v for values in clean for v in values if v is not None] + ([norm] if norm is not None else [])
    low, high = (min(shown), max(shown)) if shown else (0.0, 100.0)
    pad = max((high - low) * 0.15, 0.5)
    spec["xaxis"] = {"type": "linear", "range": [max(low - pad, 0), min(high + pad, 100.5)], "gridcolor": "#E5E5E5",
                     "tickformat": TICK_FORMAT["pct"], "ticksuffix": "%"}  # fmt: skip
    spec["yaxis"] = {"type": "category", "autorange": "reversed", "automargin": True, "showgrid": False}
    spec["hovermode"] = "closest"
    spec["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0}
    return figure(traces, spec)
