"""Pairs of values that share an event, counted per event type: the map's arcs between countries and the network's
links between actors.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def pair_counts(rows: pd.DataFrame, col: str) -> dict[tuple[str, str, str], int]:
    """(a, b, event_type) -> events in which both a and b (a < b) of `col` take part; rows: row, col, event_type.

    Every two values of one event are paired by a self-merge on small integer codes (strings would make the
    merge ~4x bigger: ~250 MB at 1M events).
    """
    if rows.empty:
        return {}
    codes, values = pd.factorize(rows[col].to_numpy(dtype=object), sort=True)  # code order = value order
    tcodes, types = pd.factorize(rows["event_type"].to_numpy(dtype=object))
    left = pd.DataFrame({"row": rows["row"].to_numpy(dtype=np.int64), "a": codes.astype(np.int32),
                         "t": tcodes.astype(np.int16)})
    pairs = left.merge(left[["row", "a"]].rename(columns={"a": "b"}), on="row")
    pairs = pairs[pairs["a"] < pairs["b"]]
    counts = pairs.groupby(["a", "b", "t"]).size()
    return {(str(values[a]), str(values[b]), str(types[t])): int(n) for (a, b, t), n in counts.items()}
