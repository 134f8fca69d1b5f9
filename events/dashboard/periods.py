"""Time buckets for the charts that count events per period (counts, compare): day, week or month.

"auto" picks by the span of the events: days up to 60 days, weeks up to two years, months beyond. Weeks start on
Monday (ISO 8601, as European newsrooms count them); a month bucket is the calendar month. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from events.dashboard import i18n

GRANULARITIES = ("auto", "day", "week", "month")
UNITS = ("day", "week", "month")
PARAM = "gran"  # the URL parameter: ?gran=week ("auto" is left out)
# pandas period frequencies: "W-SUN" is the week that ends on Sunday, so starts on Monday
FREQ = {"day": "D", "week": "W-SUN", "month": "M"}
PERIOD_MS: dict[str, Any] = {"day": 86_400_000, "week": 7 * 86_400_000, "month": "M1"}  # plotly's xperiod
AUTO_DAYS_UP_TO = 60
AUTO_WEEKS_UP_TO = 731  # two years


def auto_unit(span_days: float) -> str:
    """'day' up to 60 days, 'week' up to two years, else 'month'."""
    if span_days <= AUTO_DAYS_UP_TO:
        return "day"
    if span_days <= AUTO_WEEKS_UP_TO:
        return "week"
    return "month"


def unit_for(dates: pd.Series, granularity: str = "auto") -> str:
    """The bucket for these dates: the one asked for, else (auto, or unknown) the one their span calls for."""
    if granularity in UNITS:
        return granularity
    dated = dates.dropna()
    span = (dated.max() - dated.min()).days if len(dated) else 0
    return auto_unit(span)


def period_starts(dates: pd.Series, unit: str) -> pd.Series:
    """The first day of each date's bucket (a Monday for weeks, the 1st for months); NaT stays NaT."""
    return pd.to_datetime(dates).dt.to_period(FREQ[unit]).dt.start_time


def all_periods(first: pd.Timestamp, last: pd.Timestamp, unit: str) -> pd.PeriodIndex:
    """Every bucket from the one holding `first` to the one holding `last`, empty ones included."""
    return pd.period_range(pd.Timestamp(first), pd.Timestamp(last), freq=FREQ[unit])


def per_text(unit: str, lang: str = i18n.DEFAULT) -> str:
    """How a subtitle names a bucket: 'day', 'week, weeks starting Monday', 'month'."""
    return i18n.t(lang, f"period.per.{unit}")


def axis_title(unit: str, lang: str = i18n.DEFAULT) -> str:
    """The x axis title: 'day', 'week starting Monday', 'month'."""
    return i18n.t(lang, f"period.axis.{unit}")


def hover_format(unit: str, lang: str = i18n.DEFAULT) -> str:
    """plotly's date format of a bucket in hover text (month and weekday names from the page's plotly locale)."""
    return i18n.t(lang, f"period.hover.{unit}")


def per_bucket(mark: str, unit: str, granularity: str, lang: str = i18n.DEFAULT) -> str:
    """'one bar per week, weeks starting Monday', and '(auto, for the span)' when not chosen by the user."""
    tr = i18n.strings(lang)
    text = tr(f"period.one_{mark}", per=per_text(unit, lang))
    return text if granularity in UNITS else tr("period.auto", text=text)


def from_params(raw: Iterable[str] | str | None, lang: str = i18n.DEFAULT) -> tuple[str, list[str]]:
    """(granularity, notices) from ?gran= values: the last known one, else auto with a notice."""
    values = [raw] if isinstance(raw, str) else [str(v) for v in raw or []]
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        return "auto", []
    wanted = values[-1].lower()
    if wanted in GRANULARITIES:
        return wanted, []
    return "auto", [i18n.t(lang, "notice.gran", value=repr(values[-1][:40]), choices=", ".join(GRANULARITIES))]


def param_changes(current: Iterable[str], granularity: str) -> list[str] | None:
    """The ?gran= values the URL should hold now ([] removes it), or None when it already does."""
    wanted = [] if granularity not in UNITS else [granularity]
    return None if list(current) == wanted else wanted
