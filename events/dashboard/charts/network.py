"""The actor network: actors as nodes (size = events), links for shared events (colour = type, width = count), laid out
by ForceAtlas2 per connected component; the biggest actors named where their labels fit.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from events.dashboard import i18n, units
from events.dashboard.charts import cells, labels, style


@dataclass(frozen=True)
class ActorGroups:
    """The rows grouped by their actors cell and event type; each cell's distinct actor names, with the kind and
    country of each name's first actor (`names`, `kinds` and `countries` hold one item per name, in step)."""

    groups: cells.Groups
    named: list[list[tuple[str, str, Any]]]  # per cell: (name, kind, country) of its distinct names
    names: cells.Items
    kinds: cells.Items
    countries: cells.Items

    def kept(self, keep: set[str]) -> cells.Items:
        """Each cell's names that are in `keep`."""
        return cells.cell_items(self.named, lambda actors: [a[0] for a in actors if a[0] in keep])

    def rows_with(self, items: cells.Items) -> int:
        """Rows whose cell has at least one of `items`."""
        return int(self.groups.rows[items.lengths[self.groups.cell] > 0].sum())


def named_actors(acts: Any) -> list[tuple[str, str, Any]]:
    """(name, kind, country) of a cell's actors, one per distinct name (its first actor's), unnamed ones left out."""
    out: dict[str, tuple[str, str, Any]] = {}
    for a in acts if isinstance(acts, list | tuple) else ():
        name = a.get("name") or ""
        if name and name not in out:
            out[name] = (name, a.get("kind") or "other", a.get("country") or None)
    return list(out.values())


def actor_groups(df: pd.DataFrame) -> ActorGroups:
    """The rows of df grouped by actors cell and type: each distinct cell is read once."""
    groups = cells.by_type(df, "actors")
    named = [named_actors(c) for c in groups.cells]
    return ActorGroups(groups, named, *(cells.cell_items(named, lambda actors, i=i: [a[i] for a in actors])
                                        for i in range(3)))


def _firsts(keys: np.ndarray, values: np.ndarray, weights: np.ndarray, order: np.ndarray) -> list[tuple[int, int, int]]:
    """(key, value, total weight) of each distinct (key, value), in order of their first entry (least `order`)."""
    width = int(values.max()) + 1 if len(values) else 1
    pairs, inverse = np.unique(keys * width + values, return_inverse=True)
    total = np.bincount(inverse, weights=weights).astype(np.int64)
    first = np.full(len(pairs), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, inverse, order)
    sort = np.argsort(first, kind="stable")
    return list(zip((pairs[sort] // width).tolist(), (pairs[sort] % width).tolist(), total[sort].tolist(), strict=True))


def actor_table(df: pd.DataFrame, rows: ActorGroups | None = None) -> dict[str, dict[str, Any]]:
    """Per actor: events, kind, country, events by type (counters in order of first appearance)."""
    rows = actor_groups(df) if rows is None else rows
    g = rows.groups
    group, pos, within = cells.expand(np.arange(len(g.rows)), g.cell, rows.names)
    if not len(group):
        return {}
    name = rows.names.codes[pos]
    weight = g.rows[group]
    order = g.first[group] * (int(rows.names.lengths.max()) + 1) + within  # an entry's first row, then its place
    events = np.bincount(name, weights=weight).astype(np.int64)
    values = rows.names.values
    out: dict[str, dict[str, Any]] = {
        values[k]: {"events": int(events[k]), "kinds": Counter(), "country": None, "types": Counter()}
        for k, _, _ in _firsts(name, np.zeros_like(name), weight, order)
    }
    for k, kind, n in _firsts(name, rows.kinds.codes[pos], weight, order):
        out[values[k]]["kinds"][rows.kinds.values[kind]] = n
    for k, etype, n in _firsts(name, g.key[group], weight, order):
        out[values[k]]["types"][g.labels[etype]] = n
    country = rows.countries.codes[pos]
    known = np.array([pd.notna(c) for c in rows.countries.values], dtype=bool)[country]
    for k, code, _ in _firsts(name[known], country[known], weight[known], order[known]):
        if out[values[k]]["country"] is None:  # the first actor of that name with a country
            out[values[k]]["country"] = rows.countries.values[code]
    return out


LAYOUT_SIZE_UNIT = 40.0  # marker pixels per ForceAtlas2 size unit: big nodes keep their neighbours at a distance


def _component_positions(
    graph: nx.Graph, seed: int, sizes: dict[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 layout of one connected component, centred, about sqrt(n) wide.

    ForceAtlas2 rather than a spring layout: springs pull the hubs (Russia, Ukraine, the United States, Trump,
    Putin) into one knot whose names cannot all be shown; ForceAtlas2 pushes big nodes apart.
    """
    names = sorted(graph.nodes)
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    if len(names) == 2:
        return {names[0]: (-0.5, 0.0), names[1]: (0.5, 0.0)}
    node_size = {n: sizes.get(n, 10.0) / LAYOUT_SIZE_UNIT for n in names} if sizes else None
    raw = nx.forceatlas2_layout(graph, seed=seed, max_iter=300, node_size=node_size)
    xy = np.array([raw[n] for n in names], dtype=float)
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    xy *= 0.5 * math.sqrt(len(names)) / extent
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, xy, strict=True)}


def network_layout(
    graph: nx.Graph, seed: int = 7, sizes: dict[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Deterministic positions: each connected component laid out alone, then packed in rows (sizes: marker px)."""
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes = []
    for comp in comps:
        local = _component_positions(graph.subgraph(sorted(comp)).copy(), seed, sizes)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        boxes.append((local, max(xs) - min(xs) + 1.2, max(ys) - min(ys) + 1.2, min(xs), max(ys)))
    row_width = max([b[1] for b in boxes] + [math.sqrt(sum(b[1] * b[2] for b in boxes)) * 1.4])
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, w, h, left, top in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for name, (px, py) in local.items():
            pos[name] = (x + 0.6 + px - left, y - 0.6 - (top - py))
        x += w
        row_height = max(row_height, h)
    return pos


NETWORK_HEIGHT = 620
NETWORK_LABELS = 15  # the network names at most this many actors (most events first); the others in their hover text
# the network's plot area on a 900 px page with the sidebar open: labels kept apart there are apart when wider
NETWORK_LABEL_PLOT = (420.0, 440.0)
NODE_FONT_PX = 11


def node_size(events: int) -> float:
    """Marker diameter (px) of an actor in n events."""
    return min(10 + 4 * math.sqrt(events), 46)


def network_ranges(pos: dict[str, tuple[float, float]]) -> tuple[list[float], list[float]]:
    """x and y axis ranges around the laid-out nodes, with room for the biggest markers and labels at the edge."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    pad = 0.08 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0) + 0.3
    return [min(xs) - pad, max(xs) + pad], [min(ys) - pad, max(ys) + pad]


def network_labels(
    pos: dict[str, tuple[float, float]],
    sizes: dict[str, float],
    order: Sequence[str],
    limit: int = NETWORK_LABELS,
    plot: tuple[float, float] = NETWORK_LABEL_PLOT,
) -> dict[str, str]:
    """Which nodes get a label, and on which side: name -> textposition, for nodes in `order` (most important first).

    Positions are in layout units; plotly stretches network_ranges(pos) over the whole plot area, so the pixel
    position of each node in a plot of `plot` size is known. A wider plot only moves nodes further apart.
    """
    if not pos:
        return {}
    (x_lo, x_hi), (y_lo, y_hi) = network_ranges(pos)
    width, height = plot
    sx, sy = width / (x_hi - x_lo), height / (y_hi - y_lo)
    marks = [
        labels.Mark(name, (pos[name][0] - x_lo) * sx, (y_hi - pos[name][1]) * sy, sizes[name] / 2, name, NODE_FONT_PX)
        for name in order
    ]
    return labels.place_labels(marks, limit, (0.0, 0.0, width, height))


@dataclass(frozen=True)
class NetworkData:
    """What the network draws: its numbers, made from the rows by `network_data` (or by the DuckDB path)."""

    actors: dict[str, dict[str, Any]]  # every actor: `actor_table`
    nodes: list[str]  # the actors drawn (the most events first, then by name), sorted by name
    edges: dict[tuple[str, str, str], int]  # (a, b, type) -> rows naming both (a < b), among the nodes
    n_events: int  # rows in all
    n_shown: int  # rows with at least one node
    n_named: int  # rows with at least one named actor
    noun: str  # units.noun of the rows
    word: str  # units.word of the rows
    bit: str  # units.unit_bit of the rows


def top_nodes(actors: dict[str, dict[str, Any]], max_nodes: int) -> list[str]:
    """The `max_nodes` actors with the most events (ties by name), sorted by name."""
    return sorted(sorted(actors, key=lambda n: (-actors[n]["events"], n))[:max_nodes])


def network_data(df: pd.DataFrame, max_nodes: int = 40, lang: str = i18n.DEFAULT) -> NetworkData:
    """The network's numbers of the rows of df."""
    rows = actor_groups(df)
    actors = actor_table(df, rows)
    nodes = top_nodes(actors, max_nodes)
    # every two kept actors of one event, paired once per distinct actors cell
    kept = rows.kept(set(nodes))
    edges = cells.pair_counts(rows.groups, kept, np.ones(len(rows.groups.rows), dtype=bool))
    return NetworkData(actors, nodes, edges, len(df), rows.rows_with(kept), rows.rows_with(rows.names),
                       units.noun(df), units.word(df, lang), units.unit_bit(df, lang))


def actor_network(df: pd.DataFrame, max_nodes: int = 40, seed: int = 7, lang: str = i18n.DEFAULT) -> go.Figure:
    """Actors as nodes (size = events), links for shared events (colour = type, width = count)."""
    return network_figure(network_data(df, max_nodes, lang), seed, lang)


def network_figure(data: NetworkData, seed: int = 7, lang: str = i18n.DEFAULT) -> go.Figure:
    """The network of `data` (`network_data`)."""
    tr = i18n.strings(lang)
    fig = go.Figure(_validate=style.VALIDATE)
    actors = data.actors
    if not actors:
        style.apply_layout(fig, tr("network.title"), height=420)
        return style.no_events(fig, lang=lang)
    nodes = data.nodes
    edges: Counter[tuple[str, str, str]] = Counter(data.edges)

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b, _), n in sorted(edges.items()):
        w = graph.get_edge_data(a, b, {"weight": 0})["weight"]
        graph.add_edge(a, b, weight=w + n)
    sizes = {n: node_size(actors[n]["events"]) for n in nodes}
    pos = network_layout(graph, seed=seed, sizes=sizes)

    # edges, grouped per (type, count) so each trace has one width
    types_present = style.type_order({t for (_, _, t) in edges})
    pair_types: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, b, t in edges:
        pair_types[(a, b)].append(t)
    groups: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for (a, b, t), n in sorted(edges.items()):
        groups[(t, n)].append((a, b))
    mid_x, mid_y, mid_text = [], [], []
    for (etype, n), pairs in sorted(
        groups.items(), key=lambda kv: (types_present.index(kv[0][0]), kv[0][1])
    ):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in pairs:
            (x0, y0), (x1, y1) = pos[a], pos[b]
            siblings = style.type_order(pair_types[(a, b)])
            off = (siblings.index(etype) - (len(siblings) - 1) / 2) * 0.07
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            ox, oy = -(y1 - y0) / length * off, (x1 - x0) / length * off
            xs += [x0 + ox, x1 + ox, None]
            ys += [y0 + oy, y1 + oy, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": style.arc_width(n), "color": style.type_color(etype)},
                opacity=0.7,
                name=f"{style.type_label(etype, lang)} ×{n}",
                legendgroup=etype,
                showlegend=False,
                hoverinfo="skip",
                meta={"role": "edges", "event_type": etype, "events": n, "pairs": pairs},
                _validate=style.VALIDATE,
            )
        )
    for a, b in sorted(pair_types):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        detail = style.breakdown({t: edges[(a, b, t)] for t in pair_types[(a, b)]}, lang)
        mid_text.append(f"<b>{style.esc(a)} – {style.esc(b)}</b><br>{detail}")
    if mid_x:
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                marker={"size": 10, "color": "rgba(0,0,0,0)"},
                text=mid_text,
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
                name="links",
                meta={"role": "edge-hover"},
                _validate=style.VALIDATE,
            )
        )
    for etype in types_present:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"width": 4, "color": style.type_color(etype)},
                name=style.type_label(etype, lang),
                legendgroup=etype,
                hoverinfo="skip",
                meta={"role": "key", "event_type": etype},
                _validate=style.VALIDATE,
            )
        )

    # nodes, one trace per kind; labels for the biggest where they fit (network_labels), all names in the hover
    degree = dict(graph.degree())
    named = network_labels(pos, sizes, sorted(nodes, key=lambda n: (-actors[n]["events"], -degree[n], n)))
    by_kind: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_kind[actors[n]["kinds"].most_common(1)[0][0]].append(n)
    kinds = [k for k in style.KIND_COLORS if k in by_kind] + sorted(set(by_kind) - set(style.KIND_COLORS))
    for kind in kinds:
        names = by_kind[kind]
        hover = []
        for n in names:
            info = actors[n]
            detail = style.breakdown(info["types"], lang)
            where = f", {info['country']}" if info["country"] else ""
            hover.append(
                f"<b>{style.esc(n)}</b> ({style.esc(tr.kind_name(kind))}{style.esc(where)})<br>"
                f"{tr.plural(info['events'], 'n.event')}: {detail}"
            )
        fig.add_trace(
            go.Scatter(
                x=[pos[n][0] for n in names],
                y=[pos[n][1] for n in names],
                mode="markers",
                marker={
                    "size": [sizes[n] for n in names],
                    "color": style.kind_color(kind),
                    "line": {"color": "white", "width": 1.5},
                    "opacity": 0.95,
                },
                name=tr.kind_name(kind),
                legendgroup=f"kind:{kind}",
                customdata=names,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "nodes", "kind": kind},
                _validate=style.VALIDATE,
            )
        )
    if named:
        # one text trace over every node: a label is never hidden under a node of a kind drawn later
        labelled = [n for n in nodes if n in named]
        fig.add_trace(
            go.Scatter(
                x=[pos[n][0] for n in labelled],
                y=[pos[n][1] for n in labelled],
                mode="markers+text",
                text=[style.esc(n) for n in labelled],
                textposition=[named[n] for n in labelled],
                textfont={"size": NODE_FONT_PX, "color": style.INK, "shadow": style.HALO},
                marker={"size": [sizes[n] for n in labelled], "opacity": 0},  # offsets each text as its node
                hoverinfo="skip",
                showlegend=False,
                name="labels",
                meta={"role": "labels"},
                customdata=labelled,
                _validate=style.VALIDATE,
            )
        )
    shown = len(nodes)
    n_events, n_shown, n_named = data.n_events, data.n_shown, data.n_named
    bits = [style.coverage(n_events, n_shown, [(n_events - n_named, tr("coverage.no_actor", n=n_events - n_named)),
                                               (n_named - n_shown,
                                                tr("coverage.none_of_top", n=n_named - n_shown, k=shown))], lang,
                           data.noun),
            data.bit, tr("network.sizes", what=data.word)]
    if shown < len(actors):
        bits.insert(2, tr("network.top", k=shown, n=len(actors)))
    style.apply_layout(fig, tr("network.title"), bits, height=NETWORK_HEIGHT)
    x_range, y_range = network_ranges(pos)
    fig.update_xaxes(visible=False, range=x_range)
    # no fixed aspect: a network has none, and stretched to a wide page its nodes and names sit further apart
    fig.update_yaxes(visible=False, range=y_range)
    fig.update_layout(
        hovermode="closest",
        meta={"chart": "network", "labels": sorted(named), "events": {"total": n_events, "shown": n_shown}},
        # one title over the legend's rows: titled groups in a horizontal legend stack and wrap unevenly
        legend=style.legend_below(title={"text": tr("network.legend"), "side": "top",
                                    "font": {"color": style.MUTED, "size": 12}}),
        plot_bgcolor="white",
    )
    return fig
