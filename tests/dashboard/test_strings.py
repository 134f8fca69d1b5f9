"""Tests for events.dashboard.strings: labels, escaping, spans and numbers, the search's caption."""

from __future__ import annotations

from datetime import date

from events.dashboard import countries, strings


def test_labels_and_escaping() -> None:
    assert strings.count_label("Russia", 1234) == "Russia (1,234)"
    assert strings.count_label("RUS", 3, "Russia · RUS") == "Russia · RUS (3)"
    assert countries.country_names()["UKR"] == "Ukraine"
    assert strings.md_escape("[x](javascript:alert(1)) **b** :material/home:") == (
        "\\[x\\]\\(javascript\\:\u2060alert\\(1\\)\\) \\*\\*b\\*\\* \\:\u2060material/home\\:"
    )  # the word joiner after a colon before a word: Streamlit would draw :material/home: as an icon
    assert strings.safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert strings.safe_url("javascript:alert(1)") is None and strings.safe_url(None) is None
    assert strings.span_text(date(2025, 8, 15), date(2025, 9, 3)) == "15 Aug – 3 Sep 2025"
    assert strings.span_text(date(2024, 12, 28), date(2025, 1, 3)) == "28 Dec 2024 – 3 Jan 2025"
    assert strings.span_text(None, None) == "—" and strings.span_text(date(2025, 1, 2), date(2025, 1, 2)) == "2 Jan 2025"
    assert strings.span_parts(date(2025, 2, 13), date(2025, 12, 1)) == ("2025", "13 Feb – 1 Dec")
    assert strings.span_parts(date(2024, 2, 13), date(2025, 12, 1)) == ("", "Feb ’24 – Dec ’25")
    assert strings.span_parts(date(2025, 2, 13), date(2025, 2, 13)) == ("", "13 Feb 2025")
    assert [strings.compact_number(n) for n in (0, 9_999, 12_345, 399_527, 1_000_000, 123_456_789)] == [
        "0", "9,999", "12.3k", "400k", "1.0M", "123M"
    ]


def test_search_caption_counts_articles_sentences_and_events() -> None:
    from events.search import SearchHits

    hits = SearchHits("brasov", frozenset({"a1", "a2"}), frozenset({"e1"}))
    assert strings.search_caption(hits, "brasov", 5) == ("Found in 2 articles (title or text) and 1 evidence sentence: "
                                                     "5 events match the filters.")
    fallback = SearchHits("AND", frozenset({"a1"}), frozenset(), notice="Searched 'AND' as plain words: …")
    assert strings.search_caption(fallback, "AND", 1).startswith("Searched 'AND' as plain words: … Found in 1 article")
    assert strings.search_caption(None, "x", 1) == ("Searched the evidence sentences only (this store has no full-text "
                                                 "index): 1 event matches the filters.")
    assert strings.search_caption(SearchHits('"', searched=False, notice="Nothing to search for"), '"', 9) == (
        "Nothing to search for")
    assert strings.search_caption(None, "", 3) == ""


def test_page_captions() -> None:
    assert strings.page_caption(1234, 20, 20) == "Talks, summits and air attacks read from 1,234 news articles · 20 events"
    assert strings.page_caption(9, 3, 2000).endswith(" · **3 of 2,000 events match the filters**")
    assert strings.table_caption(12, 12) == "12 events, newest first — click a column header to sort, a row to see it."
    assert strings.table_caption(25_000, 30_000).startswith("The 25,000 most recent of 30,000 events — narrow")
    assert strings.marker_caption(7, 7, "week") == "The clicked marker stands for 7 events in one week — pick one to see it."
    assert strings.marker_caption(200, 1500, "month").startswith("The clicked marker stands for the 200 most recent of 1,500")
    assert strings.compare_caption(True, 2) == "Showing the sidebar's actors; choose others above."
    assert strings.compare_caption(False, 6) == "Showing the 6 actors with the most events; choose others above."


def test_granularity_and_progress_texts() -> None:
    assert strings.granularity_label("auto", "week") == "Auto (week)" and strings.granularity_label("day", "week") == "day"
    assert strings.progress_text(3, 10, "a_b.txt") == "3/10 a\\_b\\.txt"  # a file name is escaped for Markdown
    assert strings.progress_text(1, 2, "x", "Reading ", ": ") == "Reading 1/2: x"
