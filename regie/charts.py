"""Every chart in the house style: colour-blind-safe colours, Dutch separators, zero-based
bars (lines fit their values and the norm, so a dip stays visible), norms drawn on the chart.

Built with plotly.graph_objects: Plotly Express is several times slower to build a figure.

Labels are never cut, on a screen of 1440 px nor on a phone of 390 px, in the app nor in the board pack:
- every axis has `automargin` (a template may drop it: Streamlit's and "none" do); long category labels
  and titles are wrapped, a horizontal bar's name stands on a line of its own above the bar (shortened
  with "…" past a phone's width, whole in the hover); title and legend each take room of their own;
- value axes get their ticks here, not from Plotly: round steps, zero-based for bars, written by Babel
  in the chart's language ("€ 1,2 mln", "€ 8.000", "90%"): d3 formats cannot write "mln", and never cents;
- a norm or reference line is named in the legend, never by a text in the plot where it could cover a
  bar or its value; each bar's value stands beyond its end on white, with room kept for it.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from regie.chart_axes import numbers, value_axis, value_label, wrap
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
TEXT = "#262730"
PALETTE = (BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, BLACK)
FONT = "Source Sans Pro, Arial, sans-serif"

# d3 formats for hover labels (the axes' ticks are written by value_axis, bars' values by value_label).
TICK_FORMAT = {"pct": ",.1f", "eur": ",.2f", "mark": ",.1f", "count": ",.0f", "hours": ",.1f"}
SUFFIX = {"pct": "%", "eur": "", "mark": "", "count": "", "hours": ""}
PREFIX = {"eur": "€ "}

CATEGORY_WIDTH = {"x": 18, "y": 20}  # characters a line of a category label may take, below and beside the plot
NAME_WIDTH = 50  # characters of a horizontal bar's name above it: one line on a phone of 390 px
ROW_PX = 40  # a horizontal bar's row: its name and the bar
TITLE_WIDTH = 44  # characters a line of a title may take: fits a phone's 390 px at 16 px
TITLE_LINE_PX = 21  # a title's line at 16 px
LEGEND_WIDTH = 22  # characters a line of a legend entry may take: two entries side by side on a phone
LEGEND_ROW_PX, LEGEND_LINE_PX = 20, 16  # a row of the legend, and each further line of its entries
LEGEND_PX = 330  # the legend's width on a phone of 390 px
CHAR_PX = 7  # about the width of a character at 13 px
INTERVALS = {"x": 4, "y": 5}  # at most this many steps between ticks: x is the narrow one on a phone
HEADROOM = {"x": 0.3, "y": 0.12}  # room beyond the longest bar for its value label, share of the axis
ROOM = {"x": 0.0, "y": 0.04}  # room above the top tick, share of the axis: its label stays clear of the title

_PLAN = "_regie"  # the spec's key for what figure() completes; removed before Plotly sees the spec


def base_layout(title: str, unit: str, lang: str, height: int = 320, zero_based: bool = True) -> dict:
    """The house layout as one nested dict: a figure built from it in one step is validated once
    (updating a figure property by property costs several times more).

    The title sits at the top of the figure, wrapped to fit a phone, in a top margin made for its
    lines; the legend (series, norm lines) at the bottom of the figure, in one or more rows, where it
    takes room of its own below the axis's labels (`yref` "container"), so no tick label, bar or value
    can lie under either, at any width or height. figure() completes the value axis (`unit`, y) and the
    category axis from the traces.
    """
    text = wrap(title, TITLE_WIDTH)
    lines = text.count("<br>") + 1
    return {
        # plotly.js 4.1 lifts a title of more lines by 11 px (and by far more with the title's automargin)
        "title": {"text": text, "font": {"size": 16}, "x": 0, "xanchor": "left", "xref": "container", "y": 1,
                  "yanchor": "top", "yref": "container", "pad": {"t": 10 if lines == 1 else 21, "l": 4}},
        "font": {"family": FONT, "size": 13, "color": TEXT},
        "separators": plotly_separators(lang),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 36 + TITLE_LINE_PX * (lines - 1), "b": 10},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom", "yref": "container",
                   "bgcolor": "rgba(0,0,0,0)"},
        "hovermode": "x unified",
        "yaxis": {"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "automargin": True},
        "xaxis": {"type": "category", "showgrid": False, "automargin": True},
        _PLAN: {"unit": unit, "lang": lang, "axis": "y", "zero_based": zero_based},
    }  # fmt: skip


def figure(traces: list[dict], layout_spec: dict) -> go.Figure:
    """A figure from plain dicts, not validated property by property here: that takes 5-10 ms a chart
    on every rerun. tests/test_charts.py builds every chart with validation on, so a wrong property
    fails there.

    A spec from base_layout is completed first: the ticks of its value axis from the traces' values
    (and its norm lines), its category labels wrapped, room for its legend."""
    return go.Figure({"data": traces, "layout": complete(traces, layout_spec)}, _validate=VALIDATE)


VALIDATE = False  # tests/test_charts.py sets it


def complete(traces: list[dict], spec: dict) -> dict:
    """`spec` with what base_layout left open filled in from `traces` (see figure)."""
    spec = dict(spec)
    plan = spec.pop(_PLAN, None)
    if plan is None:
        return spec
    value, category = plan["axis"], "x" if plan["axis"] == "y" else "y"
    axis = dict(spec.get(f"{value}axis", {}))
    if "tickvals" not in axis:
        values = _values(traces, value, spec.get("barmode")) + _line_values(spec.get("shapes", []), value)
        axis.update(value_axis(values, plan["unit"], plan["lang"], plan["zero_based"], INTERVALS[value],
                               HEADROOM[value] if plan.get("values_written") else 0.0, ROOM[value]))  # fmt: skip
    axis.update(automargin=True)
    spec[f"{value}axis"] = axis
    spec[f"{category}axis"] = {**spec.get(f"{category}axis", {}), "automargin": True,
                               **category_ticks(traces, category, spec.get(f"{category}axis", {}))}  # fmt: skip
    height = spec.get("height", 320)
    if category == "x" and spec[f"{category}axis"].get("type", "category") == "category":
        height += _tilted_labels_px(traces)
    lines = [s for s in spec.get("shapes", []) if s.get("showlegend")]
    entries = [trace for trace in traces if trace.get("showlegend", True) and trace.get("name")]
    if spec.get("showlegend") is not False and (len(entries) > 1 or lines):
        spec["showlegend"] = True
        for trace in entries:  # a long name in lines, so that two entries fit side by side on a phone
            trace["name"] = wrap(trace["name"], LEGEND_WIDTH)
        names = [trace["name"] for trace in entries] + [shape.get("name", "") for shape in lines]
        height += _legend_px(names) - LEGEND_ROW_PX
        spec["legend"] = {**spec.get("legend", {}), "maxheight": 0.6}
    spec["height"] = height  # the plot keeps its room under a long legend and tilted category labels
    return spec


def _tilted_labels_px(traces: list[dict]) -> int:
    """About how much taller a phone draws the category labels below the plot than one line, when
    they do not fit side by side and Plotly turns them upright."""
    labels = {label for trace in traces for label in trace.get("x") or [] if isinstance(label, str)}
    longest = max((len(line) for label in labels for line in wrap(label, CATEGORY_WIDTH["x"]).split("<br>")),
                  default=0)  # fmt: skip
    return max(0, longest - 8) * CHAR_PX


def _legend_px(names: list[str]) -> int:
    """About how tall the legend is on a phone: as many entries side by side as fit in LEGEND_PX."""
    lines = [name.split("<br>") for name in names]
    widest = max((len(line) for name in lines for line in name), default=0) * CHAR_PX + 40
    per_row = max(1, LEGEND_PX // widest)
    rows = [lines[start : start + per_row] for start in range(0, len(lines), per_row)]
    return sum(LEGEND_ROW_PX + LEGEND_LINE_PX * (max(len(name) for name in row) - 1) for row in rows)


def _values(traces: list[dict], axis: str, barmode: str | None) -> list[float]:
    """The values the traces put on `axis`; stacked bars by the sums of each category's parts."""
    found: list[float] = []
    stacked: dict[object, list[float]] = {}
    for trace in traces:
        horizontal = trace.get("orientation") == "h"
        if trace.get("type") == "bar" and barmode in ("stack", "relative"):
            keys, parts = (trace.get("y"), trace.get("x")) if horizontal else (trace.get("x"), trace.get("y"))
            for key, part in zip(keys or [], parts or [], strict=False):
                sums = stacked.setdefault(key, [0.0, 0.0])
                if numbers([part]):
                    sums[0 if part < 0 else 1] += part
            continue
        found += numbers(trace.get(axis))
    return found + [s for sums in stacked.values() for s in sums]


def _line_values(shapes: list[dict], axis: str) -> list[float]:
    """The positions of the reference lines across the plot at a value of `axis`."""
    return [s[f"{axis}0"] for s in shapes if s.get(f"{axis}ref") == axis and s.get(f"{axis}0") == s.get(f"{axis}1")]


def category_ticks(traces: list[dict], axis: str, spec: dict | None = None) -> dict:
    """Tick texts for a category axis whose labels are too long for a phone: wrapped (the trace keeps
    the full label, for the hover and a click). Nothing when all labels fit."""
    if (spec or {}).get("type", "category") != "category" or (spec or {}).get("tickvals") is not None:
        return {}
    labels: dict[str, None] = {}
    for trace in traces:
        for label in trace.get(axis) or []:
            if isinstance(label, str):
                labels.setdefault(label)
    width = CATEGORY_WIDTH[axis]
    if all(len(label) <= width for label in labels):
        return {}
    return {"tickmode": "array", "tickvals": list(labels), "ticktext": [wrap(label, width) for label in labels]}


def reference_line(value: float | None, label: str = "", vertical: bool = False, line: dict | None = None) -> dict:
    """A line across the plot at `value` (the norm: dashed vermilion), as layout shapes to merge into a
    layout; vertical for horizontal bars. Named by `label` in the legend, not by a text in the plot,
    where it would cover a bar, a value or a point. Drawn over the bars (where a bar passes the norm
    shows); the bars' names and values lie over it, on white."""
    if value is None:
        return {"shapes": [], "annotations": []}
    style = line or {"color": VERMILION, "dash": "dash", "width": 2}
    if vertical:
        shape = {"type": "line", "xref": "x", "x0": value, "x1": value, "yref": "y domain", "y0": 0, "y1": 1}
    else:
        shape = {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": value, "y1": value}
    named = {"showlegend": True, "name": label} if label else {}
    return {"shapes": [{**shape, "line": style, "layer": "above", **named}], "annotations": []}


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
    zero_based: bool = False,
) -> go.Figure:
    """Lines over periods; the first series is the highlighted one, the rest are context.

    `flags` marks points of the first series (months below target): a vermilion cross
    instead of a blue circle, so the mark does not rely on colour alone. The value axis fits the
    values and the norm (lines need not start at zero, but the norm must stay in view), unless
    `zero_based` (amounts that add up).
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
                "cliponaxis": False,
                "hovertemplate": _template(unit),
            }
        )
    spec = _with(
        base_layout(title, unit, lang, height=380 if len(series) > 2 else 340, zero_based=zero_based),
        reference_line(norm, norm_label),
    )
    # half a period's room at either end: the first period's label stays clear of the value axis's lowest
    spec["xaxis"] = {**spec["xaxis"], "range": [-0.5, len(x) - 0.5]}
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
    lines: Sequence[dict] = (),
) -> go.Figure:
    """Zero-based bars; the highlighted one (the home member, a chosen category) in blue, the rest grey.

    `flagged` bars (past a warning line) are vermilion and hatched, so colour is not the only mark.
    Each bar's value is written beyond its end, in dark text on white (a norm line runs under it, not
    through it), with room kept for it; `lines` are more reference lines (from reference_line) besides
    the norm.
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
        "marker": {"color": colours, "pattern": {"shape": patterns, "fgcolor": "white"}},
        "hovertemplate": f"%{{{label_axis}}}: {_template(unit, axis)}<extra></extra>",
        "showlegend": False,
    }
    spec = base_layout(title, unit, lang, max(260, ROW_PX * len(labels) + 110) if horizontal else 340)
    spec = _with(spec, reference_line(norm, norm_label, horizontal))
    for extra in lines:
        spec = _with(spec, extra)
    spec.update(hovermode="closest", clickmode="event+select")
    spec[_PLAN] = {**spec[_PLAN], "values_written": True}
    slots = {label: index for index, label in reversed(list(enumerate(labels)))}  # a category's position: its first
    for label, value in zip(labels, values, strict=True):
        text = value_label(value, unit, lang)
        if text:
            spec["annotations"].append(_value_note(text, value, slots[label] + 0.245 if horizontal else label,
                                                   horizontal))  # fmt: skip
    if horizontal:
        # Each name on a line of its own above its bar, across the plot's whole width: whole on a phone too,
        # where names beside the bars would leave them no room. The bar fills the lower half of its row.
        bar.update(width=0.45, offset=0.02)
        spec["annotations"] = [*spec["annotations"], *map(_name_above, dict.fromkeys(labels))]
        spec["xaxis"] = {"showgrid": True, "gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "type": "linear",
                         "automargin": True}  # fmt: skip
        spec["yaxis"] = {"type": "category", "autorange": "reversed", "automargin": True, "showgrid": False,
                         "showticklabels": False, "range": [len(labels) - 0.5, -0.5]}  # fmt: skip
        spec["margin"] = {**spec["margin"], "r": 24}  # the longest bar's value may reach into it
        spec[_PLAN] = {**spec[_PLAN], "axis": "x"}
    return figure([bar], spec)


def _value_note(text: str, value: float, at: float | str, horizontal: bool) -> dict:
    """A bar's value just beyond its end (`at`: the bar's middle across it)."""
    below = value < 0
    if horizontal:
        place = {"x": value, "y": at, "xanchor": "right" if below else "left", "yanchor": "middle",
                 "xshift": -3 if below else 3}  # fmt: skip
    else:
        place = {"x": at, "y": value, "xanchor": "center", "yanchor": "top" if below else "bottom",
                 "yshift": -2 if below else 2}  # fmt: skip
    return {**place, "xref": "x", "yref": "y", "text": text, "showarrow": False, "bgcolor": "white", "borderpad": 1,
            "font": {"color": TEXT, "size": 12}}  # fmt: skip


def _name_above(label: str) -> dict:
    """A horizontal bar's name, on one line above the bar (shortened with "…" past NAME_WIDTH
    characters, whole in its hover), on white, so that a norm line does not run through it."""
    return {"x": 0, "xref": "paper", "xanchor": "left", "y": label, "yref": "y", "yanchor": "bottom",
            "text": wrap(label, NAME_WIDTH, max_lines=1), "hovertext": label, "showarrow": False, "align": "left",
            "bgcolor": "white", "borderpad": 0, "font": {"color": TEXT}}  # fmt: skip


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
         "hovertemplate": "%{y:,.0f}", "cliponaxis": False},
    ]  # fmt: skip
    return figure(traces, {**base_layout(title, "count", lang, height=360), "barmode": "group"})


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
           "marker": {"symbol": symbol, "size": 12, "color": colour}, "cliponaxis": False,
           "hovertemplate": "%{y}: %{x:,.1f}%<extra></extra>"}
          for values, name, symbol, colour in zip(clean, names, ("circle", "diamond"), (GREY, BLUE), strict=True)),
    ]  # fmt: skip
    spec = _with(base_layout(title, "pct", lang, height=max(280, 40 * len(labels) + 170), zero_based=False),
                 reference_line(norm, norm_label, vertical=True))  # fmt: skip
    spec["xaxis"] = {"type": "linear", "gridcolor": "#E5E5E5", "automargin": True}
    spec["yaxis"] = {"type": "category", "autorange": "reversed", "automargin": True, "showgrid": False}
    spec["hovermode"] = "closest"
    spec[_PLAN] = {**spec[_PLAN], "axis": "x"}
    return figure(traces, spec)
