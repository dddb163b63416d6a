"""http(s) URLs: fetched with urllib (timeout, User-Agent, size limit) and read as HTML — or as a
feed or plain text when the server says so."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest.feeds import feed_items, looks_like_feed
from debrief.ingest.sniff import format_mb, looks_like_html, too_large
from debrief.ingest.text import bytes_document
from debrief.options import IngestOptions

Item = Document | InputError
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,text/*;q=0.8"
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    data: bytes
    url: str  # after redirects
    content_type: str
    charset: str | None


def fetch(url: str, options: IngestOptions) -> Fetched:
    """GET `url`; InputError "could not fetch: ..." on any network or HTTP failure."""
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent, "Accept": _ACCEPT})
    limit = options.max_bytes
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise InputError(url, too_large(int(length), limit))
            data = response.read(limit + 1)
            if len(data) > limit:
                raise InputError(url, f"too large (over the {format_mb(limit)} limit)")
            return Fetched(
                data=data,
                url=response.geturl() or url,
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        raise InputError(url, f"could not fetch: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"could not fetch: {exc.reason}") from exc
    except TimeoutError as exc:
        raise InputError(url, f"could not fetch: timed out after {options.timeout:g} s") from exc
    except (http.client.HTTPException, ValueError, OSError) as exc:
        raise InputError(url, f"could not fetch: {type(exc).__name__}: {exc}") from exc


def read_url(url: str, options: IngestOptions) -> Iterator[Item]:
    try:
        page = fetch(url, options)
    except InputError as exc:
        yield exc
        return
    kind = page.content_type
    if kind in _FEED_TYPES or (kind in _XML_TYPES and looks_like_feed(page.data)):
        yield from feed_items(page.data, url)
        return
    html = kind != "text/plain" or looks_like_html(page.data)
    try:
        yield bytes_document(page.data, url, html=html, charset=page.charset, url=page.url, noun="page")
    except InputError as exc:
        yield exc
