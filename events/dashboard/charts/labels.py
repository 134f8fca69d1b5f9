"""Text labels that do not overlap: a greedy pass over marks in screen-approximate pixels.

plotly draws every text it is given, on top of each other if need be. Charts ask `place_labels` which marks get a
label and on which side of the marker; the others keep their name in the hover text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# sides tried in turn: above first (plotly's usual), then right, below, left, then the corners
POSITIONS = ("top center", "middle right", "bottom center", "middle left",
             "top right", "bottom right", "bottom left", "top left")
CHAR_WIDTH = 0.6  # average glyph width per font pixel (Arial/Helvetica: ~0.55; a little more for capitals)
LINE_HEIGHT = 1.25  # label height per font pixel
MARGIN = 1.0  # pixels kept free around each label


@dataclass(frozen=True)
class Mark:
    """A marker that may get a label: screen position (y down), marker radius and the text, all in pixels."""

    key: str
    x: float
    y: float
    radius: float
    text: str
    font_px: float = 11.0


Rect = tuple[float, float, float, float]  # left, top, right, bottom


def text_size(text: str, font_px: float) -> tuple[float, float]:
    """Approximate (width, height) in pixels of one line of text."""
    return len(text) * font_px * CHAR_WIDTH, font_px * LINE_HEIGHT


def label_rect(mark: Mark, position: str) -> Rect:
    """Where plotly puts the mark's label for a textposition, with MARGIN around it.

    plotly moves a label radius / 0.8 + 1 pixels out from the marker's centre on each axis the position names
    (both for a corner), and aligns the text's near edge there.
    """
    vertical, _, horizontal = position.partition(" ")
    if vertical not in ("top", "middle", "bottom") or horizontal not in ("left", "center", "right") \
            or position == "middle center":
        raise ValueError(f"unknown label position {position!r}")
    w, h = text_size(mark.text, mark.font_px)
    off = mark.radius / 0.8 + 1
    if horizontal == "center":
        left = mark.x - w / 2
    else:
        left = mark.x + off if horizontal == "right" else mark.x - off - w
    if vertical == "middle":
        top = mark.y - h / 2
    else:
        top = mark.y - off - h if vertical == "top" else mark.y + off
    return left - MARGIN, top - MARGIN, left + w + MARGIN, top + h + MARGIN


def marker_rect(mark: Mark, share: float = 0.8) -> Rect:
    """The square a marker covers (a share of its radius: a label may graze a round marker's corner)."""
    r = mark.radius * share
    return mark.x - r, mark.y - r, mark.x + r, mark.y + r


def overlaps(a: Rect, b: Rect) -> bool:
    """Two rectangles share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Rect, frame: Rect) -> bool:
    """Rectangle a lies within the frame."""
    return a[0] >= frame[0] and a[1] >= frame[1] and a[2] <= frame[2] and a[3] <= frame[3]


def place_labels(
    marks: Sequence[Mark],
    limit: int,
    frame: Rect | None = None,
    positions: Sequence[str] = POSITIONS,
) -> dict[str, str]:
    """Label positions for at most `limit` marks, taken in the given order (most important first).

    A mark gets the first side where its label stays inside the frame and covers no label placed before it and no
    marker ranked above it (a small marker may lie under a big one's label: the big ones must be named); a mark
    with no such side gets none, its name stays in the hover text. Returns key -> side.
    """
    placed: dict[str, str] = {}
    taken: list[Rect] = []
    above: list[Rect] = []  # markers of the marks looked at so far
    for mark in marks:
        if len(placed) >= limit:
            break
        if mark.text and mark.key not in placed:
            for position in positions:
                rect = label_rect(mark, position)
                if frame is not None and not inside(rect, frame):
                    continue
                if any(overlaps(rect, r) for r in taken) or any(overlaps(rect, r) for r in above):
                    continue
                placed[mark.key] = position
                taken.append(rect)
                break
        above.append(marker_rect(mark))
    return placed
