"""HTML metadata and fallbacks, RSS/Atom feeds, URLs served from 127.0.0.1, published dates."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import trafilatura

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest import parse_published, read_sources
from debrief.options import IngestOptions

PARAGRAPHS = (
    "Russian warplanes struck 289 targets in eight provinces of Syria over the past three days, "
    "the Russian Defense Ministry said on Friday.",
    "The ministry's spokesman, Igor Konashenkov, said that the strikes hit command posts, "
    "ammunition depots and fuel storage sites in Homs, Hama and Idlib provinces.",
    "There have been no S-400s in Syria, he said. This is disinformation.",
)

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Russian jets strike 289 targets | Example Times</title>
<meta property="og:title" content="Russian jets strike 289 targets in Syria">
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2015-11-13T10:00:00+03:00">
<link rel="canonical" href="https://example.com/world/2015/nov/13/syria-strikes">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Russian jets strike 289 targets in Syria</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer>Copyright Example Times. All rights reserved.</footer>
</body></html>"""


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


# ---------------------------------------------------------------- HTML


def test_html_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(list(read_sources([str(path)])))
    assert isinstance(doc, Document)
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.info.title == "Russian jets strike 289 targets in Syria"
    assert doc.info.publisher == "The Example Times"
    assert doc.info.url == "https://example.com/world/2015/nov/13/syria-strikes"
    assert doc.info.published is not None
    assert (doc.info.published.date, doc.info.published.precision) == ("2015-11-13", "day")
    assert doc.info.published.inferred is False
    assert doc.info.source == str(path)
    assert doc.info.language == "en"


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "legacy.htm"
    body = "<p>Caf\u00e9 owners in Aleppo said the \u201cstrikes\u201d began at dawn.</p>"
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    page = f"<html><head>{meta}</head><body>{body}</body></html>"
    path.write_bytes(page.encode("cp1252"))
    doc = only(list(read_sources([str(path)])))
    assert isinstance(doc, Document)
    assert doc.text == "Caf\u00e9 owners in Aleppo said the \u201cstrikes\u201d began at dawn."


def test_html_without_charset_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes(b"<html><body><p>Caf\xe9</p></body></html>")
    error = only(list(read_sources([str(path)])))
    assert isinstance(error, InputError)
    assert error.problem == "not valid UTF-8 (byte 0xe9 at offset 18)"


def test_malformed_html_still_gives_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><div><p>Shelling in Idlib<br>killed <b>three</p></span> people</table>", encoding="utf-8"
    )
    doc = only(list(read_sources([str(path)])))
    assert isinstance(doc, Document)
    assert doc.text.split() == ["Shelling", "in", "Idlib", "killed", "three", "people"]


def test_lxml_fallback_when_trafilatura_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("simulated extractor crash")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Fallback title</title><style>p {color: red}</style></head><body>"
        "<div><p>Shelling in Idlib<br>killed <b>three</p></span> people</table>"
        "<ul><li>one</li><li>two</li></ul><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    doc = only(list(read_sources([str(path)])))
    assert isinstance(doc, Document)
    assert doc.text == "Shelling in Idlib\nkilled three\npeople\n\none\n\ntwo"
    assert doc.info.title == "Fallback title"
    (tmp_path / "empty.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    error = only(list(read_sources([str(tmp_path / "empty.html")])))
    assert isinstance(error, InputError)
    assert error.problem == "no readable text in HTML (trafilatura failed: ValueError: simulated extractor crash)"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><<<>>></html>",
        "<html><head><title>Only a title</title></head><body><script>var x = 1;</script></body></html>",
        "<html><body>   <img src='a.png'>  </body></html>",
    ],
)
def test_html_without_readable_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "nothing.html"
    path.write_text(markup, encoding="utf-8")
    error = only(list(read_sources([str(path)])))
    assert isinstance(error, InputError)
    assert (error.source, error.problem) == (str(path), "no readable text in HTML")


# ---------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire: Syria</title><link>https://example.com/</link><language>en-us</language>
<item><title>Strikes on Homs</title><link>https://example.com/1</link>
<pubDate>Fri, 13 Nov 2015 10:00:00 +0300</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Jets struck <b>Homs</b> overnight.</p>
<p>Three were killed.</p>]]></content:encoded>
</item>
<item><title>Empty one</title><link>https://example.com/2</link></item>
<item><title>Talks &amp; truce</title><link>https://example.com/3</link>
<description>&lt;p&gt;Talks resumed in Geneva.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Monitor</title><id>urn:x</id><updated>2016-02-01T00:00:00Z</updated>
<entry><title>Clashes near Aleppo</title><link href="https://example.org/a"/><id>urn:a</id>
<updated>2016-02-01T08:00:00Z</updated><published>2016-01-31T23:00:00-05:00</published>
<summary>Clashes were reported near Aleppo.</summary></entry>
</feed>"""


def test_rss_feed_entries(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = list(read_sources([str(path)]))
    assert isinstance(first, Document) and isinstance(third, Document)
    assert first.text == "Jets struck Homs overnight.\n\nThree were killed."
    assert (first.info.title, first.info.url, first.info.publisher) == (
        "Strikes on Homs",
        "https://example.com/1",
        "Example Wire: Syria",
    )
    assert first.info.published is not None
    assert (first.info.published.date, first.info.published.precision) == ("2015-11-13", "day")
    assert first.info.source == f"{path}:1"
    assert isinstance(second, InputError)
    assert (second.source, second.problem) == (f"{path}:2", "entry has no content or summary")
    assert third.text == "Talks resumed in Geneva."
    assert third.info.title == "Talks & truce"
    assert third.info.published is None


def test_atom_feed_keeps_the_writers_date(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    doc = only(list(read_sources([str(path)])))
    assert isinstance(doc, Document)
    assert doc.text == "Clashes were reported near Aleppo."
    assert doc.info.url == "https://example.org/a"
    assert doc.info.published is not None and doc.info.published.date == "2016-01-31"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "timeml.xml"
    path.write_text('<?xml version="1.0"?><TimeML><TEXT>Nothing here.</TEXT></TimeML>', encoding="utf-8")
    error = only(list(read_sources([str(path)])))
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert error.problem.startswith(("not an RSS/Atom feed", "feed has no entries"))


# ---------------------------------------------------------------- URLs


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/article.html": (200, "text/html; charset=utf-8", PAGE.encode("utf-8")),
        "/feed": (200, "application/rss+xml", RSS.encode("utf-8")),
        "/plain": (200, "text/plain; charset=utf-8", PARAGRAPHS[0].encode("utf-8")),
        "/report.pdf": (200, "application/pdf", b"%PDF-1.4 binary"),
        "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
    }

    def do_GET(self) -> None:
        self.server.agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        status, kind, body = self.routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return


@pytest.fixture
def httpd() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # do not wait for the deliberately slow handler
    httpd.agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}"


def test_url_page(server: str) -> None:
    url = f"{server}/article.html"
    doc = only(list(read_sources([url])))
    assert isinstance(doc, Document)
    assert PARAGRAPHS[2] in doc.text
    assert doc.info.source == url
    assert doc.info.title == "Russian jets strike 289 targets in Syria"
    assert doc.info.published is not None and doc.info.published.date == "2015-11-13"


def test_url_redirect_feed_and_plain(server: str) -> None:
    items = list(read_sources([f"{server}/moved", f"{server}/feed", f"{server}/plain"]))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "InputError", "Document", "Document"]
    moved, feed_first, _, _, plain = items
    assert isinstance(moved, Document) and moved.info.source == f"{server}/moved"
    assert isinstance(feed_first, Document) and feed_first.info.source == f"{server}/feed:1"
    assert isinstance(plain, Document) and plain.text == PARAGRAPHS[0]


def test_url_errors(server: str) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    closed.close()
    sources = [f"{server}/missing", f"{server}/report.pdf", f"{server}/big", f"{server}/slow", dead]
    items = list(read_sources(sources, IngestOptions(max_bytes=1000, timeout=0.5)))
    assert all(isinstance(i, InputError) for i in items), items
    got = [(i.source, i.problem) for i in items if isinstance(i, InputError)]
    assert got[0] == (f"{server}/missing", "could not fetch: HTTP 404 Not Found")
    assert got[1] == (f"{server}/report.pdf", "binary page (looks like PDF)")
    assert got[2] == (f"{server}/big", "too large (4.9 KB, limit 1.0 KB)")
    assert got[3][0] == f"{server}/slow" and got[3][1].startswith("could not fetch: ")
    assert "timed out" in got[3][1]
    assert got[4][0] == dead and got[4][1].startswith("could not fetch: ")


def test_url_sends_user_agent(httpd: ThreadingHTTPServer, server: str) -> None:
    only(list(read_sources([f"{server}/plain"], IngestOptions(user_agent="debrief-test/1"))))
    only(list(read_sources([f"{server}/plain"])))
    assert httpd.agents == ["debrief-test/1", IngestOptions().user_agent]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- published dates


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2015-11-13", "2015-11-13", "day"),
        ("2015-11-13T23:30:00-05:00", "2015-11-13", "day"),
        ("2015-11-13 10:00:00Z", "2015-11-13", "day"),
        ("2015-11", "2015-11-01", "month"),
        ("2015", "2015-01-01", "year"),
        ("Fri, 13 Nov 2015 23:00:00 -0500", "2015-11-13", "day"),
        ("November 13, 2015", "2015-11-13", "day"),
        ("13 Nov. 2015 5:00 PM EST", "2015-11-13", "day"),
        ("November 2015", "2015-11-01", "month"),
        (2015, "2015-01-01", "year"),
        (1447408800, "2015-11-13", "day"),
        (1447408800000, "2015-11-13", "day"),
        (date(2015, 11, 13), "2015-11-13", "day"),
    ],
)
def test_parse_published(value: object, expected: str, precision: str) -> None:
    parsed = parse_published(value)
    assert parsed is not None
    assert (parsed.date, parsed.precision, parsed.inferred) == (expected, precision, False)


@pytest.mark.parametrize("value", ["", "garbage", "Su-24M", "yesterday", "2015-13-45", None, True, {"a": 1}, 12.5])
def test_unparseable_published_is_none(value: object) -> None:
    assert parse_published(value) is None
