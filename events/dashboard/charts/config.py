"""A chart's download name (chart, filters and date in the file name) and the `config` st.plotly_chart draws it with.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from events.dashboard import filters as flt
from events.dashboard import i18n

TOPOJSON_URL = "/app/static/topojson/"  # Streamlit static serving of static/topojson/


def _slug(text: str, limit: int = 40) -> str:
    """ASCII-only, filename-safe token: letters, digits, dot, dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", ascii_text).strip("-.")
    return slug[:limit].strip("-.") or "x"


def figure_filename(
    chart: str, filters: flt.Filters | None = None, today: date | None = None, max_len: int = 120
) -> str:
    """Download name (no extension) such as timeline_actor-Russia_type-talks_2025-01-01--2025-09-30_2026-11-25."""
    f = filters or flt.Filters()
    parts = [_slug(chart, 20)]

    def many(prefix: str, values: Sequence[str]) -> None:
        if values:
            parts.append(prefix + "-" + "+".join(_slug(v, 30) for v in values))

    many("actors-all" if f.actor_mode == "all" and len(f.actors) > 1 else "actor", f.actors)
    many("country", f.countries)
    many("type", f.event_types)
    many("status", f.statuses)
    if f.date_from or f.date_to:
        lo = f.date_from.isoformat() if f.date_from else "start"
        hi = f.date_to.isoformat() if f.date_to else "end"
        parts.append(f"{lo}--{hi}")
    many("lang", f.languages)
    many("source", f.sources)
    many("place", f.places)
    many("loc", f.location_countries)
    if f.min_confidence > 0:
        parts.append(f"conf-{f.min_confidence:g}")
    if f.text.strip():
        parts.append("q-" + _slug(f.text, 30))
    suffix = (today or date.today()).isoformat()
    name = "_".join(parts)
    room = max_len - len(suffix) - 1
    if len(name) > room:
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        name = name[: room - 9].rstrip("-_+.") + "~" + digest
    return f"{name}_{suffix}"


def plotly_locale(lang: str) -> dict[str, Any]:
    """plotly.js's locale for a language, from its strings file: month and weekday names of date ticks and hover
    dates, number separators, the toolbar's button titles. Handed over in `config` (plotly.js bundles none offline).
    """
    tr = i18n.strings(lang)
    return {
        "format": {
            "months": tr.names("months.long"), "shortMonths": tr.names("months.plotly_short"),
            "days": tr.names("days.long"), "shortDays": tr.names("days.short"),
            "decimal": tr("number.decimal"), "thousands": tr("number.thousands"),
        },
        "dictionary": {k.split(".", 2)[2]: v for k, v in tr.entries.items() if k.startswith("plotly.dictionary.")},
    }


def plotly_config(
    chart: str, filters: flt.Filters | None = None, today: date | None = None, lang: str = i18n.DEFAULT
) -> dict[str, Any]:
    """`config` for st.plotly_chart: 2x PNG download with a descriptive name, offline map outlines.

    The modebar's camera button always downloads in toImageButtonOptions.format, and a second
    button with another format needs a JavaScript click handler, which Streamlit cannot pass
    (its config is JSON). So the modebar gives PNG; SVG/PDF/HTML come from the dashboard's
    download buttons (events.dashboard.export.figure_image / figure_html).
    """
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "scale": 2,
            "filename": figure_filename(chart, filters, today),
        },
        "topojsonURL": TOPOJSON_URL,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"] if chart in ("counts", "compare") else [],
        # the map zooms with the wheel (plotly's default for maps, said out loud); other charts scroll the page
        **({"scrollZoom": True} if chart == "map" else {}),
        # English is plotly's own; another language brings its month names and toolbar titles along
        **({} if lang == i18n.DEFAULT else {"locale": lang, "locales": {lang: plotly_locale(lang)}}),
    }
