"""What the user picked in a chart: the points selected on the timeline (an event, or an aggregated marker) and the
actor clicked in the network, read from st.plotly_chart's on_select state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _selected_customdata(state: Any) -> list[Any]:
    """customdata of the points selected in a plotly chart (st.plotly_chart's on_select state)."""
    if not state:
        return []
    try:
        selection = state["selection"] if "selection" in state else state
        points = selection.get("points", []) if isinstance(selection, Mapping) else selection["points"]
    except (KeyError, TypeError, AttributeError):
        return []
    return [p.get("customdata") for p in points or [] if isinstance(p, Mapping)]


def selected_report_ids(state: Any) -> list[str]:
    """Report ids of the points selected in a plotly chart (a list customdata starts with the id)."""
    out: list[str] = []
    for cd in _selected_customdata(state):
        if isinstance(cd, list | tuple):
            cd = cd[0] if cd else None
        if isinstance(cd, str) and cd and cd not in out:
            out.append(cd)
    return out


def selected_markers(state: Any) -> list[str]:
    """Marker keys of the aggregated timeline markers selected (the second item of their customdata)."""
    out: list[str] = []
    for cd in _selected_customdata(state):
        if isinstance(cd, list | tuple) and len(cd) > 1 and isinstance(cd[1], str) and cd[1] not in out:
            out.append(cd[1])
    return out


def clicked_actor(state: Any, known: Iterable[str]) -> str | None:
    """The actor of the network node clicked (st.plotly_chart's on_select state), if it is one of `known`.

    Nodes carry their actor's name as customdata; a click on a link's midpoint or anything else selects no actor.
    """
    names = set(known)
    for cd in _selected_customdata(state):
        if isinstance(cd, str) and cd in names:
            return cd
    return None
