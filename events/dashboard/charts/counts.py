"""Events per day, week or month as stacked bars, one colour per type (granularity "auto" picks the bucket by the span).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from events.dashboard import filters as flt
from events.dashboard import i18n, periods, units
from events.dashboard.charts import style

SMALL_COUNTS = 10  # up to this many events per bar the counts axis ticks every event (plotly would tick 0.2)
COUNTS_BAR_GAP = 0.15  # share of a period left blank between two bars


def bin_for_span(span_days: float) -> str:
    """'day' up to 60 days, 'week' up to two years, else 'month' (events.dashboard.periods.auto_unit)."""
    return periods.auto_unit(span_days)


def counts_over_time(df: pd.DataFrame, granularity: str = "auto", lang: str = i18n.DEFAULT) -> go.Figure:
    """Stacked bars of events per day/week/month (granularity; "auto" chooses by the span), one colour per type."""
    eff = flt.effective_dates(df)
    ok = eff.notna().to_numpy()
    if not ok.any():
        return empty_counts(lang)
    x = pd.to_datetime(eff[ok])
    types = df["event_type"].fillna("").astype(str)[ok]
    unit = periods.unit_for(x, granularity)
    start = periods.period_starts(x, unit)
    table = pd.Series(start.to_numpy()).groupby([start.to_numpy(), types.to_numpy()]).size().unstack(fill_value=0)
    return counts_figure(table, unit, granularity, len(df), int(ok.sum()), int(df["date"].isna()[ok].sum()),
                         units.noun(df), units.unit_bit(df, lang), lang)


def empty_counts(lang: str = i18n.DEFAULT) -> go.Figure:
    """The counts chart of no dated events."""
    fig = go.Figure(_validate=style.VALIDATE)
    style.apply_layout(fig, i18n.strings(lang)("counts.title_empty"), height=360)
    return style.no_events(fig, lang=lang)


def counts_figure(table: pd.DataFrame, unit: str, granularity: str, n_events: int, n_shown: int, n_undated: int,
                  noun: str, bit: str, lang: str = i18n.DEFAULT) -> go.Figure:
    """The bars of `table` (rows per period start and type: one row per period that has any, one column per type),
    with the subtitle's numbers: rows in all, rows with a date, rows dated by publication only."""
    tr = i18n.strings(lang)
    traces = style.Traces()
    freq = periods.FREQ[unit]
    spans = periods.all_periods(table.index.min(), table.index.max(), unit)
    full = spans.start_time
    table = table.reindex(full, fill_value=0)
    period_ms = periods.PERIOD_MS[unit]
    # an explicit width per bar: plotly derives it from the gap between bars, and a lone bar got 1 ms (invisible)
    widths = ((spans + 1).start_time - full) / pd.Timedelta(milliseconds=1) * (1 - COUNTS_BAR_GAP)
    fmt = periods.hover_format(unit, lang)
    for etype in style.type_order(table.columns):
        traces.add_trace(
            go.Bar(
                x=table.index,
                y=table[etype].to_numpy(),
                name=style.type_label(etype, lang),
                marker={"color": style.type_color(etype), "line": {"width": 0}},
                xperiod=period_ms,
                xperiodalignment="middle",
                width=widths.tolist(),
                hovertemplate=f"%{{x|{fmt}}}: %{{y}} {style.esc(style.type_label(etype, lang))}<extra></extra>",
                meta={"role": "counts", "event_type": etype},
                _validate=style.VALIDATE,
            )
        )
    bits = [style.coverage(n_events, n_shown, [(n_events - n_shown, tr("coverage.no_date", n=n_events - n_shown))],
                           lang, noun),
            bit,
            periods.per_bucket("bar", unit, granularity, lang)]
    if n_undated:
        bits.append(tr("counts.undated", n=n_undated))
    first, last = table.index.min(), table.index.max()
    last_end = (pd.Period(last, freq=freq) + 1).start_time
    tallest = int(table.sum(axis=1).max())
    # the whole layout at construction, as for the timeline
    layout = style.layout(tr(f"counts.title.{unit}"), bits, height=440)
    layout.update(
        barmode="stack",
        bargap=COUNTS_BAR_GAP,
        meta={"chart": "counts", "unit": unit, "granularity": granularity,
              "events": {"total": n_events, "shown": n_shown}},
        legend=style.legend_below(traceorder="normal"),
        xaxis={"type": "date", "showgrid": False, "ticks": "outside", "range": style.date_range(first, last_end, 0.01),
               "title": {"text": periods.axis_title(unit, lang), "font": {"size": 12, "color": style.MUTED}}},
        yaxis={"title": {"text": tr(f"counts.axis.{unit}")}, "gridcolor": style.GRID, "rangemode": "tozero", "tickformat": "d",
               # integer ticks: plotly ticks a 0-1 axis every 0.2, which "d" prints as 0 0 0 1 1 1
               **({"dtick": 1} if tallest <= SMALL_COUNTS else {})},
    )
    fig = go.Figure(data=traces, layout=layout, _validate=style.VALIDATE)
    return fig
