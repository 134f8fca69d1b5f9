"""Articles from where they are: web pages and RSS/Atom feeds. Each page is fetched once (a URL already in the store
is not fetched again), politely (a pause between two requests to one host), within a time and a size limit; every
failure is reported with its URL and reason (timeout, HTTP 404, too many redirects, not a web page) while the rest
goes on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from events.readers import read_page
from events.records import Article, ReadProblem

USER_AGENT = "events-diplomacy-map/1.0 (news event extraction for research)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("xml", "rss", "atom")


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched."""

    timeout: float = 20.0  # seconds to connect, and for the whole download of a page
    max_bytes: int = 10_000_000  # a page larger than this is refused
    host_interval: float = 1.0  # seconds between the starts of two requests to one host
    max_redirects: int = 5
    workers: int = 4  # pages fetched at once (different hosts proceed in parallel)


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason."""


@dataclass(frozen=True)
class Page:
    """A fetched page: the URL it was finally read from, its bytes and content type."""

    url: str
    data: bytes
    content_type: str


@dataclass(frozen=True)
class FeedItem:
    """An item of a feed: the page it links to, with the feed's title and date for it."""

    url: str
    title: str | None = None
    published: date | None = None


def is_url(value: str) -> bool:
    """True for an http(s) URL (an input that is fetched, not read from disk)."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Fetcher:
    """HTTP GET with a timeout, a size limit, a redirect limit and a pause between two requests to one host."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        """A fetcher sharing its connections and its per-host clock between threads."""
        import urllib3

        self.options = options or FetchOptions()
        retries = urllib3.Retry(total=None, connect=0, read=0, status=0, other=0,
                                redirect=self.options.max_redirects, raise_on_redirect=True)
        self._http = urllib3.PoolManager(headers={"User-Agent": USER_AGENT}, retries=retries,
                                         timeout=urllib3.Timeout(connect=self.options.timeout,
                                                                 read=self.options.timeout))
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}  # host -> when its next request may start

    def _wait_turn(self, host: str) -> None:
        """Sleep until this host may be asked again, and book the next turn."""
        with self._lock:
            now = time.monotonic()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + self.options.host_interval
        if at > now:
            time.sleep(at - now)

    def get(self, url: str, accept: tuple[str, ...] = PAGE_TYPES) -> Page:
        """The page at `url`, or FetchError saying why not."""
        import urllib3

        if not is_url(url):
            raise FetchError("not an http(s) URL")
        self._wait_turn(urlsplit(url).netloc.lower())
        start = time.monotonic()
        try:
            response = self._http.request("GET", url, preload_content=False)
        except urllib3.exceptions.MaxRetryError as exc:
            raise FetchError(_reason(exc.reason)) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(_reason(exc)) from exc
        try:
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status} {response.reason or ''}".strip())
            content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if content_type and not any(kind in content_type for kind in accept):
                raise FetchError(f"not a web page (content type {content_type})")
            size = int(response.headers.get("Content-Length") or 0)
            if size > self.options.max_bytes:
                raise FetchError(f"larger than {self.options.max_bytes:,} bytes ({size:,})")
            chunks: list[bytes] = []
            read = 0
            for chunk in response.stream(65_536):
                read += len(chunk)
                if read > self.options.max_bytes:
                    raise FetchError(f"larger than {self.options.max_bytes:,} bytes")
                if time.monotonic() - start > self.options.timeout:
                    raise FetchError(f"timeout (not downloaded within {self.options.timeout:g} s)")
                chunks.append(chunk)
            final = urljoin(url, response.geturl() or "")  # after redirects; urllib3 may give the path alone
            return Page(final, b"".join(chunks), content_type)
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(_reason(exc)) from exc
        finally:
            response.release_conn()


def _reason(exc: Any) -> str:
    """A short reason for a urllib3 failure."""
    import urllib3

    if isinstance(exc, urllib3.exceptions.TimeoutError):
        return "timeout"
    if isinstance(exc, urllib3.exceptions.ResponseError) and "redirect" in str(exc):
        return "too many redirects"
    if isinstance(exc, urllib3.exceptions.NameResolutionError):
        return "unknown host"
    if isinstance(exc, urllib3.exceptions.NewConnectionError):
        return "cannot connect"
    return f"{type(exc).__name__}: {exc}"


def is_feed(page: Page) -> bool:
    """True for a page served as RSS or Atom (or as XML that is not XHTML)."""
    return any(kind in page.content_type for kind in FEED_TYPES) and "xhtml" not in page.content_type


def feed_items(fetcher: Fetcher, feed_url: str) -> tuple[list[FeedItem], list[ReadProblem]]:
    """The items of an RSS/Atom feed, and a problem for the feed or for each item without a usable link."""
    try:
        page = fetcher.get(feed_url, accept=(*FEED_TYPES, *PAGE_TYPES))
    except FetchError as exc:
        return [], [ReadProblem(feed_url, f"feed not fetched: {exc}")]
    return _items(page, feed_url)


def _items(page: Page, feed_url: str) -> tuple[list[FeedItem], list[ReadProblem]]:
    """The items of a fetched feed (see feed_items)."""
    import feedparser

    parsed = feedparser.parse(page.data)
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        return [], [ReadProblem(feed_url, f"not a feed, or a feed with no items{why}")]
    items: list[FeedItem] = []
    problems: list[ReadProblem] = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = urljoin(page.url, entry.get("link") or "")  # feeds may give links relative to themselves
        if not entry.get("link") or not is_url(link):
            problems.append(ReadProblem(f"{feed_url} item {n}", f"no link to an article ({entry.get('link') or 'none'})"))
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(link, entry.get("title") or None, date(*when[:3]) if when else None))
    return items, problems


def read_web(
    urls: Iterable[str], feeds: Iterable[str], fetcher: Fetcher, *, language: str | None = None,
    published: date | None = None, skip: Callable[[str], bool] = lambda url: False,
) -> Iterator[Article | ReadProblem]:
    """The articles of web pages and of the items of feeds: a URL whose content is a feed counts as a feed; pages
    that `skip` says are stored are not fetched again (re-reading a feed reads only its new items)."""
    items: list[FeedItem] = []
    for feed in feeds:
        found, problems = feed_items(fetcher, feed)
        yield from problems
        items += found
    pages = [url for url in dict.fromkeys(urls) if not skip(url)]

    def fetch(url: str) -> Page | ReadProblem:
        try:
            return fetcher.get(url, accept=(*PAGE_TYPES, *FEED_TYPES))
        except FetchError as exc:
            return ReadProblem(url, f"not fetched: {exc}")

    with ThreadPoolExecutor(max(1, fetcher.options.workers)) as pool:
        for url, page in zip(pages, pool.map(fetch, pages), strict=True):
            if isinstance(page, ReadProblem):
                yield page
            elif is_feed(page):
                found, problems = _items(page, url)
                yield from problems
                items += found
            else:
                yield from _read(FeedItem(url), page, language, published)
    yield from read_urls(items, fetcher, language=language, published=published, skip=skip)


def _read(item: FeedItem, page: Page, language: str | None, published: date | None) -> list[Article | ReadProblem]:
    """The article of a fetched page; the feed's title and date, and the site's name, where the page has none."""
    return read_page(item.url, page.data, published=item.published or published, title=item.title,
                     source=urlsplit(page.url).netloc.removeprefix("www."), language=language)


def read_urls(
    targets: Iterable[str | FeedItem], fetcher: Fetcher, *, language: str | None = None,
    published: date | None = None, skip: Callable[[str], bool] = lambda url: False,
) -> Iterator[Article | ReadProblem]:
    """Fetch and read each page once (URLs given twice, or that `skip` says are stored, are not fetched), a few at
    a time; articles and problems come in the order of the targets."""
    seen: set[str] = set()
    todo: list[FeedItem] = []
    for target in targets:
        item = target if isinstance(target, FeedItem) else FeedItem(target)
        if item.url not in seen and not skip(item.url):
            seen.add(item.url)
            todo.append(item)

    def read(item: FeedItem) -> list[Article | ReadProblem]:
        try:
            page = fetcher.get(item.url)
        except FetchError as exc:
            return [ReadProblem(item.url, f"not fetched: {exc}")]
        return _read(item, page, language, published)

    with ThreadPoolExecutor(max(1, fetcher.options.workers)) as pool:
        for found in pool.map(read, todo):
            yield from found
