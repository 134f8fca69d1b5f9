"""Actors compared: events per day/week/month of up to 6 actors, one small chart per actor on one time axis and one scale.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from events.dashboard import filters as flt
from events.dashboard import i18n, periods, units
from events.dashboard.charts import style

MAX_COMPARED = 6
# Okabe-Ito: told apart by colour-blind readers too; one colour per row
COMPARE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
COMPARE_ROW_PX = 105
COMPARE_LABEL_PX = 26  # between two rows: the lower row's name


def top_actors(df: pd.DataFrame, n: int = MAX_COMPARED) -> list[str]:
    """The n actors with the most events in df, ties by name."""
    return [a for a, _ in flt.actor_options(df)[:n]]


def actor_period_counts(
    df: pd.DataFrame, actors: Sequence[str], granularity: str = "auto"
) -> tuple[pd.DataFrame, str]:
    """(events per bucket for each actor: one column per actor, one row per bucket from the first event's to the
    last's, 0 where an actor has none; the unit). Undated events count at their publication date."""
    eff = flt.effective_dates(df)
    ok = eff.notna().to_numpy()
    if not ok.any():
        return pd.DataFrame(columns=list(actors), dtype="int64"), periods.unit_for(eff[ok], granularity)
    x = pd.to_datetime(eff[ok])
    unit = periods.unit_for(x, granularity)
    start = periods.period_starts(x, unit).to_numpy()
    names = flt.actor_names_column(df)[ok].to_numpy()
    full = periods.all_periods(x.min(), x.max(), unit).start_time
    columns = {}
    for actor in actors:
        has = np.fromiter((actor in ns for ns in names), dtype=bool, count=len(names))
        columns[actor] = pd.Series(start[has]).value_counts().reindex(full, fill_value=0).astype("int64")
    table = pd.DataFrame(columns, index=full) if columns else pd.DataFrame(index=full)
    return table, unit


def compare_actors(
    df: pd.DataFrame, actors: Sequence[str] | None = None, granularity: str = "auto", lang: str = i18n.DEFAULT
) -> go.Figure:
    """Events per day/week/month of up to 6 actors (default: the most frequent), one small chart per actor.

    Small multiples rather than six lines on one plot: counts per period are spiky and mostly small, so six lines
    cross and hide one another (and a legend must be decoded), while rows that share the time axis and the count
    scale read at a glance and still compare honestly, level against level and peak against peak.
    """
    asked = list(dict.fromkeys(actors)) if actors else []
    chosen = asked[:MAX_COMPARED] if asked else top_actors(df)
    table, unit = actor_period_counts(df, chosen, granularity)
    if table.empty or not chosen:
        return empty_compare(unit, lang)
    return compare_figure(table, unit, chosen, asked, granularity, len(df), int(flt.effective_dates(df).notna().sum()),
                          _with_any(df, chosen), _actor_totals(df, chosen), units.noun(df), units.unit_bit(df, lang),
                          lang)


def empty_compare(unit: str, lang: str = i18n.DEFAULT) -> go.Figure:
    """The comparison of no dated events (or no actors)."""
    fig = go.Figure(_validate=style.VALIDATE)
    style.apply_layout(fig, i18n.strings(lang)(f"compare.title.{unit}"), height=360)
    return style.no_events(fig, lang=lang)


def compare_figure(table: pd.DataFrame, unit: str, chosen: Sequence[str], asked: Sequence[str], granularity: str,
                   n_events: int, n_dated: int, with_any: int, totals: dict[str, int], noun: str, bit: str,
                   lang: str = i18n.DEFAULT) -> go.Figure:
    """The small multiples of `table` (`actor_period_counts`), with the subtitle's numbers: rows in all, rows with a
    date, dated rows with one of the actors, and each actor's rows (dated or not)."""
    tr = i18n.strings(lang)
    title = tr(f"compare.title.{unit}")
    bits = [
        style.coverage(n_events, with_any, [(n_events - n_dated, tr("coverage.no_date", n=n_events - n_dated)),
                                            (n_dated - with_any,
                                             tr("coverage.none_of_actors", n=n_dated - with_any, k=len(chosen)))],
                       lang, noun),
        bit,
        periods.per_bucket("point", unit, granularity, lang),
        tr("compare.same_scale"),
    ]
    if len(asked) > MAX_COMPARED:
        bits.insert(1, tr("compare.first_asked", k=MAX_COMPARED, n=len(asked)))
    elif not asked:
        bits.insert(1, tr.plural(len(chosen), "compare.top_actors"))
    layout = style.layout(title, bits, height=150 + COMPARE_ROW_PX * len(chosen))
    # room on the left for the counts and above the first row for its name
    margin = {**layout["margin"], "l": 50, "t": layout["margin"]["t"] + COMPARE_LABEL_PX}
    layout["margin"] = margin
    plot_px = layout["height"] - margin["t"] - margin["b"] - 40  # 40: the bottom axis' title
    traces, axes, notes = _compare_rows(totals, table, chosen, unit, COMPARE_LABEL_PX / max(plot_px, 1), lang)
    layout.update(
        annotations=notes,
        hovermode="closest",
        meta={"chart": "compare", "unit": unit, "granularity": granularity, "actors": list(chosen),
              "events": {"total": n_events, "shown": with_any}},
        **axes,
    )
    return go.Figure(data=traces, layout=layout, _validate=style.VALIDATE)


def _compare_rows(
    totals: dict[str, int], table: pd.DataFrame, chosen: Sequence[str], unit: str, gap: float, lang: str = i18n.DEFAULT
) -> tuple[style.Traces, dict[str, Any], list[dict[str, Any]]]:
    """One line per actor on its own axes (stacked top to bottom, one time axis and one count scale), and the
    rows' names."""
    n = len(chosen)
    height = (1 - gap * (n - 1)) / n
    tallest = max(int(table.to_numpy().max()), 1)
    first, last = table.index.min(), table.index.max()
    last_end = (pd.Period(last, freq=periods.FREQ[unit]) + 1).start_time
    tr = i18n.strings(lang)
    fmt = periods.hover_format(unit, lang)
    traces = style.Traces()
    axes: dict[str, Any] = {}
    notes = []
    for i, actor in enumerate(chosen):
        axis = "" if i == 0 else str(i + 1)
        color = COMPARE_COLORS[i % len(COMPARE_COLORS)]
        traces.add_trace(
            go.Scatter(
                x=table.index,
                y=table[actor].to_numpy(),
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                # each point in the middle of its period, as the counts chart's bars
                xperiod=periods.PERIOD_MS[unit],
                xperiodalignment="middle",
                mode="lines+markers",
                line={"color": color, "width": 2},
                marker={"color": color, "size": 5},
                fill="tozeroy",
                fillcolor=style.rgba(color, 0.12),
                name=style.esc(actor),
                showlegend=False,
                hovertemplate=f"<b>{style.esc(actor)}</b><br>%{{x|{fmt}}}: %{{y}} {tr('compare.events_word')}<extra></extra>",
                meta={"role": "compare", "actor": actor},
                _validate=style.VALIDATE,
            )
        )
        top = 1 - i * (height + gap)
        bottom = i == n - 1
        axes[f"xaxis{axis}"] = {
            "type": "date", "anchor": f"y{axis}", "showgrid": False, "ticks": "outside",
            "range": style.date_range(first, last_end, 0.01), "showticklabels": bottom,
            **({"matches": "x"} if i else {}),
            **({"title": {"text": periods.axis_title(unit, lang), "font": {"size": 12, "color": style.MUTED}}}
               if bottom else {}),
        }
        axes[f"yaxis{axis}"] = {
            "domain": [max(top - height, 0.0), top], "anchor": f"x{axis}", "gridcolor": style.GRID, "rangemode": "tozero",
            "tickformat": "d", "range": [0, tallest * 1.15], "nticks": 3,
            **({"matches": "y"} if i else {}),  # one count scale for every row: the rows compare honestly
            **({"dtick": 1} if tallest <= 3 else {}),
        }
        notes.append({
            "text": f"<b>{style.esc(actor)}</b> · {tr.plural(totals[actor], 'n.event')}", "xref": "paper",
            "yref": f"y{axis} domain", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
            "showarrow": False, "font": {"size": 12, "color": color},
        })
    return traces, axes, notes


def _actor_totals(df: pd.DataFrame, actors: Sequence[str]) -> dict[str, int]:
    """Events of each actor in df (dated or not)."""
    counts = Counter(chain.from_iterable(flt.actor_names_column(df)))
    return {a: int(counts.get(a, 0)) for a in actors}


def _with_any(df: pd.DataFrame, actors: Sequence[str]) -> int:
    """Events with a date (or a publication date) and at least one of the actors."""
    wanted = set(actors)
    dated = flt.effective_dates(df).notna().to_numpy()
    return sum(1 for ns, ok in zip(flt.actor_names_column(df), dated, strict=True) if ok and not wanted.isdisjoint(ns))
