"""A loopback HTTP server for the demo site, the tests and the crawl benchmark.

Serves a folder, replacing the literal ``{{BASE}}`` in every text file with the request's base
URL (``http://127.0.0.1:PORT``), with ETag / Last-Modified validators and 304 answers. Under
``/broken/`` it also answers the kinds of bad input a crawler meets:

    /broken/404 /broken/410 /broken/500   that status, always
    /broken/slow?seconds=N                 sleeps N seconds (at most 10) before a small page
    /broken/redirect-loop                  redirects to /broken/redirect-loop-2, which redirects back
    /broken/huge                           a 12 MiB HTML page, above the crawler's 10 MiB cap
    /broken/report.pdf /broken/chart.png   non-HTML content
    /broken/sitemap.xml /broken/feed.xml   200 responses whose XML is invalid

Usable from the command line (prints the base URL, serves until interrupted)::

    python demo/server.py --port 0 --root demo/site

and from Python, as a context manager that records every request::

    with DemoServer("demo/site") as server:
        server.base_url            # http://127.0.0.1:PORT
        server.set_page("/a.html", "<html>…</html>")   # change a page between crawls
        server.delay = 0.2         # slow every response down
        server.requests            # [RequestRecord(path, headers, status), ...]
"""
from __future__ import annotations

import argparse
import email.utils
import hashlib
import mimetypes
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PLACEHOLDER = b"{{BASE}}"
TEXT_TYPES = (".html", ".htm", ".xml", ".txt", ".json", ".rss", ".atom")
MAX_SLOW_SECONDS = 10.0
HUGE_PAGE_BYTES = 12 * 1024 * 1024
# Types the crawler must see as non-HTML; charset-less text/html lets pages declare their own.
CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".xml": "application/xml",
    ".rss": "application/rss+xml", ".atom": "application/atom+xml",
    ".txt": "text/plain; charset=utf-8", ".json": "application/json",
}
# Smallest valid files of each kind, so the crawler sees real PDF/PNG bytes.
PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
             b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@dataclass
class RequestRecord:
    """One request the server answered."""

    path: str
    headers: dict[str, str]
    status: int = 0
    time: float = field(default_factory=time.time)


@dataclass
class Page:
    body: bytes
    content_type: str
    last_modified: float
    # host -> (body with {{BASE}} filled in, ETag): computed once per page and host, so the
    # server's own CPU (it shares the machine with the crawler under test) stays small.
    rendered: dict[str, tuple[bytes, str]] = field(default_factory=dict, repr=False)

    def render(self, host: str) -> tuple[bytes, str]:
        if host not in self.rendered:
            body = self.body
            if self.content_type.startswith(("text/", "application/xml", "application/rss",
                                              "application/atom", "application/json")):
                body = body.replace(PLACEHOLDER, f"http://{host}".encode("ascii"))
            self.rendered[host] = body, '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        return self.rendered[host]


class DemoServer:
    """Serve ``root`` on 127.0.0.1 from a background thread."""

    def __init__(self, root: str | os.PathLike, *, host: str = "127.0.0.1", port: int = 0,
                 delay: float = 0.0, log: bool = True):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"site folder not found: {self.root}")
        self.delay = delay
        self.log = log
        self.requests: list[RequestRecord] = []
        self._overrides: dict[str, Page] = {}
        self._files: dict[Path, Page] = {}  # read once, read again when the file changes
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = _QuietServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    def set_page(self, path: str, content: str | bytes, content_type: str = "text/html") -> None:
        """Serve ``content`` at ``path`` from now on (new ETag and Last-Modified)."""
        body = content.encode("utf-8") if isinstance(content, str) else content
        with self._lock:
            self._overrides["/" + path.lstrip("/")] = Page(body, content_type, time.time())

    def requested(self, path: str) -> list[RequestRecord]:
        """Requests whose path (without the query) is ``path``."""
        return [r for r in list(self.requests) if urlsplit(r.path).path == path]

    def start(self) -> DemoServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                        name="demo-server")
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def page(self, path: str) -> Page | None:
        """The page for a URL path: an override, else a file under root (None if absent)."""
        with self._lock:
            for key in (path, path + "index.html" if path.endswith("/") else path):
                if key in self._overrides:
                    return self._overrides[key]
        relative = unquote(path).lstrip("/")
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root):
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return None
        modified = target.stat().st_mtime
        cached = self._files.get(target)
        if cached is None or cached.last_modified != modified:
            content_type = CONTENT_TYPES.get(target.suffix.lower()) \
                or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            cached = self._files[target] = Page(target.read_bytes(), content_type, modified)
        return cached


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A crawler that gives up on a huge or slow page closes the connection mid-answer.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    site: DemoServer
    protocol_version = "HTTP/1.1"
    server_version = "saidwhat-demo/0.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- stdlib name
        if self.site.log and os.environ.get("DEMO_SERVER_LOG"):
            super().log_message(format, *args)

    def _record(self, status: int) -> None:
        self.site.requests.append(RequestRecord(self.path, dict(self.headers.items()), status))

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self._record(status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802 -- stdlib name
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802 -- stdlib name
        if self.site.delay:
            time.sleep(self.site.delay)
        parts = urlsplit(self.path)
        if parts.path.startswith("/broken/"):
            return self._broken(parts.path, parse_qs(parts.query))
        page = self.site.page(parts.path)
        if page is None:
            return self._send(404, b"<html><body><h1>Not found</h1></body></html>")
        body, etag = page.render(self.headers.get("Host") or "%s:%s" % self.server.server_address[:2])
        last_modified = email.utils.formatdate(int(page.last_modified), usegmt=True)
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if self._not_modified(etag, int(page.last_modified)):
            self._record(304)
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, body, page.content_type, validators)

    def _not_modified(self, etag: str, modified: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match == "*"
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return modified <= since
        return False

    def _broken(self, path: str, query: dict[str, list[str]]) -> None:
        name = path.removeprefix("/broken/")
        if name in ("404", "410", "500"):
            status = int(name)
            return self._send(status, f"<html><body><h1>Error {status}</h1></body></html>".encode())
        if name == "slow":
            seconds = min(float(query.get("seconds", ["5"])[0]), MAX_SLOW_SECONDS)
            time.sleep(seconds)
            return self._send(200, b"<html><body><p>Finally.</p></body></html>")
        if name in ("redirect-loop", "redirect-loop-2"):
            target = "/broken/redirect-loop-2" if name == "redirect-loop" else "/broken/redirect-loop"
            return self._send(302, b"", headers={"Location": target})
        if name == "huge":
            filler = b"<p>" + b"Lorem ipsum dolor sit amet. " * 36 + b"</p>\n"
            body = b"<html><body>" + filler * (HUGE_PAGE_BYTES // len(filler) + 1) + b"</body></html>"
            return self._send(200, body)
        if name == "report.pdf":
            return self._send(200, PDF_BYTES, "application/pdf")
        if name == "chart.png":
            return self._send(200, PNG_BYTES, "image/png")
        if name == "sitemap.xml":
            return self._send(200, b'<?xml version="1.0"?><urlset><url><loc>oops</url></urlset',
                              "application/xml")
        if name == "feed.xml":
            return self._send(200, b'<?xml version="1.0"?><rss><channel><item><title>x</channel>',
                              "application/rss+xml")
        return self._send(404, b"<html><body><h1>Not found</h1></body></html>")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a demo site on the loopback interface.")
    parser.add_argument("--root", default=str(Path(__file__).parent / "site"),
                        help="site folder to serve (default: demo/site)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    args = parser.parse_args(argv)
    server = DemoServer(args.root, port=args.port, delay=args.delay)
    print(server.base_url, flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


if __name__ == "__main__":
    sys.exit(main())
