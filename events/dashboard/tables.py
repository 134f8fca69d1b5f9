"""Downloads of the events table: CSV (formula-safe, for spreadsheets), JSON records and Parquet, helper columns
dropped. The dashboard's Export tab and the command line's `extract --format csv` and `export` write them.
"""

from __future__ import annotations

import io
import json
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from events.dashboard import filters as flt

if TYPE_CHECKING:
    import pyarrow as pa

DATA_FORMATS = ("csv", "json", "parquet")
MIME_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


CSV_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
ACTOR_FIELDS = ("name", "kind", "country", "role")


def _export_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The events table without helper columns."""
    return flt.drop_helpers(df)


def _actor_text(actor: Any) -> str:
    """'Vladimir Putin (person, RUS, initiator)'."""
    if not isinstance(actor, dict):
        return str(actor)
    details = [str(actor[k]) for k in ("kind", "country", "role") if actor.get(k)]
    name = str(actor.get("name") or "?")
    return f"{name} ({', '.join(details)})" if details else name


def neutralise(cell: Any) -> Any:
    """Prefix an apostrophe to text a spreadsheet would run as a formula (= + - @ tab CR)."""
    if isinstance(cell, str) and cell.startswith(CSV_DANGEROUS):
        return "'" + cell
    return cell


def _list_text(value: Any) -> str:
    """List cell as '; '-joined text."""
    if isinstance(value, list | tuple):
        return "; ".join(_actor_text(v) if isinstance(v, dict) else str(v) for v in value)
    return "" if value is None else str(value)


def _history_text(value: Any) -> str:
    """An event's status history as text: 'planned since 2025-08-08; occurred since 2025-08-15'."""
    steps = value if isinstance(value, list | tuple) else []
    return "; ".join(f"{s.get('status')} since {s.get('since') or '?'}" for s in steps if isinstance(s, dict))


LIST_COLUMNS = ("actors", "countries", "attributed_to", "planned_dates", "report_ids")
DATE_COLUMNS = ("date", "published", "first_reported", "last_reported")


def frame_csv(df: pd.DataFrame, *, header: bool = True) -> bytes:
    """CSV (UTF-8 with BOM for spreadsheets): readable lists, ISO dates, formula-safe cells; without `header`, the
    rows alone (no BOM, no header line), to follow an earlier part of the same file."""
    out = _export_frame(df).copy()
    for col in LIST_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(_list_text)
    if "status_history" in out.columns:
        out["status_history"] = out["status_history"].map(_history_text)
    for col in DATE_COLUMNS:
        if col in out.columns:
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    text_cols = [c for c in out.columns if out[c].dtype == object or str(out[c].dtype) == "str"]
    for col in text_cols:
        out[col] = out[col].astype(object).map(neutralise)
    # CRLF (RFC 4180) also makes the csv module quote cells holding a lone \r or \n
    text = out.to_csv(index=False, header=header, lineterminator="\r\n")
    return text.encode("utf-8-sig" if header else "utf-8")


def _json_value(value: Any) -> Any:
    """A cell as JSON: ISO dates, null for missing, plain lists/dicts."""
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    return value


def frame_json(df: pd.DataFrame) -> bytes:
    """JSON array of event records: ISO dates, actors as objects, null for missing values."""
    out = _export_frame(df)
    records = [
        {col: _json_value(val) for col, val in zip(out.columns, row, strict=True)}
        for row in out.itertuples(index=False, name=None)
    ]
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")


def parquet_table(df: pd.DataFrame) -> pa.Table:
    """The events table as an Arrow table: actors as list<struct>, dates as timestamps, text never of null type."""
    import pyarrow as pa

    out = _export_frame(df)
    actor_type = pa.list_(pa.struct([(k, pa.string()) for k in ACTOR_FIELDS]))
    overrides = {
        "actors": actor_type,
        "countries": pa.list_(pa.string()),
        "attributed_to": pa.list_(pa.string()),
        "planned_dates": pa.list_(pa.string()),
        "report_ids": pa.list_(pa.string()),
    }
    table = pa.Table.from_pandas(out, preserve_index=False)
    for name, typ in overrides.items():
        if name in table.column_names:
            values = [
                [
                    {k: (a.get(k) if isinstance(a, dict) else None) for k in ACTOR_FIELDS} if name == "actors"
                    else str(a)
                    for a in (v if isinstance(v, list | tuple) else [])
                ]
                for v in out[name]
            ]
            idx = table.column_names.index(name)
            table = table.set_column(idx, name, pa.array(values, type=typ))
    if "status_history" in table.column_names:
        history_type = pa.list_(pa.struct([("status", pa.string()), ("since", pa.string())]))
        values = [[{"status": h.get("status"), "since": h.get("since")} for h in v if isinstance(h, dict)]
                  if isinstance(v, list | tuple) else [] for v in out["status_history"]]
        idx = table.column_names.index("status_history")
        table = table.set_column(idx, "status_history", pa.array(values, type=history_type))
    for i, field in enumerate(table.schema):  # a text column empty in these rows is still text (one schema per file)
        if pa.types.is_null(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.string()))
    return table


def frame_parquet(df: pd.DataFrame) -> bytes:
    """Parquet bytes (pyarrow) of parquet_table(df)."""
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(parquet_table(df), buf)
    return buf.getvalue()


def frame_file(df: pd.DataFrame, fmt: str) -> bytes:
    """The events table as a download: csv, json or parquet."""
    writers = {"csv": frame_csv, "json": frame_json, "parquet": frame_parquet}
    if fmt not in writers:
        raise ValueError(f"data format must be one of {', '.join(DATA_FORMATS)}, not {fmt!r}")
    return writers[fmt](df)
