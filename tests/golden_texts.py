"""The golden articles' texts, for the tests that hold a shortcut to its plain form on real news text."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "data" / "golden"


def golden_texts(lang: str) -> list[str]:
    """The texts of every golden article (dev and holdout) in one language, in a fixed order."""
    return [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob(f"*/{lang}_*.md"))]
