"""The map's and the network's aggregations as they were written first: row by row in pandas (exploded lists, a
self-merge for the pairs). `test_cells` checks the grouped versions in `events.dashboard.charts` against them."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

ARC_TYPES = ("talks", "summit")
ATTACK_TYPES = ("air_attack",)


def pair_counts(rows: pd.DataFrame, col: str) -> dict[tuple[str, str, str], int]:
    """(a, b, event_type) -> events in which both a and b (a < b) of `col` take part; rows: row, col, event_type."""
    if rows.empty:
        return {}
    codes, values = pd.factorize(rows[col].to_numpy(dtype=object), sort=True)
    tcodes, types = pd.factorize(rows["event_type"].to_numpy(dtype=object))
    left = pd.DataFrame({"row": rows["row"].to_numpy(dtype=np.int64), "a": codes.astype(np.int32),
                         "t": tcodes.astype(np.int16)})
    pairs = left.merge(left[["row", "a"]].rename(columns={"a": "b"}), on="row")
    pairs = pairs[pairs["a"] < pairs["b"]]
    counts = pairs.groupby(["a", "b", "t"]).size()
    return {(str(values[a]), str(values[b]), str(types[t])): int(n) for (a, b, t), n in counts.items()}


def _country_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per event row and distinct country of it: columns row (position in df) and country."""
    s = pd.Series(df["countries"].to_numpy(dtype=object), index=np.arange(len(df))).explode()
    s = s[s.notna() & (s != "")]
    return pd.DataFrame({"row": s.index.to_numpy(), "country": s.to_numpy(dtype=object)}).drop_duplicates()


def party_links(df: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[tuple[str, str, str], int]:
    """(country A, country B, type) -> number of talks/summit events between the two (A < B)."""
    rows = _country_rows(df) if rows is None else rows
    types = df["event_type"].fillna("").astype(str).to_numpy(dtype=object)
    row_types = types[rows["row"].to_numpy(dtype=np.int64)]
    arcs = rows.assign(event_type=row_types)[np.isin(row_types, list(ARC_TYPES))]
    return pair_counts(arcs, "country")




def _initiators(actors: pd.Series) -> list[list[str]]:
    """Per event, the names of its initiators (an air attack's attacker)."""
    memo: dict[int, list[str]] = {}  # loaded frames share one list object between events with equal actors
    out = []
    for acts in actors:
        hit = memo.get(id(acts))
        if hit is None:
            hit = memo[id(acts)] = [
                a["name"] for a in acts if a.get("role") == "initiator" and a.get("name")
            ] if isinstance(acts, list | tuple) else []
        out.append(hit)
    return out


def _ranked_per_group(codes: np.ndarray, values: np.ndarray) -> dict[int, list[str]]:
    """Per group code, its values most frequent first (ties: first seen first), like Counter.most_common."""
    if not len(codes):
        return {}
    t = pd.DataFrame({"k": codes, "v": values, "pos": np.arange(len(codes))})
    g = t.groupby(["k", "v"], sort=False).agg(cnt=("pos", "size"), first=("pos", "min")).reset_index()
    g = g.sort_values(["k", "cnt", "first"], ascending=[True, False, True])
    ks, vs = g["k"].to_numpy(), g["v"].to_numpy(dtype=object)
    cuts = np.flatnonzero(np.diff(ks)) + 1
    return {int(k): part.tolist() for k, part in zip(ks[np.r_[0, cuts]], np.split(vs, cuts), strict=True)}


def attack_targets(df: pd.DataFrame) -> pd.DataFrame:
    """Air-attack targets with coordinates: location_name, lat, lon, n, attackers, report_ids."""
    sel = df[df["event_type"].isin(list(ATTACK_TYPES)) & df["lat"].notna() & df["lon"].notna()]
    cols = ["location_name", "lat", "lon", "n", "attackers", "report_ids"]
    if sel.empty:
        return pd.DataFrame(columns=cols)
    # Python's round (numpy's differs in the last digit now and then: 60.1695 -> 60.17 rather than 60.169)
    lat = [round(x, 3) for x in sel["lat"].to_numpy(dtype=float).tolist()]
    lon = [round(x, 3) for x in sel["lon"].to_numpy(dtype=float).tolist()]
    # places in order of first appearance, as a per-row loop would meet them
    codes, places = pd.factorize(pd.MultiIndex.from_arrays([lat, lon]))
    n = np.bincount(codes, minlength=len(places))
    order = np.argsort(codes, kind="stable")
    ids = np.split(sel["report_id"].astype(str).to_numpy(dtype=object)[order], np.cumsum(n)[:-1])
    names = sel["location_name"].to_numpy(dtype=object)
    named = np.array([isinstance(x, str) and x != "" for x in names], dtype=bool)
    top_name = _ranked_per_group(codes[named], names[named])
    initiators = _initiators(sel["actors"])
    per_row = np.fromiter((len(x) for x in initiators), dtype=np.int64, count=len(initiators))
    flat = np.array([name for x in initiators for name in x], dtype=object)
    attackers = _ranked_per_group(np.repeat(codes, per_row), flat)
    rows = [
        {
            "location_name": top_name[k][0] if k in top_name else "",
            "lat": float(plat),
            "lon": float(plon),
            "n": int(n[k]),
            "attackers": attackers.get(k, []),
            "report_ids": ids[k].tolist(),
        }
        for k, (plat, plon) in enumerate(places)
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(
        ["n", "location_name"], ascending=[False, True]
    )


def country_types(df: pd.DataFrame) -> dict[tuple[Any, str], int]:
    """(country, event type) -> events, as the map counted them for its markers."""
    rows = _country_rows(df)
    row_types = df["event_type"].fillna("").astype(str).to_numpy(dtype=object)[rows["row"].to_numpy()]
    return {(c, t): int(k) for (c, t), k in rows.groupby([rows["country"], row_types], sort=False).size().items()}


def events_on_map(df: pd.DataFrame, centroids: dict[str, Any]) -> int:
    """Events the map draws: an actor from a country it can place, or an air attack with coordinates."""
    rows = _country_rows(df)
    on_map = np.zeros(len(df), dtype=bool)
    on_map[rows.loc[rows["country"].isin(list(centroids)), "row"].to_numpy(dtype=np.int64)] = True
    attacks = df["event_type"].isin(list(ATTACK_TYPES)).to_numpy(dtype=bool)
    on_map |= attacks & (df["lat"].notna() & df["lon"].notna()).to_numpy(dtype=bool)
    return int(on_map.sum())


def _actor_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per event row and distinct actor name in it: row, name, kind, country, event_type."""
    # column by column, pointing at the strings the actor dicts already hold: a tuple per actor would cost
    # ~400 MB at 1M events
    lists = [acts if isinstance(acts, list | tuple) else () for acts in df["actors"]]
    rows = np.repeat(np.arange(len(lists)), [len(acts) for acts in lists])
    flat = [a for acts in lists for a in acts]
    names = np.array([a.get("name") or "" for a in flat], dtype=object)
    keep = names != ""
    t = pd.DataFrame(
        {
            "row": rows[keep],
            "name": names[keep],
            "kind": np.array([a.get("kind") or "other" for a in flat], dtype=object)[keep],
            "country": np.array([a.get("country") or None for a in flat], dtype=object)[keep],
        }
    ).drop_duplicates(["row", "name"])
    t["event_type"] = df["event_type"].fillna("").astype(str).to_numpy(dtype=object)[t["row"].to_numpy(dtype=np.int64)]
    return t


def _actor_table(df: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[str, dict[str, Any]]:
    """Per actor: events, kind, country, events by type (counters in order of first appearance)."""
    t = _actor_rows(df) if rows is None else rows
    if t.empty:
        return {}
    out: dict[str, dict[str, Any]] = {
        name: {"events": int(n), "kinds": Counter(), "country": None, "types": Counter()}
        for name, n in t.groupby("name", sort=False).size().items()
    }
    for (name, kind), n in t.groupby(["name", "kind"], sort=False).size().items():
        out[name]["kinds"][kind] = int(n)
    for (name, etype), n in t.groupby(["name", "event_type"], sort=False).size().items():
        out[name]["types"][etype] = int(n)
    for name, country in t.dropna(subset=["country"]).groupby("name", sort=False)["country"].first().items():
        out[name]["country"] = country
    return out


def network_counts(df: pd.DataFrame, keep: set[str]) -> tuple[dict[tuple[str, str, str], int], int, int]:
    """(links between the kept actors, events with one of them, events with a named actor), as the network had them."""
    rows = _actor_rows(df)
    kept = rows.loc[rows["name"].isin(keep), ["row", "name", "event_type"]]
    shown = int(rows.loc[rows["name"].isin(keep), "row"].nunique())
    return pair_counts(kept, "name"), shown, int(rows["row"].nunique())
