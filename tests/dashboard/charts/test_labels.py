"""Tests for events.dashboard.charts.labels: the greedy pass that keeps chart labels apart."""

from __future__ import annotations

import itertools

import pytest

from events.dashboard.charts import labels
from events.dashboard.charts.labels import Mark


def rects(marks: list[Mark], placed: dict[str, str]) -> list[labels.Rect]:
    """The label rectangles of the placed marks."""
    by_key = {m.key: m for m in marks}
    return [labels.label_rect(by_key[k], side) for k, side in placed.items()]


def no_overlaps(marks: list[Mark], placed: dict[str, str]) -> bool:
    """No two placed labels share any area."""
    return not any(labels.overlaps(a, b) for a, b in itertools.combinations(rects(marks, placed), 2))


@pytest.mark.parametrize(
    ("marks", "limit", "expected"),
    [
        # far apart: both above their markers
        ([Mark("a", 50, 100, 5, "Alpha"), Mark("b", 300, 100, 5, "Beta")], 5,
         {"a": "top center", "b": "top center"}),
        # side by side: the second label would cover the first, so it goes to the right
        ([Mark("a", 100, 100, 5, "Alpha"), Mark("b", 130, 100, 5, "Beta")], 5,
         {"a": "top center", "b": "middle right"}),
        # on top of each other: the first is named, the second's label has nowhere to go (hover only)
        ([Mark("a", 100, 100, 5, "Alpha"), Mark("b", 100, 85, 5, "Beta")], 5, {"a": "top center"}),
        # close right of a big one: above, it would cover the first label; to the right it fits
        ([Mark("a", 100, 100, 12, "Alpha"), Mark("b", 125, 100, 4, "Beta")], 5,
         {"a": "top center", "b": "middle right"}),
        # the limit: only the first two, in the given order
        ([Mark("c", 10, 50, 3, "C"), Mark("a", 200, 50, 3, "A"), Mark("b", 400, 50, 3, "B")], 2,
         {"c": "top center", "a": "top center"}),
        # a mark without text gets no label and takes no place in the limit
        ([Mark("a", 50, 100, 5, ""), Mark("b", 300, 100, 5, "Beta")], 1, {"b": "top center"}),
        # same key twice: labelled once
        ([Mark("a", 50, 100, 5, "Alpha"), Mark("a", 300, 100, 5, "Alpha")], 5, {"a": "top center"}),
        ([], 5, {}),
    ],
)
def test_place_labels(marks: list[Mark], limit: int, expected: dict[str, str]) -> None:
    placed = labels.place_labels(marks, limit)
    assert placed == expected
    assert no_overlaps(marks, placed)


def test_a_crowd_gets_only_the_labels_that_fit() -> None:
    # ten marks 6 px apart on one row: long names cannot all be shown
    marks = [Mark(f"m{i}", 100 + 6 * i, 100, 3, f"Name number {i}") for i in range(10)]
    placed = labels.place_labels(marks, 10)
    assert 1 < len(placed) < 10
    assert "m0" in placed  # the first (most important) is always named when it has room
    assert no_overlaps(marks, placed)


def test_labels_never_cover_a_more_important_marker() -> None:
    big = Mark("big", 100, 100, 20, "Big")
    small = Mark("small", 100, 60, 3, "Small")  # its label above would clear the big marker; below would not
    placed = labels.place_labels([big, small], 5)
    assert "big" in placed and "small" in placed
    for key, side in placed.items():
        if key != "big":
            assert not labels.overlaps(labels.label_rect(small, side), labels.marker_rect(big))


def test_labels_stay_inside_the_frame() -> None:
    # a mark at the top edge cannot be labelled above it; one at the right edge not to its right
    top = Mark("top", 200, 5, 4, "Top")
    right = Mark("right", 395, 200, 4, "Right edge")
    placed = labels.place_labels([top, right], 5, frame=(0, 0, 400, 400))
    assert placed["top"] != "top center"
    assert placed["right"] not in ("middle right",)
    for rect in rects([top, right], placed):
        assert labels.inside(rect, (0, 0, 400, 400))
    # nowhere to go: a tiny frame
    assert labels.place_labels([Mark("x", 5, 5, 2, "Much too long a name")], 5, frame=(0, 0, 10, 10)) == {}


def test_label_rect_sides() -> None:
    mark = Mark("a", 100, 100, 10, "abcde", font_px=10)
    w, h = labels.text_size("abcde", 10)
    left, top, right, bottom = labels.label_rect(mark, "top center")
    assert bottom <= 100 - 10 and right - left == pytest.approx(w + 2 * labels.MARGIN)
    left, top, right, bottom = labels.label_rect(mark, "middle right")
    assert left >= 100 + 10 and bottom - top == pytest.approx(h + 2 * labels.MARGIN)
    left, _, right, _ = labels.label_rect(mark, "middle left")
    assert right <= 100 - 10
    _, top, _, _ = labels.label_rect(mark, "bottom center")
    assert top >= 100 + 10
    left, top, right, bottom = labels.label_rect(mark, "top right")  # a corner: out on both axes
    assert left >= 100 + 10 and bottom <= 100 - 10
    left, top, right, bottom = labels.label_rect(mark, "bottom left")
    assert right <= 100 - 10 and top >= 100 + 10
    for bad in ("somewhere", "middle center", "top"):
        with pytest.raises(ValueError, match="unknown label position"):
            labels.label_rect(mark, bad)


def test_corners_when_the_four_sides_are_taken() -> None:
    # a mark boxed in by four labelled neighbours above, below, left and right
    centre = Mark("c", 200, 200, 4, "Centre")
    around = [Mark("n", 200, 180, 4, "N"), Mark("s", 200, 220, 4, "S"), Mark("w", 160, 200, 4, "W"),
              Mark("e", 240, 200, 4, "E")]
    placed = labels.place_labels([*around, centre], 10)
    assert placed["c"] in ("top right", "bottom right", "bottom left", "top left")
    assert no_overlaps([*around, centre], placed)
