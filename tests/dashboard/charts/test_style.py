"""Tests for events.dashboard.charts.style: fixed type colours and labels."""

from __future__ import annotations

from events.dashboard.charts import style


def test_type_colors_fixed_and_fallback() -> None:
    assert style.type_color("talks") == style.TYPE_COLORS["talks"]
    assert len(set(style.TYPE_COLORS.values())) == len(style.TYPE_COLORS)
    assert style.type_color("naval_battle") == style.type_color("naval_battle")
    assert style.type_color("naval_battle") in style.EXTRA_COLORS
    assert style.type_label("air_attack") == "air attack"
    assert style.type_order(["zeta", "air_attack", "talks"]) == ["talks", "air_attack", "zeta"]
