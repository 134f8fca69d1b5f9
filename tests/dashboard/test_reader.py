"""Tests for events.dashboard.reader: an event's details and the highlighted article."""

from __future__ import annotations

import pandas as pd

from events.dashboard import reader


def test_event_details(df: pd.DataFrame) -> None:
    rows = df.set_index("report_id", drop=False)
    d = dict(reader.event_details(rows.loc["ev05"].to_dict()))
    assert d["Type"] == "air attack" and d["Status"] == "occurred"
    assert d["Date"] == "2025-09-02 — written “marți”"
    assert d["Actors"] == "Russia (country, RUS, initiator); Kyiv (city, UKR, target)"
    assert d["Place"] == "Kyiv (UKR; 50.450, 30.523)"
    assert d["Confidence"] == "0.50" and d["Source"] == "Agerpres"
    undated = dict(reader.event_details(rows.loc["ev06"].to_dict()))
    assert undated["Date"] == "not stated (published 2025-09-03)"
    month = dict(reader.event_details(rows.loc["ev03"].to_dict()))
    assert month["Date"] == "2025-09-01 (month) — written “luna viitoare”"
    page = reader.details_html([("Actors", "<script>x</script>")], "a <b>b</b>")
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page and "a &lt;b&gt;b&lt;/b&gt;" in page


def _events(text: str, *specs: tuple[str, str, str, str]) -> pd.DataFrame:
    """Events (id, type, status, sentence) located by their sentence in text."""
    rows = []
    for eid, etype, status, sentence in specs:
        start = text.find(sentence)
        rows.append(
            {"report_id": eid, "event_type": etype, "status": status, "sentence": sentence,
             "start": start if start >= 0 else 0, "end": start + len(sentence) if start >= 0 else 5}
        )  # fmt: skip
    return pd.DataFrame(rows)


def test_article_html_escapes_and_highlights() -> None:
    text = "Intro <script>alert(1)</script>.\nRussia attacked Kyiv.\nThe two sides held talks in Geneva & Bern."
    ev = _events(
        text,
        ("e1", "air_attack", "occurred", "Russia attacked Kyiv."),
        ("e2", "talks", "planned", "The two sides held talks in Geneva & Bern."),
    )
    page = reader.article_html(text, ev, selected="e2")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<mark") == 2 and "Geneva &amp; Bern." in page
    assert ">air attack</span>" in page and ">talks · planned</span>" in page
    assert page.index("air attack</span>") < page.index("Russia attacked") < page.index("talks · planned</span>")
    assert "box-shadow" in page.split('data-event="e2"')[1].split(">")[0]  # the selected event stands out
    assert "white-space:pre-wrap" in page  # paragraphs kept


def test_article_html_overlaps_fallback_and_missing() -> None:
    text = "Alpha beta gamma. Delta epsilon."
    ev = pd.DataFrame(
        [
            {"report_id": "a", "event_type": "talks", "status": "occurred", "sentence": "Alpha beta gamma.", "start": 0, "end": 17},
            {"report_id": "b", "event_type": "summit", "status": "occurred", "sentence": "beta gamma. Delta", "start": 6, "end": 23},
            # stale offsets: found again by its sentence
            {"report_id": "c", "event_type": "air_attack", "status": "occurred", "sentence": "Delta epsilon.", "start": 99, "end": 120},
            {"report_id": "d", "event_type": "talks", "status": "occurred", "sentence": "Not in the text.", "start": None, "end": None},
        ]
    )  # fmt: skip
    spans, missing = reader.locate_events(text, ev)
    assert [(s.report_id, s.start, s.end) for s in spans] == [("a", 0, 17), ("b", 6, 23), ("c", 18, 32)]
    assert missing == ["d"]
    page = reader.article_html(text, ev)
    # segments: [0,6) a · [6,17) a+b · [17,18) b · [18,23) b+c · [23,32) c
    assert page.count("<mark") == 5
    assert "1 event whose sentence could not be located" in page
    assert reader.article_html("", ev.iloc[:0]).count("<mark") == 0


def test_article_label() -> None:
    assert reader.article_label("Title", "a/b.md", "Wire", pd.Timestamp("2025-09-03"), 3) == "Title — Wire, 2025-09-03 (3 events)"
    assert reader.article_label(None, "seeds/000.txt", None, pd.NaT) == "000.txt"
    assert reader.article_label("x" * 100, "", "", None).endswith("…")


# ---------------------------------------------------------------- the picker and the heading


def articles_frame(n: int) -> pd.DataFrame:
    """n articles a0..a{n-1}, a later one published later, indexed by article_id as the page reads them."""
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)], "title": [f"Title {i}" for i in range(n)],
        "path": [f"in/{i}.txt" for i in range(n)], "source": ["Wire"] * n,
        "published": pd.to_datetime([f"2025-01-{i + 1:02d}" for i in range(n)]), "n_events": [1] * n,
    }).set_index("article_id")


def test_article_choices_most_recent_first_and_the_one_asked_for() -> None:
    arts = articles_frame(5)
    sel = pd.DataFrame({"article_id": ["a1", "a3", "a3", "a0", "gone"]})
    assert reader.article_choices(arts, sel, None, 10) == (["a3", "a1", "a0"], 4)
    assert reader.article_choices(arts, sel, None, 2) == (["a3", "a1"], 4)
    assert reader.article_choices(arts, sel, "a4", 2) == (["a4", "a3", "a1"], 4)  # a click elsewhere: listed first
    assert reader.article_choices(arts, sel, "a1", 2) == (["a3", "a1"], 4)
    assert reader.article_choices(arts, sel.iloc[0:0], "x", 2) == ([], 0)
    assert reader.picker_note(4, 2) == " (the 2 most recent of 4)" and reader.picker_note(4, 4) == ""
    assert reader.picker_label(arts, "a2") == "Title 2 — Wire, 2025-01-03 (1 event)"


def test_article_title_and_caption() -> None:
    from datetime import date

    from events.records import Article

    art = Article(article_id="x", path="in/kyiv.txt", text="t", title=None, published=date(2025, 9, 3), language="ro",
                  source="Wire")
    assert reader.article_title(art) == "kyiv.txt"
    assert reader.article_caption(art, 1234) == "Wire · 2025-09-03 · ro · in/kyiv.txt · 1,234 events highlighted"
