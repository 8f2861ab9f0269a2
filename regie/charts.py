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
TICK_FORMAT = {"pct": ",.1f", "eur": ",.2f", "mark": ",.1f", "count": ",.0f"}
SUFFIX = {"pct": "%", "eur": "", "mark": "", "count": ""}
PREFIX = {"eur": "€ "}


def _layout(fig: go.Figure, title: str, unit: str, lang: str, height: int = 320, zero_based: bool = True) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 16}},
        font={"family": FONT, "size": 13, "color": "#262730"},
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
        hovermode="x unified",
    )
    fig.update_yaxes(
        rangemode="tozero" if zero_based else "normal",
        gridcolor="#E5E5E5",
        zerolinecolor="#BDBDBD",
        tickformat=TICK_FORMAT[unit],
        ticksuffix=SUFFIX[unit],
        tickprefix=PREFIX.get(unit, ""),
    )
    fig.update_xaxes(type="category", showgrid=False)
    return fig


def _norm_line(fig: go.Figure, value: float | None, label: str, position: str = "bottom right") -> None:
    if value is None:
        return
    fig.add_hline(
        y=value,
        line={"color": VERMILION, "dash": "dash", "width": 2},
        annotation_text=label,
        annotation_position=position,
        annotation_font_color=VERMILION,
    )


def trend(
    x: Sequence[str],
    series: dict[str, Sequence[float | None]],
    title: str,
    unit: str,
    lang: str,
    norm: float | None = None,
    norm_label: str = "",
) -> go.Figure:
    """Lines over periods; the first series is the highlighted member, the rest are context."""
    fig = go.Figure()
    template = f"{PREFIX.get(unit, '')}%{{y:{TICK_FORMAT[unit]}}}{SUFFIX[unit]}"
    for index, (name, values) in enumerate(series.items()):
        fig.add_trace(
            go.Scatter(
                x=list(x),
                y=list(values),
                name=name,
                mode="lines+markers",
                line={
                    "color": PALETTE[index % len(PALETTE)],
                    "width": 3 if index == 0 else 2,
                    "dash": "solid" if index == 0 else "dot",
                },
                marker={"symbol": ("circle", "square", "diamond", "triangle-up")[index % 4], "size": 7},
                hovertemplate=template,
            )
        )
    _norm_line(fig, norm, norm_label)
    fig = _layout(fig, title, unit, lang, zero_based=False)
    shown = [v for values in series.values() for v in values if v is not None and v == v]
    if shown:  # lines need not start at zero, but the norm must stay in view
        low, high = min(shown + ([norm] if norm is not None else [])), max(shown + ([norm] if norm is not None else []))
        pad = (high - low) * 0.2 or abs(high) * 0.05 or 1
        fig.update_yaxes(range=[low - pad, high + pad])
    return fig


def member_bars(
    names: Sequence[str],
    values: Sequence[float | None],
    highlight: str,
    title: str,
    unit: str,
    lang: str,
    norm: float | None = None,
    norm_label: str = "",
) -> go.Figure:
    """Zero-based bars per member, the home member in blue and the others in grey."""
    colours = [BLUE if name == highlight else GREY for name in names]  # white text passes 4.5:1 on both
    template = f"%{{x}}: {PREFIX.get(unit, '')}%{{y:{TICK_FORMAT[unit]}}}{SUFFIX[unit]}<extra></extra>"
    fig = go.Figure(
        go.Bar(
            x=list(names),
            y=list(values),
            marker_color=colours,
            hovertemplate=template,
            texttemplate=f"%{{y:{TICK_FORMAT[unit]}}}{SUFFIX[unit]}",
            textposition="inside",
            insidetextanchor="end",
            textfont={"color": "white"},
        )
    )
    _norm_line(fig, norm, norm_label, "top right")
    fig = _layout(fig, title, unit, lang)
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig
