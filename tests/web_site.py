"""A local web site for the tests of reading from the web: the fixtures of tests/data/web, plus pages that go
wrong (slow, a redirect loop, huge, missing, an image, a page without text)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "data" / "web"


class Site(BaseHTTPRequestHandler):
    """The fixtures of tests/data/web, plus pages that go wrong."""

    requests: list[tuple[str, float]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the client gave up (the slow page): expected
            pass

    def do_GET(self) -> None:
        Site.requests.append((self.path, time.monotonic()))
        name = self.path.rsplit("/", 1)[-1]
        if self.path.startswith("/pages/") and (PAGES / name).exists():
            self._send(200, (PAGES / name).read_bytes())
        elif name.startswith("feed"):
            self._send(200, (PAGES / name).read_bytes(), "application/rss+xml")
        elif name == "slow.html":
            time.sleep(1.5)
            self._send(200, b"<html><body><p>late</p></body></html>")
        elif name in ("loop", "loop2"):
            self._send(302, b"", headers={"Location": "/loop2" if name == "loop" else "/loop"})
        elif name == "huge.html":  # no Content-Length: only counting the bytes finds out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):  # refused once past the limit: expected
                pass
        elif name == "image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        elif name == "empty.html":
            self._send(200, b"<html><head><title>Nothing</title></head><body><nav></nav></body></html>")
        else:
            self._send(404, b"not found")


@contextmanager
def serve() -> Iterator[str]:
    """Serve the site on a free local port while in the block; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
