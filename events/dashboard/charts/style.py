"""The charts' shared look: type and kind colours and labels, fonts, the layout every figure starts from (title and
wrapped subtitle, legend below), the 'No events' note, and the small text helpers of hover labels.

Builders pass values plotly accepts as they are and skip its validation (`VALIDATE`); tests build every chart both
ways and compare the JSON.
"""

from __future__ import annotations

import functools
import html
import math
import textwrap
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from events.dashboard import i18n

FONT = '"Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif'
INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#e4e7eb"
# Okabe-Ito based, colour-blind safe; fixed so a type keeps its colour in every chart
TYPE_COLORS: dict[str, str] = {
    "talks": "#0072B2",
    "summit": "#009E73",
    "air_attack": "#D55E00",
}
EXTRA_COLORS = ("#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#7F7F7F", "#BCBD22")
KIND_COLORS: dict[str, str] = {
    "country": "#3B5B92",
    "person": "#C2571A",
    "organization": "#2E8B57",
    "city": "#7B5EA7",
    "group": "#8C6D46",
}
OTHER_KIND_COLOR = "#8C8C8C"
# a white outline around label text: readable over arcs, borders and markers (CSS text-shadow, drawn by plotly)
HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff, 0 0 3px #fff"


NO_EVENTS = i18n.t(i18n.DEFAULT, "chart.no_events")  # the English note (tests look for it)


# ---------------------------------------------------------------- colours and labels


# plotly validates every property of every trace and layout it is given (~1 ms per trace, ~12 ms for a
# template): at 100k events that is most of a filter change. The builders of this package pass values plotly accepts
# as they are, so they skip it; tests build every chart both ways and compare the JSON.
VALIDATE = False


def type_color(event_type: str) -> str:
    """The fixed colour of an event type (a stable fallback colour for types not in TYPE_COLORS)."""
    if event_type in TYPE_COLORS:
        return TYPE_COLORS[event_type]
    return EXTRA_COLORS[zlib.crc32(event_type.encode()) % len(EXTRA_COLORS)]


def type_label(event_type: str, lang: str = i18n.DEFAULT) -> str:
    """Human label of an event type: air_attack -> air attack / atac aerian (the code stays what is stored)."""
    return i18n.strings(lang).type_name(event_type)


def kind_color(kind: str) -> str:
    """Node colour of an actor kind."""
    return KIND_COLORS.get(kind, OTHER_KIND_COLOR)


def type_order(types: Iterable[str]) -> list[str]:
    """Event types in display order: the known ones first, then the rest alphabetically."""
    # a column of 100k types: its distinct values in C, not a Python loop over every row
    present = set(pd.unique(types)) if isinstance(types, pd.Series) else set(types)
    known = [t for t in TYPE_COLORS if t in present]
    return known + sorted(present - set(known))


def arc_width(events: int) -> float:
    """Line width (px) for a link that stands for `events` events."""
    return min(1.0 + 1.5 * events, 12.0)


def rgba(color: str, alpha: float) -> str:
    """#RRGGBB -> rgba(r,g,b,alpha)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def breakdown(counts: Counter[str] | dict[str, int], lang: str = i18n.DEFAULT) -> str:
    """'air attack 7 · talks 3 · summit 1': counts by type, largest first."""
    order = type_order(counts)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    return " · ".join(f"{esc(type_label(t, lang))} {n}" for t, n in items)


def esc(text: object) -> str:
    """HTML-escape a value for hover text; empty for None/NaN."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    return html.escape(str(text), quote=False)


class Traces(list):
    """Traces gathered before the figure is made: go.Figure(data=[...]) once is ~6x faster than add_trace."""

    def add_trace(self, trace: Any) -> None:
        """Keep a trace for the figure (same call as go.Figure.add_trace)."""
        self.append(trace)


# ---------------------------------------------------------------- layout


@functools.cache
def white_template() -> go.layout.Template:
    """plotly_white, looked up once: by name plotly deep-copies it from the registry on every figure."""
    import plotly.io as pio

    return pio.templates["plotly_white"]


SUBTITLE_CHARS = 60  # one subtitle line at 12 px fits a chart ~400 px wide (a 768 px page with the sidebar open)
SUBTITLE_LINE_PX = 16
TITLE_TOP_PX = 16  # from the figure's top edge to the title
TITLE_BLOCK_PX = 60  # title, its gap to the subtitle and to the plot: the top margin without subtitle lines
MIN_DATE_SPAN = pd.Timedelta(days=7)  # a shorter date axis gets sub-day ticks ("00:00:00.0005" for one event)


def subtitle_lines(bits: Sequence[str], width: int = SUBTITLE_CHARS) -> list[str]:
    """The subtitle's parts joined by ' · ' into lines of about `width` characters (plotly never wraps a title)."""
    lines: list[str] = []
    for bit in bits:
        for piece in textwrap.wrap(bit, width=width) or [""]:
            if lines and len(lines[-1]) + 3 + len(piece) <= width:
                lines[-1] += " · " + piece
            else:
                lines.append(piece)
    return lines


def coverage(total: int, shown: int, reasons: Sequence[tuple[int, str]], lang: str = i18n.DEFAULT,
             noun: str = "n.event") -> str:
    """'119 events', or '117 of 119 events; 2 without any date' when some are not in the chart, saying why.

    A reason is (count, its words with the count: '2 without any date'); reasons that count none are left out.
    `noun` is what the rows are ('n.event', 'n.report': units.noun).
    """
    tr = i18n.strings(lang)
    if shown == total:
        return tr.plural(total, noun)
    why = ", ".join(text for n, text in reasons if n)
    of = tr("coverage.of", shown=shown, total=tr.plural(total, noun))
    return of + (f"; {why}" if why else "")


def layout(title: str, subtitle: str | Sequence[str] = "", height: int = 480) -> dict[str, Any]:
    """Shared look as a layout dict: white template, readable fonts, title with optional subtitle.

    The subtitle (one text, or its parts) is wrapped to narrow charts; the top margin grows by the extra lines.
    """
    lines = subtitle_lines([subtitle] if isinstance(subtitle, str) else subtitle) if subtitle else []
    return {
        "template": white_template(),
        "font": {"family": FONT, "size": 13, "color": INK},
        "title": {
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            # hung from the figure's top: plotly centres an unanchored title in the top margin, so each subtitle
            # line pushed the block half a line further down than the margin grew (5 lines ran into the plot)
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": TITLE_TOP_PX},
            "font": {"size": 18, "color": INK},
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 12, "color": MUTED}},
        },
        "height": height,
        "margin": {"l": 20, "r": 20, "t": TITLE_BLOCK_PX + SUBTITLE_LINE_PX * len(lines), "b": 40},
        "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "paper_bgcolor": "white",
    }


def apply_layout(fig: go.Figure, title: str, subtitle: str | Sequence[str] = "", height: int = 480) -> None:
    """Apply the shared look to a figure."""
    fig.update_layout(**layout(title, subtitle, height))


def legend_below(**extra: Any) -> dict[str, Any]:
    """A horizontal legend at the foot of the figure: it wraps on a narrow page and never covers the title or plot.

    yref "container" puts it below the axis labels, and plotly grows the bottom margin to fit its rows.
    """
    return {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom", "yref": "container",
            **extra}


def date_range(first: pd.Timestamp, last: pd.Timestamp, pad: float = 0.03) -> list[pd.Timestamp]:
    """An x range from first to last with a margin each side, at least MIN_DATE_SPAN wide (centred)."""
    lo, hi = first - (last - first) * pad, last + (last - first) * pad
    short = MIN_DATE_SPAN - (hi - lo)
    if short > pd.Timedelta(0):
        lo, hi = lo - short / 2, hi + short / 2
    return [lo, hi]


def no_events(fig: go.Figure, axes: bool = True, lang: str = i18n.DEFAULT) -> go.Figure:
    """Add the centred 'No events match the filters' note (and hide empty axes)."""
    fig.add_annotation(
        text=i18n.t(lang, "chart.no_events"),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": MUTED},
        bgcolor="rgba(255,255,255,0.85)",
    )
    if axes:
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    fig.update_layout(meta={"empty": True})
    return fig
