"""Articles from web pages and feeds, against a local HTTP server: pages read once, feeds' new items only, a pause
between two requests to one host, and every failure (slow page, redirect loop, huge page, 404, an image, a page
without text, a broken feed item) reported with its URL and reason while the rest goes on."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from events.cli import main
from events.records import Article, ReadProblem
from events.store import Store
from events.web import FeedItem, Fetcher, FetchOptions, feed_items, is_url, read_urls
from tests.web_site import Site, serve


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The base URL of a local server of the fixtures."""
    with serve() as base:
        yield base


def quick(**changes: float) -> Fetcher:
    """A fetcher with short limits and no pause, unless told."""
    options = {"timeout": 0.5, "max_bytes": 1_000_000, "host_interval": 0.0, "workers": 4} | changes
    return Fetcher(FetchOptions(**options))  # type: ignore[arg-type]


def test_pages_are_read_and_each_failure_says_why(site: str) -> None:
    urls = [f"{site}/pages/talks_en.html", f"{site}/slow.html", f"{site}/loop", f"{site}/huge.html",
            f"{site}/missing.html", f"{site}/image.png", f"{site}/empty.html", f"{site}/pages/atac_ro.html"]
    items = list(read_urls(urls, quick()))
    articles = [i for i in items if isinstance(i, Article)]
    problems = {p.path: p.message for p in items if isinstance(p, ReadProblem)}
    assert [a.path for a in articles] == [urls[0], urls[-1]]  # in the order given
    talks, attack = articles
    assert talks.title.startswith("Foreign ministers of Armenia") and talks.published == date(2025, 11, 4)
    assert talks.source == "Example Wire" and "Mirzoyan" in talks.text and "Cookie" not in talks.text
    assert attack.language == "ro" and attack.published == date(2025, 11, 5)
    assert problems == {
        urls[1]: "not fetched: timeout",
        urls[2]: "not fetched: too many redirects",
        urls[3]: "not fetched: larger than 1,000,000 bytes",
        urls[4]: "not fetched: HTTP 404 Not Found",
        urls[5]: "not fetched: not a web page (content type image/png)",
        urls[6]: "no text found in the HTML",
    }


def test_a_url_given_twice_or_already_stored_is_not_fetched(site: str) -> None:
    page, other = f"{site}/pages/call_en.html", f"{site}/pages/talks_en.html"
    Site.requests.clear()
    items = list(read_urls([page, page, other], quick(), skip=lambda url: url == other))
    assert [i.path for i in items] == [page] and [p for p, _ in Site.requests] == ["/pages/call_en.html"]


def test_feed_items_resolve_links_and_a_broken_item_is_reported(site: str) -> None:
    items, problems = feed_items(quick(), f"{site}/feed.xml")
    assert items == [FeedItem(f"{site}/pages/talks_en.html", "Foreign ministers of Armenia and Azerbaijan meet in Geneva",
                              date(2025, 11, 4)),
                     FeedItem(f"{site}/pages/atac_ro.html", "Atac cu drone asupra orașului Odesa", date(2025, 11, 5))]
    assert [(p.path, p.message) for p in problems] == [(f"{site}/feed.xml item 2", "no link to an article (none)")]
    assert feed_items(quick(), f"{site}/pages/talks_en.html")[1][0].message.startswith("not a feed")
    assert feed_items(quick(), f"{site}/nofeed.xml")[1][0].message == "feed not fetched: HTTP 404 Not Found"


def test_one_host_is_asked_at_most_once_per_interval(site: str) -> None:
    Site.requests.clear()
    pages = [f"{site}/pages/{name}" for name in ("talks_en.html", "atac_ro.html", "call_en.html")]
    list(read_urls(pages, quick(host_interval=0.4, timeout=5)))
    starts = sorted(t for _, t in Site.requests)
    assert len(starts) == 3 and all(b - a >= 0.35 for a, b in zip(starts, starts[1:], strict=False))


def test_is_url() -> None:
    assert is_url("https://example.org/a") and is_url("http://127.0.0.1:8000/x.html")
    assert not is_url("data/corpus") and not is_url("ftp://example.org/a") and not is_url("https:/nohost")


def test_ingest_a_feed_twice_adds_only_its_new_items(site: str, tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    out, err = io.StringIO(), io.StringIO()
    code = main(["ingest", "--db", str(db), "--quiet", "--fetch-interval", "0", "--feed", f"{site}/feed.xml"],
                out=out, err=err)
    assert code == 1 and "2 new" in out.getvalue()  # the broken item counts as a failed article
    assert f"{site}/feed.xml item 2: no link to an article" in err.getvalue()
    Site.requests.clear()
    out = io.StringIO()
    assert main(["ingest", "--db", str(db), "--quiet", "--fetch-interval", "0", "--feed", f"{site}/feed_later.xml",
                 f"{site}/pages/atac_ro.html"], out=out, err=io.StringIO()) == 0
    assert "1 new" in out.getvalue()
    assert sorted(p for p, _ in Site.requests) == ["/feed_later.xml", "/pages/call_en.html"]  # stored pages skipped
    with Store(db, readonly=True) as store:
        events = store.events_frame()
        assert set(store.articles_frame()["url"].str.removeprefix(site)) >= {"/pages/talks_en.html"}
    found = {(t, "-".join(c)) for t, c in zip(events["event_type"], events["countries"], strict=True)}
    assert {("talks", "ARM-AZE"), ("air_attack", "RUS-UKR"), ("talks", "TUR-UKR")} <= found


def test_extract_reads_a_url_and_needs_some_input(site: str) -> None:
    out = io.StringIO()
    assert main(["extract", "--fetch-interval", "0", f"{site}/pages/call_en.html"], out=out, err=io.StringIO()) == 0
    assert '"event_type": "talks"' in out.getvalue()
    err = io.StringIO()
    assert main(["extract"], out=io.StringIO(), err=err) == 2 and "--feed URL" in err.getvalue()


def test_ingest_web_reads_pages_and_feeds_given_one_per_line(site: str, tmp_path: Path) -> None:
    """The dashboard's Add articles: a feed is recognised by its content, a line that is no address is reported."""
    from events.ingest import ingest_web

    options = FetchOptions(timeout=2, host_interval=0)
    with Store(tmp_path / "w.db") as store:
        lines = f"{site}/feed.xml\n\n  {site}/pages/call_en.html  \nnot an address\n"
        report = ingest_web(store, lines, options=options)
        assert report.new == 3 and ("not an address", "not a web address (http:// or https://)") in report.rejected
        assert (f"{site}/feed.xml item 2", "no link to an article (none)") in report.rejected
        assert ingest_web(store, f"{site}/feed_later.xml", options=options).new == 0  # its items are stored
        assert store.known_paths([f"{site}/pages/atac_ro.html", f"{site}/other"]) == {f"{site}/pages/atac_ro.html"}
